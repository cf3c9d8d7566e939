using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Tests;

/// <summary>
/// <c>vrrp_track_process</c> blocks and the <c>track_process { }</c> lines of instances and sync groups,
/// read as keepalived 2.2.7 reads them (messages checked against <c>keepalived -t</c> on the corpus
/// files, which <see cref="KeepalivedOracleTests"/> runs again).
/// </summary>
public sealed class TrackProcessReaderTests
{
    [Test]
    public void Blocks_lines_and_sync_group_processes_are_read_with_keepalived_defaults()
    {
        RouterConfig c = CorpusFiles.ReadClean("ok-track-process.conf");

        // 'unused' is tracked by nothing; parameters imply full_command and an exact match unless param_match says otherwise.
        Assert.That(c.Processes.Select(p => p.Name), Is.EqualTo(new[] { "web", "worker", "none_wanted" }));
        TrackedProcess web = c.Processes[0];
        Assert.That((web.Process, web.Weight, web.Reverse, web.Quorum, web.QuorumMax, web.FullCommand, web.Match), Is.EqualTo(("nginx", -20, true, 2u, 4u, false, ParamMatch.None)));
        Assert.That((web.TerminateDelay, web.ForkDelay), Is.EqualTo((Duration.FromMilliseconds(1500), Duration.FromMilliseconds(250))), "delay sets both, fork_delay after it overrides one");
        TrackedProcess worker = c.Processes[1];
        Assert.That((worker.Process, worker.Weight, worker.Quorum, worker.QuorumMax, worker.FullCommand, worker.Match), Is.EqualTo(("/usr/bin/python3", 0, 1u, uint.MaxValue, true, ParamMatch.Partial)));
        Assert.That(worker.Parameters, Is.EqualTo(new[] { "/srv/worker.py", "--queue" }));
        TrackedProcess none = c.Processes[2];
        Assert.That((none.Quorum, none.QuorumMax, none.FullCommand, none.TerminateDelay, none.ForkDelay), Is.EqualTo((0u, 0u, true, Duration.FromSeconds(2), Duration.Zero)));

        // VI_1's own worker line wins over its group's; VI_2 tracks the group's line; VI_3's lines override weight and reverse.
        Assert.That(c.Instances[0].TrackProcesses, Is.EqualTo(new[] { new ProcessTrack("web", -20, true), new ProcessTrack("worker", 10, false) }));
        Assert.That(c.Instances[1].TrackProcesses, Is.EqualTo(new[] { new ProcessTrack("worker", 0, false) }));
        Assert.That(c.Instances[2].TrackProcesses, Is.EqualTo(new[] { new ProcessTrack("none_wanted", 5, false), new ProcessTrack("web", 30, true) }));
    }

    [Test]
    public void Bad_blocks_and_lines_get_keepalived_messages_at_their_position()
    {
        ConfigReadResult r = CorpusFiles.ReadWithMessages("bad-track-process.conf",
            "5:16: warning: quorum_max is less than quorum - ignoring",
            "6:12: warning: number '300' outside range [-254, 254]",
            "6:12: warning: Weight (300) for vrrp_track_process p1 must be between [-254..254] inclusive. Ignoring...",
            "7:11: warning: number '0' outside range [0.000001, 3600.000000]",
            "7:11: warning: delay (0) for vrrp_track_process p1 must be between [0.000001..3600] inclusive. Ignoring...",
            "9:1: warning: track process 'p2' process name not specified",
            "15:14: warning: vrrp_track_process p3 unknown weight option foo",
            "16:12: warning: number '0' outside range [1, 65535]",
            "16:12: warning: Quorum (0) for vrrp_track_process p3 must be between [1..65535] inclusive. Ignoring...",
            "17:17: warning: Invalid param_match type what - ignoring",
            "26:9: warning: (VI_1) duplicate track_process p1 - ignoring",
            "27:9: warning: (VI_1) track process p9 not found, ignoring...",
            "28:12: warning: (VI_1) weight without value specified for track process p3 - ignoring",
            "29:12: warning: (VI_1) unknown track process option bar - ignoring",
            "30:19: warning: number '400' outside range [-254, 254]",
            "30:19: warning: (VI_1) weight for track process p3 must be in [-254..254] inclusive. Ignoring...",
            "30:23: warning: (VI_1) unknown track_process p3 weight option rev - ignoring");

        // Refused values keep keepalived's defaults; the weight with the unknown option is still tracked (as keepalived does).
        TrackedProcess p1 = r.Config!.Processes.Single(p => p.Name == "p1");
        Assert.That((p1.Quorum, p1.QuorumMax, p1.Weight, p1.Match, p1.FullCommand), Is.EqualTo((2u, uint.MaxValue, 0, ParamMatch.Partial, true)));
        Assert.That(p1.Parameters, Is.EqualTo(new[] { "9999", "abc" }));
        TrackedProcess p3 = r.Config.Processes.Single(p => p.Name == "p3");
        Assert.That((p3.Weight, p3.Quorum, p3.Match, p3.TerminateDelay), Is.EqualTo((5, 1u, ParamMatch.None, Duration.FromMilliseconds(1500))));
        Assert.That(r.Config.Instances[0].TrackProcesses, Is.EqualTo(new[] { new ProcessTrack("p1", 0, false), new ProcessTrack("p3", 5, false) }));
    }
}
