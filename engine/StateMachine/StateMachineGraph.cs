using Stateless;
using Stateless.Graph;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The instance state machine as a graph, produced from the same Stateless definition the engine
/// runs (<see cref="VrrpInstance.Define"/>), so the picture cannot drift from the code.
/// </summary>
public static class StateMachineGraph
{
    /// <summary>Graphviz DOT (UML state diagram).</summary>
    public static string ToDot() => UmlDotGraph.Format(Definition().GetInfo());

    /// <summary>Mermaid <c>stateDiagram</c>.</summary>
    public static string ToMermaid() => MermaidGraph.Format(Definition().GetInfo());

    private static StateMachine<VrrpState, VrrpTrigger> Definition()
    {
        var m = new StateMachine<VrrpState, VrrpTrigger>(VrrpState.Init);
        VrrpInstance.Define(m, static () => null);
        return m;
    }
}
