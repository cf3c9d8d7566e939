using System.Collections.Immutable;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Lab.Tests;

/// <summary>
/// Random loss in the lab: the kernel draws which packets are dropped, not the simulator's seeded
/// sequence, so a run is judged on its expectations and its state sequences are shown, not compared
/// (no root: another seed's simulation stands in for the real draws).
/// </summary>
public class RandomLossTests
{
    [TestCase("packet-loss-random", true)]
    [TestCase("packet-loss-flapping", false)] // 100% and 0% only: no draw, the sequence is determined
    [TestCase("seed-article-failover", false)]
    public void Random_loss_is_a_rate_strictly_between_0_and_100_percent(string name, bool random) =>
        Assert.That(LabRun.HasRandomLoss(LabPaths.Load(name)), Is.EqualTo(random));

    [Test]
    public void A_segments_own_random_loss_counts_too()
    {
        Scenario sc = LabPaths.Load("seed-article-failover");
        Assert.That(LabRun.HasRandomLoss(sc with { Segments = [SegmentSpec.DefaultLan with { Loss = new Rate(10_000) }] }), Is.True);
    }

    [Test]
    public void Under_random_loss_other_draws_agree_when_the_expectations_agree_and_the_sequences_are_only_shown()
    {
        Scenario sc = LabPaths.Load("packet-loss-random");
        SimulationResult predicted = Run(sc, sc.Seed);
        // Another draw of the loss (what the kernel does in the lab): a different number of flaps in the 70% minute.
        SimulationResult real = Enumerable.Range(2, 40).Select(s => Run(sc, (ulong)s))
            .First(r => !States(r).SequenceEqual(States(predicted)) && ExpectationEvaluator.Evaluate(r).All(v => v.Passed));

        LabRun run = Assemble(sc, predicted, real);
        Assert.That(run.Diff.SequencesMatch, Is.False, "the draws differ");
        Assert.That(run.SequencesJudged, Is.False);
        Assert.That(LabCatalogue.Agrees(run), Is.True);
        Assert.That(run.Passed, Is.True);
        string row = LabCatalogue.Markdown([run], [], new Dictionary<(string, string), string>());
        Assert.That(row, Does.Contain("| yes |").And.Contain("sequences not compared"));
        var text = new StringWriter();
        LabReport.WriteText(run, text);
        Assert.That(text.ToString(), Does.Contain("random loss: not judged").And.Contain("result: PASS"));

        // The same histories for a file without random loss: a different sequence is a disagreement.
        LabRun determined = Assemble(sc with { Timeline = [] }, predicted, real);
        Assert.That(determined.SequencesJudged, Is.True);
        Assert.That(LabCatalogue.Agrees(determined), Is.False);
        Assert.That(determined.Passed, Is.False);
    }

    private static SimulationResult Run(Scenario sc, ulong seed) =>
        new Simulator(sc, new SimulationOptions { Implementation = NodeImplementation.Keepalived, Seed = seed }).Run();

    private static IEnumerable<Engine.StateMachine.VrrpState> States(SimulationResult r) => r.History.StatesOf("node2", "VI_1").Select(s => s.To);

    private static EventLog LogOf(SimulationResult r)
    {
        var log = new EventLog(RecordingLevel.Full);
        foreach (RunEvent e in r.Log)
        {
            log.Add(e);
        }

        return log;
    }

    private static LabRun Assemble(Scenario sc, SimulationResult predicted, SimulationResult real)
    {
        ImmutableArray<Verdict> pv = ExpectationEvaluator.Evaluate(sc, predicted.History);
        return new LabRun
        {
            Scenario = sc,
            RunId = "test",
            Implementations = sc.Nodes.ToDictionary(n => n.Name, _ => NodeImplementation.Keepalived),
            ToleranceUs = 50_000,
            SetupUs = 0,
            Log = LogOf(real),
            History = real.History,
            Verdicts = ExpectationEvaluator.Evaluate(sc, real.History),
            Predicted = predicted,
            PredictedVerdicts = pv,
            ReplayVerdicts = pv,
            Replay = predicted,
            Diff = LabDiff.Compute(predicted.History, real.History, predicted.History),
            Actions = [],
            Startups = [],
            LogMinusWireUs = [],
            Notes = [],
            DaemonLogs = sc.Nodes.ToDictionary(n => n.Name, _ => (IReadOnlyList<(long, string)>)[]),
        };
    }
}
