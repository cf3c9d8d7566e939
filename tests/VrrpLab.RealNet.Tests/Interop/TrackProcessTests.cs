using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// <c>track_process</c> on a namespace LAN: vrrplab tracks a process (a <c>sleep</c> with a unique
/// argument, matched with its parameters) beside keepalived 2.2.7 as the backup; starting and killing
/// the process must move the VIP as keepalived's semantics say. keepalived itself cannot be the
/// tracking side here: its process events (the netlink connector) do not exist outside the initial
/// network namespace, and it then never sees a process (docs/reload-and-tracking.md).
/// </summary>
public sealed class TrackProcessTests : NamespaceTest
{
    private static int s_counter;
    private readonly List<Process> _started = [];

    [TearDown]
    public void KillProcesses()
    {
        foreach (Process p in _started)
        {
            Kill(p);
            p.Dispose();
        }

        _started.Clear();
    }

    [Test]
    public void Weight_0_losing_the_process_puts_the_master_in_fault_and_its_return_brings_it_back()
    {
        string arg = UniqueArgument();
        Process tracked = StartSleep(arg);
        using PeerPair pair = PairTracking(arg);
        pair.StartAndElect();

        int mark = pair.High.Log.Count;
        Kill(tracked);
        pair.High.WaitForLine(new Regex($@"Quorum lost for tracked process proc"), PeerPair.Slack, mark);
        pair.High.WaitForLine(new Regex($@"\({pair.Instance}\) Entering FAULT STATE"), PeerPair.Slack, mark);
        pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "the master's tracked process was killed (weight 0)");

        mark = pair.High.Log.Count;
        _ = StartSleep(arg);
        pair.High.WaitForLine(VrrpPeer.EnteringBackup(pair.Instance), PeerPair.Slack, mark);
        pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "the tracked process runs again");
    }

    [Test]
    public void A_weighted_process_below_its_quorum_lowers_the_priority_on_the_wire_and_the_backup_preempts()
    {
        // quorum 2 with param_match partial: "sleep ARG 1" and "sleep ARG 2" both count; one alone is not enough.
        string arg = UniqueArgument();
        Process first = StartSleep(arg, "1");
        _ = StartSleep(arg, "2");
        using PeerPair pair = PairTracking(arg, "param_match partial", "quorum 2", "weight -60");
        pair.StartAndElect();
        using var capture = PacketCapture.Start(pair.Lan, pair.High.Host);

        // 100 - 60 = 40, below the backup's 50: keepalived (preempting) takes over; never priority 0.
        int mark = pair.High.Log.Count;
        Kill(first);
        pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "one of two processes left (quorum 2): priority 40");
        pair.High.WaitForLine(VrrpPeer.EnteringBackup(pair.Instance), PeerPair.Slack, mark);
        IReadOnlyList<DecodedAdvert> fromHigh = capture.StopAndDecodeFrom(pair.High.Host);
        Assert.That(fromHigh.Select(a => a.Priority), Does.Contain("40"), "the lowered priority on the wire\n" + pair.Diagnostics());
        Assert.That(fromHigh.Where(a => a.Priority == "0"), Is.Empty, "a weighted process never sends priority 0");

        // A second process again: the quorum is back, priority 100, and h1 preempts.
        _ = StartSleep(arg, "3");
        pair.WaitForHolder(pair.High, pair.HighSpec.MasterDownInterval + PeerPair.Slack, "two processes again (quorum 2)");
    }

    [Test]
    public void Terminate_delay_holds_the_quorum_for_its_time_after_the_process_exits()
    {
        string arg = UniqueArgument();
        Process tracked = StartSleep(arg);
        using PeerPair pair = PairTracking(arg, "terminate_delay 3");
        pair.StartAndElect();

        int mark = pair.High.Log.Count;
        TimeSpan killed = MonotonicClock.Now;
        Kill(tracked);
        LogLine lost = pair.High.WaitForLine(new Regex(@"Quorum lost for tracked process proc"), TimeSpan.FromSeconds(3) + PeerPair.Slack, mark);
        pair.WaitForHolder(pair.Low, pair.LowSpec.MasterDownInterval + PeerPair.Slack, "the tracked process was gone for its terminate_delay");

        // A lower bound only: a slow machine can make the loss later, never earlier.
        Assert.That(lost.At - killed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)), "the loss counted before terminate_delay 3 had passed");
    }

    /// <summary>vrrplab (priority 100) tracking <c>sleep ARG</c> as <c>vrrp_track_process proc</c> with the
    /// lines <paramref name="options"/>, beside keepalived (priority 50); not started.</summary>
    private static PeerPair PairTracking(string arg, params string[] options)
    {
        string lines = string.Concat(options.Select(o => $"    {o}\n"));
        VrrpInstanceSpec high = PairCases.MasterTracking($"vrrp_track_process proc {{\n    process sleep {arg}\n{lines}}}\n", "track_process", "proc");
        return PeerPair.Create(PeerKind.Vrrplab, high, PeerKind.Keepalived, PairCases.Spec(2, 50));
    }

    private static string UniqueArgument() =>
        string.Create(CultureInfo.InvariantCulture, $"86400.{Environment.ProcessId}{Interlocked.Increment(ref s_counter)}");

    /// <summary>Starts <c>sleep ARG [more]</c> with argv[0] "sleep" (bash's exec -a), and waits until /proc shows it.</summary>
    private Process StartSleep(string arg, string? more = null)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"exec -a sleep sleep {arg}{(more is null ? "" : " " + more)}");
        Process p = Process.Start(psi) ?? throw new AssertionException("cannot start sleep");
        _started.Add(p);
        string want = $"sleep\0{arg}";
        var deadline = Stopwatch.StartNew();
        while (!File.ReadAllText($"/proc/{p.Id}/cmdline").StartsWith(want, StringComparison.Ordinal))
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "bash did not exec sleep");
            Thread.Sleep(5);
        }

        return p;
    }

    private static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited)
            {
                p.Kill();
                _ = p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
