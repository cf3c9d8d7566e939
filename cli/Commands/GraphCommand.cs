using System.CommandLine;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab graph [--format mermaid|dot]</c>: the engine's state machine, from its Stateless definition.</summary>
public sealed class GraphCommand() : Verb(
    "graph",
    "print the VRRP state machine as defined in the engine",
    usage: "usage: vrrplab graph [--format mermaid|dot]",
    about: """
        Prints the VRRP instance state machine (INIT, BACKUP, MASTER, FAULT, STOP) exactly as the
        engine defines it with Stateless: every state, event and internal transition, with the
        named guard that selects it (for example `AdvertReceived [lower priority (preempt)]`).
        """)
{
    private Option<string> _format = null!;

    /// <inheritdoc/>
    protected override void Define() =>
        _format = Choice("--format", "F", "mermaid: a Mermaid stateDiagram (default)\ndot: Graphviz DOT (render with: vrrplab graph --format dot | dot -Tsvg)", () => "mermaid", "mermaid", "dot");

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        string format = parsed.Value(_format)!;
        parsed.Stdout.Write(format == "dot" ? StateMachineGraph.ToDot() : StateMachineGraph.ToMermaid());
        parsed.Stdout.WriteLine();
        return ExitCodes.Ok;
    }
}
