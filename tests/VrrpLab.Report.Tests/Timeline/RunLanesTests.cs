using VrrpLab.Report.Timeline;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Report.Tests.Timeline;

/// <summary>Lanes derived from a trace: states, adverts, VIP holders, client outages, markers, overlays.</summary>
public class RunLanesTests
{
    private static RunLanes Seed(out ScenarioResult result)
    {
        result = TestRuns.Shipped("seed-article-failover.yaml");
        return RunLanes.Build(ScenarioReports.Run(result), 0, ScenarioReports.Nodes(result.Scenario));
    }

    [Test]
    public void State_bars_follow_the_state_events_of_the_trace_without_gaps()
    {
        RunLanes lanes = Seed(out ScenarioResult result);
        StateLane server2 = lanes.States.Single(l => l.Node == "server2");
        TraceEvent master = result.Simulation.Trace.Single(e => e.Kind == TraceKind.State && e.Node == "server2" && e.To == "MASTER");
        Assert.That(server2.States.Select(b => b.Text), Is.EqualTo(new[] { "BACKUP", "MASTER" }));
        Assert.That(server2.States[1].StartUs, Is.EqualTo(master.TimeUs).And.EqualTo(60_804_787));
        Assert.That(server2.States[1].EndUs, Is.EqualTo(result.Simulation.EndUs));
        Assert.That(server2.States[1].Detail, Is.EqualTo("master down timer"));

        StateLane server1 = lanes.States.Single(l => l.Node == "server1");
        Assert.That(server1.States.Select(b => b.Text), Is.EqualTo(new[] { "BACKUP", "MASTER", "STOP", "BACKUP" }));
        for (int i = 1; i < server1.States.Count; i++)
        {
            Assert.That(server1.States[i].StartUs, Is.EqualTo(server1.States[i - 1].EndUs), "bars are contiguous");
        }
    }

    [Test]
    public void A_node_started_late_shows_its_INIT_time_before_the_first_state_change()
    {
        ScenarioResult r = TestRuns.Shipped("nopreempt-start-order.yaml");
        RunLanes lanes = RunLanes.Build(ScenarioReports.Run(r), 0, ScenarioReports.Nodes(r.Scenario));
        StateLane late = lanes.States.First(l => l.States.Count > 0 && l.States[0].StartUs == 0 && l.States[0].Text == "INIT");
        TraceEvent first = r.Simulation.Trace.First(e => e.Kind == TraceKind.State && e.Node == late.Node);
        Assert.That(late.States[0].EndUs, Is.EqualTo(first.TimeUs));
    }

    [Test]
    public void Adverts_keep_their_priority_and_a_priority_0_advert_stays_a_tick_of_its_own()
    {
        RunLanes lanes = Seed(out ScenarioResult result);
        StateLane server1 = lanes.States.Single(l => l.Node == "server1");
        int sent = result.Simulation.Trace.Count(e => e.Kind == TraceKind.AdvertTx && e.Node == "server1");
        Assert.That(server1.Adverts.Sum(a => a.Count), Is.EqualTo(sent));
        TickRun zero = server1.Adverts.Single(a => a.Priority == 0);
        Assert.That((zero.StartUs, zero.Count), Is.EqualTo((60_000_000L, 1)));
        Assert.That(server1.Adverts.Where(a => a.Priority == 100).All(a => a.Exact), "a steady MASTER's adverts are one exact run");
        Assert.That(lanes.States.Single(l => l.Node == "server2").Adverts, Has.Count.EqualTo(1), "server2's 28 adverts every 5s are one run");
    }

    [Test]
    public void The_VIP_lane_names_each_holder_in_turn()
    {
        RunLanes lanes = Seed(out _);
        VipLane vip = lanes.Vips.Single();
        Assert.That(vip.Address, Is.EqualTo("192.168.179.199"));
        Assert.That(vip.Holders.Select(b => (b.StartUs, b.EndUs, b.Text)), Is.EqualTo(new[]
        {
            (15_609_375L, 60_000_000L, "server1"),
            (60_804_787L, 200_000_000L, "server2"),
        }));
    }

