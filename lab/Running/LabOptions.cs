using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Running;

/// <summary>How the lab runs scenarios.</summary>
public sealed record LabOptions
{
    /// <summary>The default tolerance of timing expectations: 50 ms.</summary>
    public const long DefaultToleranceUs = 50_000;

    /// <summary>What runs on every node (default keepalived), unless <see cref="NodeImplementations"/> names the node.</summary>
    public NodeImplementation Implementation { get; init; } = NodeImplementation.Keepalived;

    /// <summary>Per-node implementations (<c>--impl node1=vrrplab,node2=keepalived</c>).</summary>
    public IReadOnlyDictionary<string, NodeImplementation> NodeImplementations { get; init; } = new Dictionary<string, NodeImplementation>();

    /// <summary>How far a real timing may be off and still pass (microseconds).</summary>
    public long ToleranceUs { get; init; } = DefaultToleranceUs;

    /// <summary>Keep the namespaces and the work directory after the run (<c>--keep</c>).</summary>
    public bool Keep { get; init; }

    /// <summary>The command that runs vrrplab (before its verb): <c>[dotnet, vrrplab.dll]</c> or <c>[/path/vrrplab]</c>.</summary>
    public IReadOnlyList<string> VrrplabCommand { get; init; } = ["vrrplab"];

    /// <summary>What <see cref="VrrplabCommand"/> is (native or JIT, and why), printed with every run that uses it.</summary>
    public string VrrplabDescription { get; init; } = "vrrplab on PATH";

    /// <summary>Cancelled on Ctrl-C: the run stops and tears down.</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>Progress lines (set-up, waiting), e.g. to stderr; null for none.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>What runs on <paramref name="node"/>.</summary>
    public NodeImplementation ImplementationOf(string node) =>
        NodeImplementations.TryGetValue(node, out NodeImplementation i) ? i : Implementation;
}
