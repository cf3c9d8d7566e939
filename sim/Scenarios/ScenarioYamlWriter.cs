using System.Globalization;
using System.Text;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// Writes a <see cref="Scenario"/> as a scenario file (spec/scenario-format.md) that
/// <see cref="ScenarioLoader"/> reads back to the same scenario: what <c>vrrplab check --emit</c>
/// writes, so any of its answers replays with <c>vrrplab run</c> (and in the lab). A node's
/// keepalived.conf is referenced by path (<c>keepalived_file</c>), never re-serialised: the replay
/// reads the operator's own file with the same reader.
/// </summary>
public static class ScenarioYamlWriter
{
    /// <summary>
    /// The scenario's text. <paramref name="keepalivedFiles"/> gives each node's keepalived.conf as a
    /// path relative to where the scenario file will be written; <paramref name="comments"/> become the
    /// header (<c># ...</c> lines).
    /// </summary>
    public static string Write(Scenario scenario, IReadOnlyDictionary<string, string> keepalivedFiles, IEnumerable<string>? comments = null)
    {
        var w = new StringBuilder();
        foreach (string c in comments ?? [])
        {
            foreach (string line in c.Split('\n'))
            {
                w.Append("# ").Append(line.TrimEnd()).Append('\n');
            }
        }

        w.Append("name: ").Append(Q(scenario.Name)).Append('\n');
        if (scenario.Description is { } d)
        {
            w.Append("description: ").Append(Q(d)).Append('\n');
        }

        if (scenario.Seed != 1)
        {
            w.Append("seed: ").Append(scenario.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        w.Append("duration: ").Append(scenario.Duration).Append('\n');
        if (scenario.Autostart)
        {
            w.Append("autostart: true\n");
        }

        w.Append("network:\n  segments:\n");
        foreach (SegmentSpec s in scenario.Segments)
        {
            w.Append("    ").Append(Q(s.Name)).Append(": { latency: ").Append(s.Latency)
                .Append(", jitter: ").Append(s.Jitter).Append(", loss: ").Append(Q(s.Loss.ToString())).Append(" }\n");
        }

        w.Append("nodes:\n");
        foreach (NodeSpec n in scenario.Nodes)
        {
            if (!keepalivedFiles.TryGetValue(n.Name, out string? file))
            {
                throw new ArgumentException($"no keepalived.conf path for node {n.Name}", nameof(keepalivedFiles));
            }

            w.Append("  ").Append(Q(n.Name)).Append(":\n    interfaces:\n");
            foreach (InterfaceSpec i in n.Interfaces)
            {
                w.Append("      ").Append(Q(i.Name)).Append(": { segment: ").Append(Q(i.Segment)).Append(", address: ")
                    .Append(i.Address).Append('/').Append(i.PrefixLength.ToString(CultureInfo.InvariantCulture));
                if (i.LinkLocal is { } ll)
                {
                    w.Append(", link_local: ").Append(Q(ll.ToString()));
                }

                w.Append(" }\n");
            }

            w.Append("    keepalived_file: ").Append(Q(file)).Append('\n');
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

    private static string Action(TimelineAction a) => a switch
    {
        StartAction s => "start: " + Nodes(s.Nodes),
        StopAction s => "stop: " + Nodes(s.Nodes),
        KillAction s => "kill: " + Nodes(s.Nodes),
        CrashAction s => "crash: " + Nodes(s.Nodes),
        ScriptAction s => $"script: {{ node: {Q(s.Node)}, name: {Q(s.Script)}, result: {(s.Ok ? "ok" : "fail")} }}",
        LinkAction l => $"link: {{ node: {Q(l.Node)}, interface: {Q(l.Interface)}, up: {(l.Up ? "true" : "false")} }}",
        PartitionAction p => "partition: [" + string.Join(", ", p.Groups.Select(g => "[" + string.Join(", ", g.Select(Q)) + "]")) + "]",
        HealAction => "heal: true",
        LossAction l => $"loss: {{ segment: {Q(l.Segment)}, rate: {Q(l.Rate.ToString())} }}",
        LatencyAction l => l.Jitter is { } j
            ? $"latency: {{ segment: {Q(l.Segment)}, value: {l.Value}, jitter: {j} }}"
            : $"latency: {{ segment: {Q(l.Segment)}, value: {l.Value} }}",
        PauseAction p => $"pause: {{ node: {Q(p.Node)}, for: {p.For} }}",
        DriftAction d => $"drift: {{ node: {Q(d.Node)}, rate: {Q(d.Rate.ToString())} }}",
        FloodAction f => $"flood: {{ segment: {Q(f.Segment)}, vrid: {f.Vrid.ToString(CultureInfo.InvariantCulture)}, rate: {f.Rate.ToString(CultureInfo.InvariantCulture)}, for: {f.For}, kind: {f.KindName} }}",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a.Keyword, "an action the writer does not know"),
    };

    private static string Expect(Expectation e)
    {
        string q = (e.Instance is { } i ? $", instance: {Q(i)}" : "") + (e.Vrid is { } v ? $", vrid: {v.ToString(CultureInfo.InvariantCulture)}" : "");
        return e switch
        {
            SingleMasterExpectation s => s.Grace is { } g ? $"{{ always: single_master, grace: {g}{q} }}" : $"{{ always: single_master{q} }}",
            VipOnlyOnMasterExpectation => $"{{ always: vip_only_on_master{q} }}",
            MasterAtExpectation m => $"{{ at: {m.At}, master: {Q(m.Node ?? "none")}{q} }}",
            StatesAtExpectation s => $"{{ at: {s.At}, state: {{ {string.Join(", ", s.States.Select(x => $"{Q(x.Node)}: {State(x.State)}"))} }}{q} }}",
            EventuallyMasterExpectation ev => $"eventually: {{ master: {Q(ev.Node)}, after: {ev.After}, within: {ev.Within}{q} }}",
            NeverMasterExpectation n => $"never: {{ master: {Q(n.Node)}, after: {n.After}{(n.Before is { } b ? $", before: {b}" : "")}{q} }}",
            VipMovesExpectation vm => $"vip_moves: {{ {string.Join(", ", new[] { vm.Exactly is { } x ? $"equals: {x}" : null, vm.Min is { } mn ? $"min: {mn}" : null, vm.Max is { } mx ? $"max: {mx}" : null }.OfType<string>())}{q} }}",
            OutageExpectation o => $"outage: {{ {string.Join(", ", new[] { o.Max is { } mx ? $"max: {mx}" : null, o.Min is { } mn ? $"min: {mn}" : null, o.After is { } a ? $"after: {a}" : null }.OfType<string>())}{q} }}",
            TransitionsExpectation t => $"{{ transitions: {{ {string.Join(", ", t.Nodes.Select(n => $"{Q(n.Node)}: [{string.Join(", ", n.States.Select(State))}]"))} }}{q} }}",
            FinalMasterExpectation f => $"final: {{ master: {Q(f.Node ?? "none")}{q} }}",
            TakeoverExpectation t => $"takeover: {{ node: {Q(t.Node)}, after: {t.After}, within: [{t.Min}, {t.Max}]{q} }}",
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "an expectation the writer does not know"),
        };
    }

    private static string State(VrrpState s) => s.ToString().ToUpperInvariant();

    private static string Nodes(System.Collections.Immutable.ImmutableArray<string> nodes) =>
        nodes.Length == 1 ? Q(nodes[0]) : "[" + string.Join(", ", nodes.Select(Q)) + "]";

    /// <summary>A YAML flow scalar: plain when unambiguous, else double-quoted.</summary>
    private static string Q(string s)
    {
        bool plain = s.Length > 0
            && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '%')
            && char.IsAsciiLetter(s[0])
            && s is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n" or "none" or "True" or "False" or "Null" or "NULL" or "TRUE" or "FALSE");
        if (plain)
        {
            return s;
        }

        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < ' ' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
