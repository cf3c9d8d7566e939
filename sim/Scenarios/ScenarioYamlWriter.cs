using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// Writes a <see cref="Scenario"/> as a scenario file (spec/scenario-format.md) that
/// <see cref="ScenarioLoader"/> reads back to the same scenario. The one writer of scenario files:
/// <c>vrrplab check --emit</c> (keepalived.conf referenced by path, so the replay reads the
/// operator's own file with the same reader) and <c>vrrplab explore</c> counterexamples
/// (keepalived.conf inline, verbatim, unless it uses <c>include</c>).
/// </summary>
public static class ScenarioYamlWriter
{
    /// <summary>
    /// The scenario's text. <paramref name="keepalivedFiles"/> gives each node's keepalived.conf as a
    /// path relative to where the scenario file will be written; <paramref name="comments"/> become the
    /// header (<c># ...</c> lines).
    /// </summary>
    public static string Write(Scenario scenario, IReadOnlyDictionary<string, string> keepalivedFiles, IEnumerable<string>? comments = null) =>
        Write(scenario, (n, _) => keepalivedFiles.TryGetValue(n.Name, out string? file)
            ? KeepalivedRef.File(file)
            : throw new ArgumentException($"no keepalived.conf path for node {n.Name}", nameof(keepalivedFiles)), comments);

    /// <summary>
    /// The scenario's text, each node's keepalived.conf given by <paramref name="source"/> (called with
    /// the node and its index): inline text (<c>keepalived: |</c>) or a path (<c>keepalived_file:</c>).
    /// </summary>
    public static string Write(Scenario scenario, Func<NodeSpec, int, KeepalivedRef> source, IEnumerable<string>? comments = null)
    {
        var w = new StringBuilder();
        foreach (string c in comments ?? [])
        {
            foreach (string line in c.Split('\n'))
            {
                w.Append(line.Length == 0 ? "#" : "# " + line.TrimEnd()).Append('\n');
            }
        }

        w.Append("name: ").Append(Scalar(scenario.Name)).Append('\n');
        if (scenario.Description is { } d)
        {
            w.Append("description: ").Append(Quoted(d)).Append('\n');
        }

        w.Append("seed: ").Append(scenario.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        w.Append("duration: ").Append(scenario.Duration).Append('\n');
        if (scenario.Autostart)
        {
            w.Append("autostart: true\n");
        }

        w.Append("network:\n  segments:\n");
        foreach (SegmentSpec s in scenario.Segments)
        {
            w.Append("    ").Append(Scalar(s.Name)).Append(": { latency: ").Append(s.Latency)
                .Append(", jitter: ").Append(s.Jitter).Append(", loss: ").Append(s.Loss).Append(" }\n");
        }

        w.Append("nodes:\n");
        for (int n = 0; n < scenario.Nodes.Length; n++)
        {
            NodeSpec node = scenario.Nodes[n];
            w.Append("  ").Append(Scalar(node.Name)).Append(":\n    interfaces:\n");
            foreach (InterfaceSpec i in node.Interfaces)
            {
                w.Append("      ").Append(Scalar(i.Name)).Append(": { segment: ").Append(Scalar(i.Segment)).Append(", address: ")
                    .Append(i.Address).Append('/').Append(i.PrefixLength.ToString(CultureInfo.InvariantCulture));
                if (i.LinkLocal is { } ll)
                {
                    w.Append(", link_local: ").Append(Quoted(ll.ToString()));
                }

                w.Append(" }\n");
            }

            KeepalivedRef conf = source(node, n);
            if (conf.Inline is { } text)
            {
                AppendBlock(w, "    keepalived: ", text, 6);
            }
            else
            {
                w.Append("    keepalived_file: ").Append(Quoted(conf.Path!)).Append('\n');
            }
        }

        if (!scenario.Timeline.IsDefaultOrEmpty)
        {
            w.Append("timeline:\n");
            foreach (TimelineEntry e in scenario.Timeline)
            {
                w.Append("  - { at: ").Append(e.At).Append(", ").Append(Action(e.Action)).Append(" }\n");
            }
        }

        if (!scenario.Expectations.IsDefaultOrEmpty)
        {
            w.Append("expect:\n");
            foreach (Expectation e in scenario.Expectations)
            {
                w.Append("  - ").Append(Expect(e)).Append('\n');
            }
        }

        return w.ToString();
    }

    /// <summary>A timeline action as the flow-mapping entry of the file, e.g. <c>crash: node1</c>.</summary>
    public static string Action(TimelineAction a) => a switch
    {
        StartAction s => "start: " + Nodes(s.Nodes),
        StopAction s => "stop: " + Nodes(s.Nodes),
        KillAction s => "kill: " + Nodes(s.Nodes),
        CrashAction s => "crash: " + Nodes(s.Nodes),
        ScriptAction s => $"script: {{ node: {Scalar(s.Node)}, name: {Scalar(s.Script)}, result: {(s.Ok ? "ok" : "fail")} }}",
        LinkAction l => $"link: {{ node: {Scalar(l.Node)}, interface: {Scalar(l.Interface)}, up: {(l.Up ? "true" : "false")} }}",
        PartitionAction p => "partition: [" + string.Join(", ", p.Groups.Select(g => "[" + string.Join(", ", g.Select(Scalar)) + "]")) + "]",
        HealAction => "heal: true",
        LossAction l => $"loss: {{ segment: {Scalar(l.Segment)}, rate: {l.Rate} }}",
        LatencyAction l => l.Jitter is { } j
            ? $"latency: {{ segment: {Scalar(l.Segment)}, value: {l.Value}, jitter: {j} }}"
            : $"latency: {{ segment: {Scalar(l.Segment)}, value: {l.Value} }}",
        PauseAction p => $"pause: {{ node: {Scalar(p.Node)}, for: {p.For} }}",
        ProcessAction p => $"process: {{ node: {Scalar(p.Node)}, name: {Scalar(p.Name)}, count: {p.Count.ToString(CultureInfo.InvariantCulture)}{(p.Forked ? ", forked: true" : "")} }}",
        DriftAction d => $"drift: {{ node: {Scalar(d.Node)}, rate: {d.Rate} }}",
        FloodAction f => $"flood: {{ segment: {Scalar(f.Segment)}, vrid: {f.Vrid.ToString(CultureInfo.InvariantCulture)}, rate: {f.Rate.ToString(CultureInfo.InvariantCulture)}, for: {f.For}, kind: {f.KindName} }}",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a.Keyword, "an action the writer does not know"),
    };

