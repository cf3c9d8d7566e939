using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Bench;

/// <summary>Command-line options of the real-network bench.</summary>
/// <param name="Runs">Failovers measured per kind and per cause (graceful, crash).</param>
/// <param name="IdleSeconds">How long the idle daemon's CPU time is sampled.</param>
/// <param name="Kinds">Which implementations to measure.</param>
/// <param name="OutputPath">Where the markdown report is written as well as to stdout.</param>
public sealed record BenchOptions(int Runs, int IdleSeconds, IReadOnlyList<PeerKind> Kinds, string? OutputPath)
{
    /// <summary><c>--instances N</c>: the idle cost is also measured with N instances (RSS per extra instance).</summary>
    public int Instances { get; init; } = 100;

    /// <summary><c>--startup-runs N</c>: start-ups measured per kind.</summary>
    public int StartupRuns { get; init; } = 20;

    /// <summary><c>--flood</c>: measure the MASTER under floods (issue 14) instead of failover and idle cost.</summary>
    public bool Flood { get; init; }

    /// <summary><c>--flood-rates</c>: datagrams per second.</summary>
    public IReadOnlyList<int> FloodRates { get; init; } = [2_000, 20_000, 100_000];

    /// <summary><c>--flood-kinds</c>: garbage, wrong_auth, wrong_version.</summary>
    public IReadOnlyList<string> FloodKinds { get; init; } = ["garbage", "wrong_auth"];

    /// <summary><c>--flood-seconds</c>: how long each flood lasts.</summary>
    public int FloodSeconds { get; init; } = 15;

    /// <summary>Parses the arguments; null on a usage error.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(5, 30, [PeerKind.Keepalived, PeerKind.Vrrplab], null);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int runs) && runs > 0:
                    o = o with { Runs = runs };
                    i++;
                    break;
                case "--idle-seconds" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int idle) && idle > 0:
                    o = o with { IdleSeconds = idle };
                    i++;
                    break;
                case "--kinds" when value is not null:
                    var kinds = new List<PeerKind>();
                    foreach (string k in value.Split(','))
                    {
                        if (!Enum.TryParse(k, ignoreCase: true, out PeerKind kind))
                        {
                            return null;
                        }

                        kinds.Add(kind);
                    }

                    o = o with { Kinds = kinds };
                    i++;
                    break;
                case "--instances" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n is > 1 and <= 255:
                    o = o with { Instances = n };
                    i++;
                    break;
                case "--startup-runs" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int sr) && sr > 0:
                    o = o with { StartupRuns = sr };
                    i++;
                    break;
                case "--flood":
                    o = o with { Flood = true };
                    break;
                case "--flood-seconds" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int fs) && fs is > 0 and <= 300:
                    o = o with { FloodSeconds = fs };
                    i++;
                    break;
                case "--flood-rates" when value is not null && value.Split(',').All(r => int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out int x) && x is > 0 and <= 200_000):
                    o = o with { FloodRates = [.. value.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] };
                    i++;
                    break;
                case "--flood-kinds" when value is not null && value.Split(',').All(k => k is "garbage" or "wrong_auth" or "wrong_version"):
                    o = o with { FloodKinds = value.Split(',') };
                    i++;
                    break;
                case "--out" when value is not null:
                    o = o with { OutputPath = value };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return o;
    }
}
