using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// <c>track_file</c> on a namespace LAN, each case run with vrrplab tracking the file beside keepalived
/// 2.2.7 and with keepalived tracking it beside vrrplab (the baseline): writing a value into the tracked
/// file must move the VIP the same way (docs/reload-and-tracking.md).
/// </summary>
public sealed class TrackFileTests : NamespaceTest
{
    private static int s_counter;

    /// <summary>(kind that tracks the file, as master; kind of its backup).</summary>
    public static IEnumerable<TestCaseData> Pairs()
    {
        yield return new TestCaseData(PeerKind.Vrrplab, PeerKind.Keepalived).SetArgDisplayNames("Vrrplab-tracks", "Keepalived-backup");
        yield return new TestCaseData(PeerKind.Keepalived, PeerKind.Vrrplab).SetArgDisplayNames("Keepalived-tracks", "Vrrplab-backup");
    }

    [TestCaseSource(nameof(Pairs))]
    public void Weight_0_a_non_zero_value_puts_the_master_in_fault_and_zero_brings_it_back(PeerKind master, PeerKind backup) =>
        WithElectedPairTracking(master, backup, "weight0", ["weight 0", "init_file 0 overwrite"], (pair, file) =>
        {
            Assert.That(File.ReadAllText(file), Is.EqualTo("0\n"), "init_file wrote the value");

            int mark = pair.High.Log.Count;
            File.WriteAllText(file, "1\n");
            pair.High.WaitForLine(new Regex($@"\({pair.Instance}\) Entering FAULT STATE"), PeerPair.Slack, mark);
            pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "the master's tracked file is 1 (weight 0)");

            // Back to 0: out of FAULT, and with the higher priority (preempt) it takes the VIP back.
            mark = pair.High.Log.Count;
            File.WriteAllText(file, "0\n");
            pair.High.WaitForLine(VrrpPeer.EnteringBackup(pair.Instance), PeerPair.Slack, mark);
            pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "the tracked file is 0 again");
        });

    [TestCaseSource(nameof(Pairs))]
    public void A_weighted_value_lowers_the_priority_on_the_wire_and_the_backup_preempts(PeerKind master, PeerKind backup) =>
        WithElectedPairTracking(master, backup, "weighted", ["weight -10", "init_file"], (pair, file) =>
        {
            using var capture = PacketCapture.Start(pair.Lan, pair.High.Host);

            // 100 + 6 x -10 = 40, below the backup's 50: the backup (preempting) takes over. Written as an
            // operator would: a new file renamed into place.
            int mark = pair.High.Log.Count;
            File.WriteAllText(file + ".new", "6\n");
            File.Move(file + ".new", file, overwrite: true);
            pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "the master's priority fell to 40");
            pair.High.WaitForLine(VrrpPeer.EnteringBackup(pair.Instance), PeerPair.Slack, mark);
            IReadOnlyList<DecodedAdvert> fromHigh = capture.StopAndDecodeFrom(pair.High.Host);
            Assert.That(fromHigh.Select(a => a.Priority), Does.Contain("40"), "the lowered priority on the wire\n" + pair.Diagnostics());
            Assert.That(fromHigh.Where(a => a.Priority == "0"), Is.Empty, "a weighted value never sends priority 0");

            // Deleting the file counts as 0: priority 100 again, and h1 preempts.
            File.Delete(file);
            pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "the tracked file was deleted (value 0)");
        });

    /// <summary>
    /// A fresh directory with the file <paramref name="fileName"/> in it (not created), a pair whose
    /// <paramref name="master"/> tracks that file with <c>track_file tf</c> and the lines
    /// <paramref name="options"/>, elected; then <paramref name="run"/> with the pair and the file's path.
    /// The pair is disposed, then the directory deleted.
    /// </summary>
    private static void WithElectedPairTracking(PeerKind master, PeerKind backup, string fileName, string[] options, Action<PeerPair, string> run)
    {
        string dir = TrackDirectory();
        string file = Path.Combine(dir, fileName);
        try
        {
            string lines = string.Concat(options.Select(o => $"    {o}\n"));
            VrrpInstanceSpec high = PairCases.MasterTracking($"track_file tf {{\n    file {file}\n{lines}}}\n", "track_file", "tf");
            using PeerPair pair = PeerPair.Create(master, high, backup, PairCases.Spec(2, 50));
            pair.StartAndElect();
            run(pair, file);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string TrackDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"vrrplab-track-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
