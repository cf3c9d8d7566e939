using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Wire;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Explore.Reporting;

/// <summary>
/// The JSON form of an <see cref="ExploreResult"/>: what each shard writes and
/// <c>vrrplab explore merge</c> reads, and what <c>--format json</c> prints. Written and read by
/// hand (no reflection). Format <c>vrrplab-explore/1</c>; timing sits apart under <c>timing</c>.
/// </summary>
public static class ResultJson
{
    /// <summary>The format tag.</summary>
    public const string Format = "vrrplab-explore/1";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>The result as JSON text (UTF-8, LF line ends, a final newline).</summary>
    public static string Write(ExploreResult r, bool includeTiming = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Indented))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteStringArray("inputs", r.Inputs);
            w.WriteString("fingerprint", r.Fingerprint);
            w.WriteStringArray("nodes", r.Nodes);
            w.WriteString("seed", r.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("runs", r.Runs);
            w.WriteNumber("duration_us", r.DurationUs);
            w.WriteStringArray("faults", r.Faults);
            w.WriteString("shard", r.Shard.ToString());
            w.WriteNumber("completed", r.Completed);
            w.WriteBoolean("interrupted", r.Interrupted);
            w.WriteBoolean("passed", r.Passed);
            w.WriteObjectArray("properties", r.Outcomes, (w, o) =>
            {
                w.WriteString("name", o.Property);
                w.WriteBoolean("held", o.Held);
                w.WriteNumber("failed_runs", o.FailedRuns);
                if (o.Counterexample is { } c)
                {
                    w.WriteObject("counterexample", w =>
                    {
                        w.WriteNumber("run", c.Run);
                        w.WriteString("run_seed", c.RunSeed.ToString(CultureInfo.InvariantCulture));
                        w.WriteNumber("original_actions", c.OriginalActions);
                        w.WriteNumber("actions", c.Actions);
                        w.WriteNumber("shrink_runs", c.ShrinkRuns);
                        w.WriteNumber("duration_us", c.DurationUs);
                        w.WriteString("evidence", c.Evidence);
                        w.WriteString("file", c.FileName);
                        w.WriteString("scenario", c.Yaml);
                        w.WriteStringArray("timeline", c.Timeline);
                    });
                }
            });
            w.WriteNumber("errors", r.Errors);
            if (r.FirstError is { } e)
            {
                w.WriteObject("first_error", w =>
                {
                    w.WriteNumber("run", e.Run);
                    w.WriteString("message", e.Message);
                });
            }

            int states = r.Coverage.States.Length;
            w.WriteObject("coverage", w =>
            {
                WriteCounts(w, "states", r.Coverage.States, i => StateName((VrrpState)i));
                WriteCounts(w, "transitions", r.Coverage.Transitions, i => StateName((VrrpState)(i / states)) + "->" + StateName((VrrpState)(i % states)));
                WriteCounts(w, "faults", r.Coverage.Faults, i => Faults.FaultKinds.Name((Faults.FaultKind)i));
                WriteCounts(w, "advert_drops", r.Coverage.Drops, i => DropName((AdvertDropReason)i));
                w.WriteNumber("events", r.Coverage.Events);
            });
            if (includeTiming)
            {
                w.WriteObject("timing", w =>
                {
                    w.WriteNumber("wall_seconds", Math.Round(r.WallSeconds, 3));
                    w.WriteNumber("threads", r.Threads);
                    if (r.MergedShards > 0)
                    {
                        w.WriteNumber("shards", r.MergedShards);
                        w.WriteNumber("slowest_shard_seconds", Math.Round(r.SlowestShardSeconds, 3));
                    }
                });
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, long[] counts, Func<int, string> label)
    {
        w.WriteStartObject(name);
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                w.WriteNumber(label(i), counts[i]);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>A state's name as traces spell it.</summary>
    public static string StateName(VrrpState s) => s.ToString().ToUpperInvariant();

    /// <summary>A drop reason as traces spell it (<c>auth_failure</c>).</summary>
    public static string DropName(AdvertDropReason r)
    {
        string s = r.ToString();
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(s[i]));
        }

        return sb.ToString();
    }

    /// <summary>Reads a result; <paramref name="error"/> says what is wrong (with the JSON path).</summary>
    public static ExploreResult? Read(string json, out string? error)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            if (Str(root, "format") != Format)
            {
                error = $"not a vrrplab explore result (format is not {Format})";
                return null;
            }

            if (!ShardSpec.TryParse(Str(root, "shard"), out ShardSpec shard, out string? shardError))
            {
                error = "shard: " + shardError;
                return null;
            }

            var outcomes = ImmutableArray.CreateBuilder<PropertyOutcome>();
            foreach (JsonElement p in root.GetProperty("properties").EnumerateArray())
            {
                Counterexample? cx = null;
                if (p.TryGetProperty("counterexample", out JsonElement c))
                {
                    cx = new Counterexample(
                        p.GetProperty("name").GetString()!,
                        c.GetProperty("run").GetInt64(),
                        ulong.Parse(Str(c, "run_seed"), CultureInfo.InvariantCulture),
                        c.GetProperty("original_actions").GetInt32(),
                        c.GetProperty("actions").GetInt32(),
                        c.GetProperty("shrink_runs").GetInt32(),
                        c.GetProperty("duration_us").GetInt64(),
                        Str(c, "evidence"),
                        Str(c, "file"),
                        Str(c, "scenario"),
                        [.. c.GetProperty("timeline").EnumerateArray().Select(x => x.GetString()!)]);
                }

                outcomes.Add(new PropertyOutcome(Str(p, "name"), p.GetProperty("failed_runs").GetInt64(), cx));
            }

            var coverage = new Coverage();
            JsonElement cov = root.GetProperty("coverage");
            ReadCounts(cov.GetProperty("states"), coverage.States, i => StateName((VrrpState)i));
            int states = coverage.States.Length;
            ReadCounts(cov.GetProperty("transitions"), coverage.Transitions, i => StateName((VrrpState)(i / states)) + "->" + StateName((VrrpState)(i % states)));
            ReadCounts(cov.GetProperty("faults"), coverage.Faults, i => Faults.FaultKinds.Name((Faults.FaultKind)i));
            ReadCounts(cov.GetProperty("advert_drops"), coverage.Drops, i => DropName((AdvertDropReason)i));
            coverage.Events = cov.GetProperty("events").GetInt64();

            (long, string)? firstError = root.TryGetProperty("first_error", out JsonElement fe)
                ? (fe.GetProperty("run").GetInt64(), Str(fe, "message"))
                : null;
            double wall = 0;
            int threads = 0;
            if (root.TryGetProperty("timing", out JsonElement timing))
            {
                wall = timing.GetProperty("wall_seconds").GetDouble();
                threads = timing.GetProperty("threads").GetInt32();
            }

            error = null;
            return new ExploreResult
            {
                Inputs = [.. root.GetProperty("inputs").EnumerateArray().Select(x => x.GetString()!)],
                Fingerprint = Str(root, "fingerprint"),
                Nodes = [.. root.GetProperty("nodes").EnumerateArray().Select(x => x.GetString()!)],
                Seed = ulong.Parse(Str(root, "seed"), CultureInfo.InvariantCulture),
                Runs = root.GetProperty("runs").GetInt64(),
                DurationUs = root.GetProperty("duration_us").GetInt64(),
                Faults = [.. root.GetProperty("faults").EnumerateArray().Select(x => x.GetString()!)],
                Shard = shard,
                Completed = root.GetProperty("completed").GetInt64(),
                Interrupted = root.GetProperty("interrupted").GetBoolean(),
                Outcomes = outcomes.ToImmutable(),
                Errors = root.GetProperty("errors").GetInt64(),
                FirstError = firstError,
                Coverage = coverage,
                WallSeconds = wall,
                Threads = threads,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            error = e is JsonException je && je.LineNumber is { } line
                ? $"invalid JSON at line {line + 1}: {je.Message}"
                : "not a vrrplab explore result: " + e.Message;
            return null;
        }
    }

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");

    private static void ReadCounts(JsonElement obj, long[] into, Func<int, string> label)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < into.Length; i++)
        {
            index[label(i)] = i;
        }

        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (!index.TryGetValue(p.Name, out int i))
            {
                throw new FormatException($"unknown coverage entry '{p.Name}'");
            }

            into[i] = p.Value.GetInt64();
        }
    }
}
