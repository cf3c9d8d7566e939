using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Cli.Commands;

/// <summary><c>vrrplab graph [--format mermaid|dot]</c>: the engine's state machine, from its Stateless definition.</summary>
public sealed class GraphCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "graph";

    /// <inheritdoc/>
    public string Summary => "print the VRRP state machine as defined in the engine";

    /// <inheritdoc/>
    public string Help => """
        usage: vrrplab graph [--format mermaid|dot]

        Prints the VRRP instance state machine (INIT, BACKUP, MASTER, FAULT, STOP) exactly as the
        engine defines it with Stateless: every state, event and internal transition, with the
        named guard that selects it (for example `AdvertReceived [lower priority (preempt)]`).
          --format mermaid   a Mermaid stateDiagram (default)
          --format dot       Graphviz DOT (render with: vrrplab graph --format dot | dot -Tsvg)
        """;

    /// <inheritdoc/>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new ArgReader(args, ["--format"]);
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{a.Positionals[0]}'");
        }

        string format = a.Choice("--format", "mermaid", "mermaid", "dot");
        stdout.Write(format == "dot" ? StateMachineGraph.ToDot() : StateMachineGraph.ToMermaid());
        stdout.WriteLine();
        return ExitCodes.Ok;
    }
}
