using VrrpLab.Engine.StateMachine;
using VrrpLab.RealNet.Tests.Fixtures;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;
using VrrpLab.Tests.Shared;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// Garbage on the LAN (issue 14): the spare host x runs <c>vrrplab flood</c> (200 garbage datagrams/s
/// naming VRID 51 for 12 s) against a MASTER at priority 100 with a keepalived BACKUP at 50 (v2,
/// advert_int 1), everything captured on the MASTER's cable. keepalived 2.2.7 as the MASTER documents
/// reality: every datagram restarts its advert timer, so it only advertises to answer its BACKUP, which
/// flaps every Master_Down_Interval as scenarios/flood-keepalived-flapping.yaml predicts (checked against
/// the simulator). vrrplab hardened keeps one MASTER and on-time adverts; vrrplab with
/// <c>--packet-policy keepalived</c> behaves like keepalived.
/// </summary>
/// <remarks>
/// The checks are causal, so that a loaded machine cannot fail them: a keepalived-style MASTER's advert
/// during the flood must answer the BACKUP's takeover, or follow a pause of the flood on the wire of
/// about one advert interval (the generator descheduled: the timer may then run out, as in keepalived).
/// </remarks>
public sealed class FloodTests : NamespaceTest
{
    private const int Rate = 200;
    private static readonly TimeSpan FloodFor = TimeSpan.FromSeconds(12);

