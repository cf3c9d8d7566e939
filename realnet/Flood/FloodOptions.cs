using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.RealNet.Flood;

/// <summary>What <c>vrrplab flood</c> sends, where, how fast and for how long.</summary>
public sealed record FloodOptions
{
    /// <summary>The highest rate the generator accepts, datagrams per second.</summary>
    public const int MaxRate = 200_000;

    /// <summary>The longest flood the generator accepts.</summary>
    public static readonly Duration MaxDuration = Duration.FromSeconds(300);

    /// <summary><c>--netns NAME</c>: the network namespace the caller says we run in (checked).</summary>
    public required string Namespace { get; init; }

    /// <summary><c>--dev IF</c>: the interface to send on.</summary>
    public required string Interface { get; init; }

    /// <summary><c>--vrid N</c>.</summary>
    public required byte Vrid { get; init; }

    /// <summary><c>--rate R</c>: datagrams per second, 1..<see cref="MaxRate"/>.</summary>
    public required int Rate { get; init; }

    /// <summary><c>--for D</c>: how long, at most <see cref="MaxDuration"/>.</summary>
    public required Duration For { get; init; }

    /// <summary><c>--kind</c>.</summary>
    public required FloodKind Kind { get; init; }

    /// <summary><c>--ipv6</c>: send to ff02::12 from the interface's link-local address instead of 224.0.0.18.</summary>
    public bool Ipv6 { get; init; }

    /// <summary><c>--cluster-version 2|3</c>: the version the flooded cluster runs (wrong_version sends the other one).</summary>
    public VrrpVersion ClusterVersion { get; init; } = VrrpVersion.V2;

    /// <summary><c>--cluster-pass P</c>: the cluster's password, which wrong_auth never sends.</summary>
    public string? ClusterPassword { get; init; }

    /// <summary>The number of datagrams: rate x duration.</summary>
    public long Total => Math.Max(1, For.Microseconds * Rate / 1_000_000);
}
