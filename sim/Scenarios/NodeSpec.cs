using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Sim.Scenarios;

/// <summary>A host: its interfaces and the keepalived configuration it runs.</summary>
/// <param name="Name">Node name, used in the timeline and expectations.</param>
/// <param name="Interfaces">Its interfaces, in file order.</param>
/// <param name="Config">The keepalived.conf as the reader understood it.</param>
public sealed record NodeSpec(string Name, ImmutableArray<InterfaceSpec> Interfaces, RouterConfig Config) : INamedSpec
{
    /// <summary>Where the node is declared, if loaded from a file.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary><c>implementation</c>: what runs VRRP there (keepalived 2.2.7 unless the file says <c>vrrplab</c>).</summary>
    public NodeImplementation Implementation { get; init; } = NodeImplementation.Keepalived;

    /// <summary>The keepalived.conf text as the file gave it (null for nodes built in code).</summary>
    public NodeConfigText? ConfigText { get; init; }

    /// <summary>The interface called <paramref name="name"/>, or null.</summary>
    public InterfaceSpec? FindInterface(string name) => NamedSpecs.Find(Interfaces, name);
}
