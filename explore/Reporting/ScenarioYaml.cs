using System.Globalization;
using System.Text;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Reporting;

/// <summary>
/// Writes a scenario of an explored cluster as a scenario file (spec/scenario-format.md) that the
/// loader reads back into the same <see cref="Scenario"/>: network, nodes with their interfaces
/// and keepalived.conf (inline, verbatim), timeline and expectations.
/// </summary>
public static class ScenarioYaml
{
    /// <summary>The file text; <paramref name="comment"/> lines are written first as <c>#</c> comments.</summary>
    public static string Write(ExploreCluster cluster, Scenario scenario, IEnumerable<string> comment)
    {
        var sb = new StringBuilder();
        foreach (string c in comment)
        {
            foreach (string line in c.Split('\n'))
            {
                sb.Append(line.Length == 0 ? "#" : "# " + line.TrimEnd()).Append('\n');
            }
        }

        sb.Append("name: ").Append(Scalar(scenario.Name)).Append('\n');
        if (scenario.Description is { } d)
        {
            sb.Append("description: ").Append(Quoted(d)).Append('\n');
        }

        sb.Append("seed: ").Append(scenario.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("duration: ").Append(scenario.Duration).Append('\n');
        if (scenario.Autostart)
        {
            sb.Append("autostart: true\n");
        }

        sb.Append("network:\n  segments:\n");
        foreach (SegmentSpec s in scenario.Segments)
        {
            sb.Append("    ").Append(Scalar(s.Name)).Append(": { latency: ").Append(s.Latency).Append(", jitter: ").Append(s.Jitter)
                .Append(", loss: ").Append(s.Loss).Append(" }\n");
        }

        sb.Append("nodes:\n");
        for (int i = 0; i < scenario.Nodes.Length; i++)
        {
            NodeSpec n = scenario.Nodes[i];
            sb.Append("  ").Append(Scalar(n.Name)).Append(":\n    interfaces:\n");
            foreach (InterfaceSpec f in n.Interfaces)
            {
                sb.Append("      ").Append(Scalar(f.Name)).Append(": { segment: ").Append(Scalar(f.Segment)).Append(", address: ")
                    .Append(f.Address).Append('/').Append(f.PrefixLength.ToString(CultureInfo.InvariantCulture));
                if (f.LinkLocal is { } ll)
                {
                    sb.Append(", link_local: ").Append(Quoted(ll.ToString()));
                }

                sb.Append(" }\n");
            }

            NodeSource src = cluster.Sources[i];
            if (src.Text is { } text)
            {
                AppendBlock(sb, "    keepalived: ", text, 6);
            }
            else
            {
                sb.Append("    keepalived_file: ").Append(Quoted(src.Path!)).Append('\n');
            }
        }

        if (!scenario.Timeline.IsDefaultOrEmpty)
        {
            sb.Append("timeline:\n");
            foreach (TimelineEntry e in scenario.Timeline)
            {
                sb.Append("  - { at: ").Append(e.At).Append(", ").Append(Action(e.Action)).Append(" }\n");
            }
        }

        if (!scenario.Expectations.IsDefaultOrEmpty)
        {
            sb.Append("expect:\n");
            foreach (Expectation x in scenario.Expectations)
            {
                sb.Append("  - ").Append(Expectation(x)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>A timeline action as the flow-mapping entry of the file, e.g. <c>crash: node1</c>.</summary>
    public static string Action(TimelineAction a) => a switch
    {
        StartAction s => "start: " + Nodes(s.Nodes),
        StopAction s => "stop: " + Nodes(s.Nodes),
        KillAction k => "kill: " + Nodes(k.Nodes),
        CrashAction c => "crash: " + Nodes(c.Nodes),
        ScriptAction s => $"script: {{ node: {Scalar(s.Node)}, name: {Scalar(s.Script)}, result: {(s.Ok ? "ok" : "fail")} }}",
        LinkAction l => $"link: {{ node: {Scalar(l.Node)}, interface: {Scalar(l.Interface)}, up: {(l.Up ? "true" : "false")} }}",
        PartitionAction p => "partition: [" + string.Join(", ", p.Groups.Select(g => "[" + string.Join(", ", g.Select(Scalar)) + "]")) + "]",
        HealAction => "heal: true",
        LossAction l => $"loss: {{ segment: {Scalar(l.Segment)}, rate: {l.Rate} }}",
        LatencyAction l => l.Jitter is { } j
            ? $"latency: {{ segment: {Scalar(l.Segment)}, value: {l.Value}, jitter: {j} }}"
            : $"latency: {{ segment: {Scalar(l.Segment)}, value: {l.Value} }}",
        PauseAction p => $"pause: {{ node: {Scalar(p.Node)}, for: {p.For} }}",
        DriftAction d => $"drift: {{ node: {Scalar(d.Node)}, rate: {d.Rate} }}",
        FloodAction f => $"flood: {{ segment: {Scalar(f.Segment)}, vrid: {f.Vrid.ToString(CultureInfo.InvariantCulture)}, rate: {f.Rate.ToString(CultureInfo.InvariantCulture)}, for: {f.For}, kind: {f.KindName} }}",
        _ => throw new ArgumentException("no YAML form for " + a.Keyword, nameof(a)),
    };

    private static string Expectation(Expectation e)
    {
        string q = e.Instance is { } i ? ", instance: " + Scalar(i) : e.Vrid is { } v ? ", vrid: " + v.ToString(CultureInfo.InvariantCulture) : "";
        return e switch
        {
            PropertyExpectation p => "{ property: " + p.Property + q + " }",
            _ => throw new ArgumentException("explore writes property expectations only", nameof(e)),
        };
    }

    private static string Nodes(System.Collections.Immutable.ImmutableArray<string> nodes) =>
        nodes.Length == 1 ? Scalar(nodes[0]) : "[" + string.Join(", ", nodes.Select(Scalar)) + "]";

    private static void AppendBlock(StringBuilder sb, string key, string text, int indent)
    {
        string body = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        string[] lines = body.Split('\n');
        string? first = lines.FirstOrDefault(l => l.Trim().Length > 0);
        bool indicator = first is not null && (first[0] == ' ' || first[0] == '\t');
        sb.Append(key).Append('|').Append(indicator ? "2" : "").Append('\n');
        string pad = new(' ', indent);
        foreach (string line in lines)
        {
            sb.Append(line.Length == 0 ? "" : pad + line).Append('\n');
        }
    }

    /// <summary>A plain scalar when safe, else a double-quoted one.</summary>
    public static string Scalar(string s)
    {
        bool plain = s.Length > 0 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '@')
            && s is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "True" or "False" or "Null" or "Yes" or "No" or "On" or "Off");
        return plain ? s : Quoted(s);
    }

    private static string Quoted(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
