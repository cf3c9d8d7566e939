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
            if (args[i] == "--flood")
            {
                o = o with { Flood = true };
                continue;
            }

            // Every other option takes the next argument as its value.
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            BenchOptions? next = args[i] switch
            {
                "--runs" => Int(value, 1, int.MaxValue) is { } runs ? o with { Runs = runs } : null,
                "--idle-seconds" => Int(value, 1, int.MaxValue) is { } idle ? o with { IdleSeconds = idle } : null,
                "--kinds" => ParseKinds(value) is { } kinds ? o with { Kinds = kinds } : null,
                "--instances" => Int(value, 2, 255) is { } n ? o with { Instances = n } : null,
                "--startup-runs" => Int(value, 1, int.MaxValue) is { } sr ? o with { StartupRuns = sr } : null,
                "--flood-seconds" => Int(value, 1, 300) is { } fs ? o with { FloodSeconds = fs } : null,
                "--flood-rates" when value is not null && value.Split(',').All(r => Int(r, 1, 200_000) is not null) =>
                    o with { FloodRates = [.. value.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] },
                "--flood-kinds" when value is not null && value.Split(',').All(k => k is "garbage" or "wrong_auth" or "wrong_version") =>
                    o with { FloodKinds = value.Split(',') },
                "--out" when value is not null => o with { OutputPath = value },
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            o = next;
            i++;
        }

        return o;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null.</summary>
    private static int? Int(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : null;

    /// <summary>Comma-separated implementations (case ignored), or null when one is not known.</summary>
    private static List<PeerKind>? ParseKinds(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kinds = new List<PeerKind>();
        foreach (string k in text.Split(','))
        {
            if (!Enum.TryParse(k, ignoreCase: true, out PeerKind kind))
            {
                return null;
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}