    [TestCase(PeerKind.Keepalived, null, TestName = "keepalived 2.2.7 MASTER under a 200/s garbage flood: silent, its BACKUP flaps")]
    [TestCase(PeerKind.Vrrplab, "keepalived", TestName = "vrrplab --packet-policy keepalived MASTER under the same flood: flaps like keepalived")]
    public void A_keepalived_style_master_only_answers_and_its_backup_flaps_every_master_down_interval(PeerKind kind, string? policy)
    {
        using PeerPair pair = PeerPair.Create(kind, PairCases.Spec(2, 100), PeerKind.Keepalived, PairCases.Spec(2, 50));
        Wire w = Flood(pair, policy);
        double period = SimulatedFlapPeriodSeconds();
        string facts = w.Describe(period) + "\n" + pair.Diagnostics();
        var unexplained = w.Master.Where(t => !w.AnswersBackup(t) && w.FloodQuietBefore(t) < 0.9).ToList();
        var takeovers = w.Backup.Where(t => w.Backup.All(b => b >= t || (t - b).TotalSeconds > 0.5)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unexplained, Is.Empty, "every advert of the MASTER answers its BACKUP or follows a 1 s pause of the flood\n" + facts);
            Assert.That(takeovers, Is.Not.Empty, "the BACKUP took over\n" + facts);
            for (int i = 1; i < takeovers.Count; i++)
            {
                if (!w.Master.Any(t => t > takeovers[i - 1].AddSeconds(0.5) && t < takeovers[i]))
                {
                    // Nothing but the flood between two takeovers: one Master_Down_Interval after the answer.
                    Assert.That((takeovers[i] - takeovers[i - 1]).TotalSeconds, Is.EqualTo(period).Within(0.25), "the flap period is the simulator's\n" + facts);
                }
            }

            Assert.That(pair.SoleHolder(), Is.EqualTo(pair.High), "the MASTER keeps the VIP at the end\n" + facts);
        });
    }

    [Test]
    public void A_hardened_vrrplab_master_keeps_advertising_on_time_and_nobody_flaps()
    {
        using PeerPair pair = PeerPair.Create(PeerKind.Vrrplab, PairCases.Spec(2, 100), PeerKind.Keepalived, PairCases.Spec(2, 50));
        Wire w = Flood(pair, null);
        string facts = w.Describe(SimulatedFlapPeriodSeconds()) + "\n" + pair.Diagnostics();
        Assert.Multiple(() =>
        {
            Assert.That(w.Backup, Is.Empty, "the keepalived BACKUP never took over\n" + facts);
            Assert.That(w.Master, Has.Count.GreaterThanOrEqualTo((int)FloodFor.TotalSeconds - 1), "an advert every second during the flood\n" + facts);
            // Generous for a shared machine; bench/realnet measures the real figure (interval + a few ms).
            Assert.That(w.LargestMasterGap, Is.LessThan(1.5), "no advert missed\n" + facts);
            Assert.That(pair.High.Log.Find(new Regex("Packet policy: hardened")), Is.Not.Null);
            Assert.That(pair.High.Log.Find(new Regex("Event loop scheduling: SCHED_RR priority 1")), Is.Not.Null, "the event loop runs real-time\n" + pair.High.Log.Tail());
        });
    }

    /// <summary>Elects h1, floods from x (capturing h1's cable) and returns what was on the wire during the flood.</summary>
    private static Wire Flood(PeerPair pair, string? policy)
    {
        if (policy is not null && pair.High is DaemonPeer daemon)
        {
            daemon.Options = ["--packet-policy", policy];
        }

        pair.StartAndElect();
        using PacketCapture capture = PacketCapture.Start(pair.Lan, pair.High.Host, "ip proto 112");
        DateTimeOffset start = DateTimeOffset.UtcNow;
        CommandResult flood = pair.Spare.Exec(DaemonLocator.Command[0],
            [.. DaemonLocator.Command.Skip(1), "flood", "--netns", pair.Spare.Namespace, "--dev", pair.Spare.Interface, "--vrid", "51",
             "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--for", $"{FloodFor.TotalSeconds}s", "--kind", "garbage", "--seed", "14"],
            FloodFor + TimeSpan.FromSeconds(20));
        DateTimeOffset end = DateTimeOffset.UtcNow;
        Assert.That(flood.ExitCode, Is.Zero, flood.StdErr);
        Assert.That(flood.StdOut, Does.Match($@"sent {Rate * (int)FloodFor.TotalSeconds} datagrams"), flood.StdOut);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        IReadOnlyList<(DateTimeOffset At, string Source)> frames = capture.StopAndReadSources("ip.proto == 112");
        List<DateTimeOffset> Of(LanHost h) => [.. frames.Where(f => f.Source == h.Address.ToString() && f.At >= start && f.At <= end).Select(f => f.At)];
        return new Wire(start, end, Of(pair.Spare), Of(pair.High.Host), Of(pair.Low.Host));
    }

    /// <summary>Intervals between the BACKUP's takeovers in the shipped flood scenario, run in the simulator.</summary>
    private static double SimulatedFlapPeriodSeconds()
    {
        string file = Path.Combine(Repository.Root, "scenarios", "flood-keepalived-flapping.yaml");
        ScenarioLoadResult load = ScenarioLoader.LoadFile(file);
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        SimulationResult run = new Simulator(load.Scenario!).Run();
        long[] takeovers = [.. run.History.States.Where(s => s.Node == "node2" && s.To == VrrpState.Master).Select(s => s.TimeUs)];
        Assert.That(takeovers, Has.Length.EqualTo(4), "the shipped scenario flaps four times");
        return (takeovers[^1] - takeovers[0]) / 3 / 1e6;
    }

    /// <summary>The flood, the MASTER's and the BACKUP's VRRP frames on the MASTER's cable, from the flood's start to its end.</summary>
    private sealed record Wire(DateTimeOffset Start, DateTimeOffset End, List<DateTimeOffset> Flood, List<DateTimeOffset> Master, List<DateTimeOffset> Backup)
    {
        /// <summary>An advert of the MASTER sent within 100 ms of one of the BACKUP's (the lower-priority answer).</summary>
        /// <remarks>
        /// Within 500 ms: an answer is immediate on an idle machine, but at load 20-40 the answering daemon's
        /// receive path waited up to 150 ms for a CPU (CI, 2026-12-06). A MASTER advertising on its own timer
        /// (hardened, every second) still has adverts that answer nothing.
        /// </remarks>
        public bool AnswersBackup(DateTimeOffset t) => Backup.Any(b => b <= t && (t - b).TotalMilliseconds < 500);

        /// <summary>Seconds since the last flood datagram before <paramref name="t"/> (since the start when none).</summary>
        /// <remarks>Infinite before the first datagram: the generator's exec can take a second under load, and
        /// an advert before the flood reached the cable is the MASTER's own timer.</remarks>
        public double FloodQuietBefore(DateTimeOffset t) => Flood.Any(f => f < t) ? (t - Flood.Where(f => f < t).Max()).TotalSeconds : double.PositiveInfinity;

        public double LargestMasterGap
        {
            get
            {
                var all = Master.Prepend(Start).Append(End).ToList();
                return all.Zip(all.Skip(1), (a, b) => (b - a).TotalSeconds).Max();
            }
        }

        public string Describe(double period)
        {
            string S(DateTimeOffset t) => (t - Start).TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);
            double floodGap = Flood.Zip(Flood.Skip(1), (a, b) => (b - a).TotalSeconds).DefaultIfEmpty(0).Max();
            return $"flood: {Flood.Count} datagrams on the MASTER's cable, largest pause {floodGap:F3} s; " +
                $"MASTER adverts at {string.Join(", ", Master.Select(S))} s; BACKUP adverts at {string.Join(", ", Backup.Select(S))} s; " +
                $"largest MASTER gap {LargestMasterGap:F3} s; simulated flap period {period:F6} s";
        }
    }
}
