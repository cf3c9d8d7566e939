namespace VrrpLab.Config.Tests;

/// <summary>
/// <c>track_file</c> blocks and the <c>track_file { }</c> lines of instances and sync groups, read as
/// keepalived 2.2.7 reads them (messages checked against <c>keepalived -t</c> on the corpus files,
/// which <see cref="KeepalivedOracleTests"/> runs again).
/// </summary>
public sealed class TrackFileReaderTests
{
    [Test]
    public void Blocks_lines_and_sync_group_files_are_read_with_keepalived_defaults()
    {
        RouterConfig c = CorpusFiles.ReadClean("ok-track-file.conf");

        // tf_unused is tracked by nothing: keepalived forgets it.
        Assert.That(c.Files, Is.EqualTo(new[]
        {
            new TrackedFile("tf_weight", "/run/vrrplab-test/weight", -10, Reverse: true, InitValue: 5, Overwrite: true),
            new TrackedFile("tf_fault", "/run/vrrplab-test/fault", 0, InitValue: 0),
        }));

        // VI_1 tracks tf_fault itself and through its group (once); VI_2 through its group only.
        Assert.That(c.Instances[0].TrackFiles, Is.EqualTo(new[] { new FileTrack("tf_fault", 0, false) }));
        Assert.That(c.Instances[1].TrackFiles, Is.EqualTo(new[] { new FileTrack("tf_fault", 0, false) }));

        // A line without weight takes the block's weight and reverse.
        Assert.That(c.Instances[2].TrackFiles, Is.EqualTo(new[] { new FileTrack("tf_weight", -10, true), new FileTrack("tf_fault", 0, false) }));
    }

    [Test]
    public void Bad_blocks_and_lines_get_keepalived_messages_at_their_position()
    {
        ConfigReadResult r = CorpusFiles.ReadWithMessages("bad-track-file.conf",
            "3:12: warning: number '300' outside range [-254, 254]",
            "3:12: warning: Weight (300) for track_file tf1 must be between [-254..254] inclusive. Ignoring...",
            "4:27: warning: Unknown track file init option sometimes",
            "6:1: warning: No file set for track_file tf2 - ignoring",
            "15:9: warning: (VI_1) duplicate track_file tf1 - ignoring");

        // The refused block weight falls back to 1; the line's own weight and reverse count.
        Assert.That(r.Config!.Files.Single(), Is.EqualTo(new TrackedFile("tf1", "/run/vrrplab-test/tf1", 1, InitValue: 7, Overwrite: true)));
        Assert.That(r.Config.Instances[0].TrackFiles.Single(), Is.EqualTo(new FileTrack("tf1", -20, true)));
    }

    [TestCase("tf9", "(VI_1) track file tf9 not found, ignoring...")]
    [TestCase("tf weight", "(VI_1) weight without value specified for track file tf - ignoring")]
    [TestCase("tf wait 3", "(VI_1) unknown track file option wait - ignoring")]
    [TestCase("tf weight 3 backwards", "(VI_1) unknown track file tf weight option backwards - ignoring")]
    public void A_refused_track_file_line_is_not_tracked(string line, string message)
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(
            "track_file tf {\n file /tmp/x\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n track_file {\n  " + line + "\n }\n virtual_ipaddress { 10.0.0.9 }\n}\n",
            "/etc/keepalived/test.conf", null);
        Assert.That(r.Diagnostics.Select(d => d.Message), Is.EqualTo(new[] { message }));
        Assert.That(r.Config!.Instances[0].TrackFiles, Is.Empty);
        Assert.That(r.Config.Files, Is.Empty);
    }

    [Test]
    public void Weighted_track_files_of_an_address_owner_or_sync_group_member_are_ignored_like_keepalived()
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(
            "track_file tf {\n file /tmp/x\n weight 2\n}\n"
            + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n priority 255\n track_file {\n  tf weight 3\n }\n virtual_ipaddress { 10.0.0.9 }\n}\n"
            + "vrrp_sync_group G {\n group {\n  VI_2\n }\n}\n"
            + "vrrp_instance VI_2 {\n interface eth0\n virtual_router_id 10\n track_file {\n  tf\n }\n virtual_ipaddress { 10.0.0.10 }\n}\n",
            "/etc/keepalived/test.conf", null);
        Assert.That(r.Diagnostics.Select(d => d.Message), Is.SupersetOf(new[]
        {
            "(VI_1) ignoring tracked file tf with weight 3 due to address_owner",
            "(VI_2) ignoring tracked file tf with weight 2 due to SYNC group",
        }));
        Assert.That(r.Config!.Instances.SelectMany(i => i.TrackFiles), Is.Empty);
    }

    [Test]
    public void Track_file_weight_reverse_and_values_reach_the_instance_in_the_sync_group_with_tracking_weight()
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(
            "track_file tf {\n file /tmp/x\n}\n"
            + "vrrp_sync_group G {\n group {\n  VI_1\n }\n sync_group_tracking_weight\n track_file {\n  tf weight -7 reverse\n }\n}\n"
            + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n track_file {\n  tf weight 4\n }\n virtual_ipaddress { 10.0.0.9 }\n}\n",
            "/etc/keepalived/test.conf", null);
        Assert.That(r.Config!.Instances[0].TrackFiles, Is.EqualTo(new[] { new FileTrack("tf", -7, true) }), string.Join("\n", r.Diagnostics));
    }
}