    private static string Expect(Expectation e)
    {
        string q = (e.Instance is { } i ? $", instance: {Scalar(i)}" : "") + (e.Vrid is { } v ? $", vrid: {v.ToString(CultureInfo.InvariantCulture)}" : "");
        return e switch
        {
            SingleMasterExpectation s => s.Grace is { } g ? $"{{ always: single_master, grace: {g}{q} }}" : $"{{ always: single_master{q} }}",
            VipOnlyOnMasterExpectation => $"{{ always: vip_only_on_master{q} }}",
            MasterAtExpectation m => $"{{ at: {m.At}, master: {Scalar(m.Node ?? "none")}{q} }}",
            StatesAtExpectation s => $"{{ at: {s.At}, state: {{ {string.Join(", ", s.States.Select(x => $"{Scalar(x.Node)}: {State(x.State)}"))} }}{q} }}",
            EventuallyMasterExpectation ev => $"eventually: {{ master: {Scalar(ev.Node)}, after: {ev.After}, within: {ev.Within}{q} }}",
            NeverMasterExpectation n => $"never: {{ master: {Scalar(n.Node)}, after: {n.After}{(n.Before is { } b ? $", before: {b}" : "")}{q} }}",
            VipMovesExpectation vm => $"vip_moves: {{ {Fields(("equals", vm.Exactly), ("min", vm.Min), ("max", vm.Max))}{q} }}",
            OutageExpectation o => $"outage: {{ {Fields(("max", o.Max), ("min", o.Min), ("after", o.After))}{q} }}",
            TransitionsExpectation t => $"{{ transitions: {{ {string.Join(", ", t.Nodes.Select(n => $"{Scalar(n.Node)}: [{string.Join(", ", n.States.Select(State))}]"))} }}{q} }}",
            FinalMasterExpectation f => $"final: {{ master: {Scalar(f.Node ?? "none")}{q} }}",
            TakeoverExpectation t => $"takeover: {{ node: {Scalar(t.Node)}, after: {t.After}, within: [{t.Min}, {t.Max}]{q} }}",
            PropertyExpectation p => $"{{ property: {p.Property}{q} }}",
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "an expectation the writer does not know"),
        };
    }

    /// <summary>The present fields of a flow mapping, in order, e.g. <c>min: 1, max: 2</c>.</summary>
    private static string Fields(params (string Key, object? Value)[] fields) =>
        string.Join(", ", fields.Where(f => f.Value is not null).Select(f => f.Key + ": " + f.Value));

    private static string State(VrrpState s) => s.ToString().ToUpperInvariant();

    private static string Nodes(ImmutableArray<string> nodes) =>
        nodes.Length == 1 ? Scalar(nodes[0]) : "[" + string.Join(", ", nodes.Select(Scalar)) + "]";

    /// <summary>A literal block (<c>|</c>), with an indentation indicator when the text starts indented.</summary>
    private static void AppendBlock(StringBuilder w, string key, string text, int indent)
    {
        string body = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        string[] lines = body.Split('\n');
        string? first = lines.FirstOrDefault(l => l.Trim().Length > 0);
        bool indicator = first is not null && (first[0] == ' ' || first[0] == '\t');
        w.Append(key).Append('|').Append(indicator ? "2" : "").Append('\n');
        string pad = new(' ', indent);
        foreach (string line in lines)
        {
            w.Append(line.Length == 0 ? "" : pad + line).Append('\n');
        }
    }

    /// <summary>A YAML flow scalar: plain when unambiguous, else double-quoted.</summary>
    public static string Scalar(string s)
    {
        bool plain = s.Length > 0
            && char.IsAsciiLetter(s[0])
            && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '%' or '@')
            && s is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n" or "none"
                or "True" or "False" or "Null" or "Yes" or "No" or "On" or "Off" or "NULL" or "TRUE" or "FALSE");
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
