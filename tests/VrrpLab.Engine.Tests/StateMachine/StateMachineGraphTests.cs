namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>The graph comes from the Stateless definition the engine runs.</summary>
public sealed class StateMachineGraphTests
{
    [Test]
    public void Every_guarded_row_the_engine_dispatches_is_in_the_graph_with_its_guard()
    {
        string mermaid = StateMachineGraph.ToMermaid();
        foreach (VrrpInstance.TransitionRow row in VrrpInstance.Transitions)
        {
            if (row.Kind == VrrpInstance.RowKind.Ignore)
            {
                continue;
            }

            VrrpState to = row.Kind == VrrpInstance.RowKind.Permit ? row.Destination : row.State;
            string edge = row.Guard is null ? $"{row.State} --> {to} : {row.Trigger}" : $"{row.State} --> {to} : {row.Trigger} [{row.Guard.Name}]";
            Assert.That(mermaid, Does.Contain(edge));
        }
    }

    [Test]
    public void Every_state_has_a_row_for_every_event()
    {
        foreach (VrrpState state in Enum.GetValues<VrrpState>())
        {
            foreach (VrrpTrigger trigger in Enum.GetValues<VrrpTrigger>())
            {
                Assert.That(VrrpInstance.Transitions.Any(r => r.State == state && r.Trigger == trigger), $"{state} has no row for {trigger}");
            }
        }
    }

    [Test]
    public void An_unguarded_row_is_the_only_row_of_its_state_and_event()
    {
        foreach (VrrpInstance.TransitionRow row in VrrpInstance.Transitions.Where(r => r.Guard is null))
        {
            Assert.That(VrrpInstance.Transitions.Count(r => r.State == row.State && r.Trigger == row.Trigger), Is.EqualTo(1), $"{row.State} {row.Trigger}");
        }
    }

    [TestCase("Init --> Master : Startup [address owner (priority 255)]")]
    [TestCase("Backup --> Master : MasterDownTimerExpired [not in a sync group]")]
    [TestCase("Master --> Backup : AdvertReceived [higher priority, or equal priority from a higher address]")]
    [TestCase("Backup --> Backup : AdvertReceived [nopreempt, priority >= ours, or within preempt_delay]")]
    [TestCase("Backup --> Backup : AdvertReceived [lower priority (preempt)]")]
    [TestCase("Master --> Master : AdvertReceived [hardened: answered within the advert interval]")]
    [TestCase("Backup --> Fault : FaultDetected")]
    [TestCase("Fault --> Backup : FaultCleared")]
    [TestCase("Master --> Stop : Shutdown")]
    public void The_mermaid_graph_shows_the_keepalived_transitions(string edge) =>
        Assert.That(StateMachineGraph.ToMermaid(), Does.Contain(edge));

    [Test]
    public void Fault_has_no_edge_to_master()
    {
        Assert.That(StateMachineGraph.ToMermaid(), Does.Not.Contain("Fault --> Master"));
        Assert.That(StateMachineGraph.ToDot(), Does.Contain("digraph"));
    }
}
