using System.Collections.Immutable;

namespace VrrpLab.Explore.Faults;

/// <summary>The names of <see cref="FaultKind"/> as <c>--faults</c> and reports spell them.</summary>
public static class FaultKinds
{
    /// <summary>Every kind, in report order (<c>--faults all</c>).</summary>
    public static readonly ImmutableArray<FaultKind> All = [.. Enum.GetValues<FaultKind>()];

    /// <summary>
    /// What explore generates unless <c>--faults</c> says otherwise: every fault of the cluster itself,
    /// not <see cref="FaultKind.Flood"/> (a third host's traffic: one datagram per advert interval
    /// silences a keepalived MASTER, so every multicast keepalived pair would fail with it, hiding the
    /// configuration's own mistakes; <c>vrrplab check</c> already reports that exposure).
    /// </summary>
    public static readonly ImmutableArray<FaultKind> Default = [.. All.Where(k => k != FaultKind.Flood)];

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
        FaultKind.Flood => "flood",
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