    [Test]
    public void A_split_brain_gives_one_bar_held_by_both_nodes()
    {
        ScenarioResult r = TestRuns.Shipped("split-brain-advert-int-mismatch.yaml");
        RunLanes lanes = RunLanes.Build(ScenarioReports.Run(r), 0, ScenarioReports.Nodes(r.Scenario));
        Assert.That(lanes.Vips.SelectMany(v => v.Holders).Any(b => b.Text.Contains('+', StringComparison.Ordinal)), Is.True);
        Assert.That(lanes.States.SelectMany(l => l.Drops).Any(d => d.Reason.Contains("interval", StringComparison.Ordinal)), Is.True,
            "the mismatched adverts are drawn as drops with their reason");
    }

    [Test]
    public void Client_outages_match_the_simulators_own_outage_list()
    {
        RunLanes lanes = Seed(out ScenarioResult result);
        ClientLane client = lanes.Clients.Single();
        // The simulator counts the time before the VIP first appears as an outage too; the report,
        // like the outage expectation, starts at the first acquisition.
        var view = result.Simulation.History.Clients.Single();
        var expected = view.Outages.Where(o => o.Start >= view.FirstAcquiredUs).Select(o => (o.Start, Math.Min(o.End, result.Simulation.EndUs)));
        Assert.That(client.Outages.Select(o => (o.StartUs, o.EndUs)), Is.EqualTo(expected));
        Assert.That(client.Outages.Single().StartUs, Is.EqualTo(60_000_000));
        Assert.That(client.Outages.Single().EndUs, Is.EqualTo(60_805_087));
        Assert.That(client.Reached.Select(b => b.Text), Is.EqualTo(new[] { "server1", "server2" }));
    }

    [Test]
    public void Timeline_actions_become_labelled_markers()
    {
        RunLanes lanes = Seed(out _);
        Assert.That(lanes.Actions.Select(m => (m.AtUs, m.Label)), Is.EqualTo(new[]
        {
            (0L, "start server1, server2"),
            (60_000_000L, "stop server1"),
            (120_000_000L, "start server1"),
        }));
    }

    [Test]
    public void A_pause_is_drawn_over_the_paused_nodes_lanes()
    {
        ScenarioResult r = TestRuns.Shipped("paused-master.yaml");
        RunLanes lanes = RunLanes.Build(ScenarioReports.Run(r), 0, ScenarioReports.Nodes(r.Scenario));
        TraceEvent pause = r.Simulation.Trace.First(e => e.Kind == TraceKind.Process && e.Detail!.StartsWith("paused", StringComparison.Ordinal));
        StateLane lane = lanes.States.First(l => l.Node == pause.Node);
        Bar overlay = lane.Overlays.Single(o => o.Text == "paused");
        Assert.That(overlay.StartUs, Is.EqualTo(pause.TimeUs));
        TraceEvent resumed = r.Simulation.Trace.First(e => e.Kind == TraceKind.Process && e.Node == pause.Node && e.Detail == "resumed");
        Assert.That(overlay.EndUs, Is.EqualTo(resumed.TimeUs));
        Assert.That(lanes.States.Where(l => l.Node != pause.Node).SelectMany(l => l.Overlays), Is.Empty);
    }

    [Test]
    public void Lanes_follow_the_layouts_node_order_even_before_a_node_has_events()
    {
        var events = new List<RunEvent> { new StateRecord(5, "b", "VI_1", 7, VrrpState.Init, VrrpState.Backup, "init") };
        ReportNode[] layout = [new("a", [new ReportInstance("VI_1", 7, "eth0", ["10.0.0.1"])]), new("b", [new ReportInstance("VI_1", 7, "eth0", ["10.0.0.1"])])];
        RunLanes lanes = RunLanes.Build(new ReportRun("x", 10, events), 0, layout);
        Assert.That(lanes.States.Select(l => l.Node), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(lanes.States[0].States, Is.Empty);
        Assert.That(lanes.Vips.Single().Holders, Is.Empty);
    }
}
