using System.Collections.Immutable;

namespace VrrpLab.Explore.Faults;

/// <summary>The names of <see cref="FaultKind"/> as <c>--faults</c> and reports spell them.</summary>
public static class FaultKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static readonly ImmutableArray<FaultKind> All = [.. Enum.GetValues<FaultKind>()];

    /// <summary>The name of a kind, e.g. <c>crash</c>.</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Crash => "crash",
        FaultKind.Stop => "stop",
        FaultKind.Kill => "kill",
        FaultKind.Restart => "restart",
        FaultKind.Script => "script",
        FaultKind.Link => "link",
        FaultKind.Partition => "partition",
        FaultKind.Loss => "loss",
        FaultKind.Latency => "latency",
        FaultKind.Pause => "pause",
        FaultKind.Drift => "drift",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static FaultKind? Parse(string name)
    {
        foreach (FaultKind k in All)
        {
            if (Name(k) == name)
            {
                return k;
            }
        }

        return null;
    }
}
