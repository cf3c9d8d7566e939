using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>The graph comes from the Stateless definition the engine runs.</summary>
public sealed class StateMachineGraphTests
{
    [Test]
    public void Every_internal_transition_the_engine_dispatches_is_part_of_the_stateless_definition()
    {
        string mermaid = StateMachineGraph.ToMermaid();
        foreach ((VrrpState state, VrrpTrigger trigger, _) in VrrpInstance.InternalTransitions)
        {
            Assert.That(mermaid, Does.Contain($"{state} --> {state} : {trigger}"));
        }
    }

    [TestCase("Init --> Master : StartupAsOwner")]
    [TestCase("Backup --> Master : MasterDownTimerExpired")]
    [TestCase("Master --> Backup : HigherPriorityAdvert")]
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
