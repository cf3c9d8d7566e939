using System.Collections.Immutable;
using VrrpLab.Engine.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// Loads scenario files (spec/scenario-format.md) into <see cref="Scenario"/> records. Bad input
/// never throws: every problem comes back as a <see cref="ScenarioDiagnostic"/> with the file,
/// line and column, including keepalived.conf errors inside an inline <c>keepalived:</c> block,
/// which are reported at their line in the YAML file.
/// </summary>
public static partial class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "duration", "network", "nodes", "timeline", "expect", "autostart"];
    private static readonly string[] NodeKeys = ["interfaces", "address", "keepalived", "keepalived_file", "implementation"];
    private static readonly string[] InterfaceKeys = ["segment", "address", "link_local"];
    private static readonly string[] SegmentKeys = ["latency", "jitter", "loss"];

    /// <summary>The timeline's action keys, in the order the spec lists them.</summary>
    public static readonly ImmutableArray<string> ActionKeys =
        ["start", "stop", "kill", "crash", "script", "link", "partition", "heal", "loss", "latency", "pause", "drift", "flood", "process"];

    /// <summary>The highest <c>flood</c> rate, datagrams per second.</summary>
    public const int MaxFloodRate = 1_000_000;

    /// <summary>The expectation keys (besides the qualifiers <c>instance</c> and <c>vrid</c>).</summary>
    public static readonly ImmutableArray<string> ExpectationKeys =
        ["always", "at", "eventually", "never", "vip_moves", "outage", "transitions", "final", "takeover", "property"];

    /// <summary>Loads the scenario file at <paramref name="path"/> (diagnostics name it as given).</summary>
    public static ScenarioLoadResult LoadFile(string path, KeepalivedReader? reader = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScenarioLoadResult(null, [new ScenarioDiagnostic(new SourceLocation(path, 1, 1), DiagnosticSeverity.Error, $"cannot read scenario file: {e.Message}")]);
        }

        return LoadText(text, path, Path.GetDirectoryName(path), reader);
    }

    /// <summary>
    /// Loads scenario YAML <paramref name="yaml"/>; <paramref name="displayName"/> names it in
    /// diagnostics and <paramref name="baseDirectory"/> resolves <c>keepalived_file</c>.
    /// </summary>
    public static ScenarioLoadResult LoadText(string yaml, string displayName, string? baseDirectory = null, KeepalivedReader? reader = null)
    {
        var diagnostics = new List<ScenarioDiagnostic>();
        var y = new YamlCursor(displayName, diagnostics);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            string msg = e.InnerException is { } inner && e.Message.Contains("See inner", StringComparison.Ordinal) ? inner.Message : e.Message;
            y.Error(y.At(e.Start), "invalid YAML: " + TrimYamlMessage(msg));
            return new ScenarioLoadResult(null, [.. diagnostics]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet reports a few malformed inputs (e.g. an alias to a missing anchor) this way.
            y.Error(new SourceLocation(displayName, 1, 1), "invalid YAML: " + e.Message);
            return new ScenarioLoadResult(null, [.. diagnostics]);
        }

        if (stream.Documents.Count != 1)
        {
            y.Error(new SourceLocation(displayName, 1, 1), stream.Documents.Count == 0 ? "the file is empty" : "a scenario file holds one YAML document");
            return new ScenarioLoadResult(null, [.. diagnostics]);
        }

        var parser = new Parser(y, yaml, baseDirectory ?? "", reader ?? KeepalivedSource.Read);
        Scenario? scenario = parser.Parse(stream.Documents[0].RootNode);
        ImmutableArray<ScenarioDiagnostic> all = [.. diagnostics];
        return new ScenarioLoadResult(all.Any(d => d.IsError) ? null : scenario, all);
    }

    private static string TrimYamlMessage(string m)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; we print the position ourselves.
        int i = m.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && m.StartsWith("(Line", StringComparison.Ordinal) ? m[(i + 3)..] : m;
    }

    /// <summary>
    /// One parse of one file. The format's sections each have their part: the network
    /// (ScenarioLoader.Network.cs), the nodes and their embedded keepalived.conf
    /// (ScenarioLoader.Nodes.cs), the timeline (ScenarioLoader.Timeline.cs) and the expectations
    /// (ScenarioLoader.Expectations.cs); this part reads the top level and checks cross-references.
    /// </summary>
    private sealed partial class Parser(YamlCursor y, string yamlText, string baseDirectory, KeepalivedReader reader)
    {
        // The constructor's parameters as fields, so that every part of the class sees them.
        private readonly YamlCursor y = y;
        private readonly string baseDirectory = baseDirectory;
        private readonly KeepalivedReader reader = reader;
        private readonly string[] _lines = yamlText.Split('\n');
        private NodeConfigText? _lastConfigText;
        private readonly Dictionary<string, NodeSpec> _nodes = new(StringComparer.Ordinal);
        private readonly List<string> _declared = [];
        private readonly Dictionary<string, SegmentSpec> _segments = new(StringComparer.Ordinal);

        public Scenario? Parse(YamlNode root)
        {
            var top = y.Mapping(root, "the scenario", TopKeys, "name", "duration", "nodes");
            if (top is null)
            {
                return null;
            }

            string? name = Get(top, "name") is { } n ? y.Name(n, "name") : null;
            string? description = Get(top, "description") is { } d ? y.Scalar(d, "description") : null;
            ulong seed = 1;
            if (Get(top, "seed") is { } s && y.Integer(s, "seed", 0, long.MaxValue) is { } sv)
            {
                seed = (ulong)sv;
            }

            Duration? duration = Get(top, "duration") is { } du ? y.Duration(du, "duration") : null;
            if (duration is { } dd && dd <= Duration.Zero)
            {
                y.Error(Get(top, "duration")!, "duration must be more than 0s");
            }

            bool autostart = Get(top, "autostart") is { } a && y.Bool(a, "autostart") == true;

            ImmutableArray<SegmentSpec> segments = Get(top, "network") is { } net ? ParseNetwork(net) : [SegmentSpec.DefaultLan];
            foreach (SegmentSpec seg in segments)
            {
                _segments[seg.Name] = seg;
            }

            ImmutableArray<NodeSpec> nodes = Get(top, "nodes") is { } nn ? ParseNodes(nn, segments) : [];
            ImmutableArray<TimelineEntry> timeline = Get(top, "timeline") is { } tl ? ParseTimeline(tl, duration) : [];
            ImmutableArray<Expectation> expect = Get(top, "expect") is { } ex ? ParseExpectations(ex) : [];
            if (duration is { } end)
            {
                foreach (Expectation e in expect)
                {
                    Duration? at = e switch
                    {
                        MasterAtExpectation m => m.At,
                        StatesAtExpectation st => st.At,
                        EventuallyMasterExpectation ev => ev.After,
                        TakeoverExpectation t => t.After,
                        _ => null,
                    };
                    if (at is { } t0 && t0 > end && e.Location is { } loc)
                    {
                        y.Diagnostics.Add(new ScenarioDiagnostic(loc, DiagnosticSeverity.Warning, $"this check looks at {t0}, after the end of the run ({end}): it cannot pass"));
                    }
                }
            }

            if (name is null || duration is null)
            {
                return null;
            }

            return new Scenario
            {
                Name = name,
                Description = description,
                Seed = seed,
                Duration = duration.Value,
                Autostart = autostart,
                Segments = segments,
                Nodes = nodes,
                Timeline = timeline,
                Expectations = expect,
                SourcePath = y.File,
                NameLocation = y.At(Get(top, "name")!),
            };
        }

        private static YamlNode? Get(List<(string Key, YamlNode KeyNode, YamlNode Value)> entries, string key) => YamlCursor.Get(entries, key);
    }
}
