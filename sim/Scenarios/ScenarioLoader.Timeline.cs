using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The <c>timeline:</c> section: one parser per action keyword, node and segment references.</summary>
public static partial class ScenarioLoader
{
    private sealed partial class Parser
    {
        private ImmutableArray<TimelineEntry> ParseTimeline(YamlNode tl, Duration? duration)
        {
            if (tl is not YamlSequenceNode seq)
            {
                y.Error(tl, "timeline must be a list of { at: TIME, ACTION: ARGUMENT }");
                return [];
            }

            var list = new List<TimelineEntry>();
            var allowed = new List<string>(ActionKeys) { "at" };
            foreach (YamlNode item in seq.Children)
            {
                var m = y.Mapping(item, "a timeline entry", allowed, "at");
                if (m is null)
                {
                    continue;
                }

                Duration? at = Get(m, "at") is { } atn ? y.Duration(atn, "at") : null;
                var actions = m.Where(e => e.Key != "at").ToList();
                if (actions.Count != 1)
                {
                    y.Error(item, actions.Count == 0
                        ? $"a timeline entry needs one action (one of: {string.Join(", ", ActionKeys)})"
                        : $"a timeline entry has one action, this one has {actions.Count}: {string.Join(", ", actions.Select(a => a.Key))}");
                    continue;
                }

                TimelineAction? action = ParseAction(actions[0].Key, actions[0].Value);
                if (at is { } t && action is not null)
                {
                    if (duration is { } d && t > d)
                    {
                        y.Warning(item, $"this entry at {t} is after the end of the run ({d}) and never applies");
                    }

                    list.Add(new TimelineEntry(t, action) { Location = y.At(item) });
                }
            }

            // Applied in order of 'at'; ties keep file order (a stable sort).
            return [.. list.OrderBy(e => e.At.Microseconds)];
        }

        /// <summary>
        /// The mapping of an action on one node (<c>script</c>, <c>link</c>, <c>pause</c>, <c>drift</c>,
        /// <c>process</c>), null when it is not a mapping; <paramref name="node"/> is its declared node, else null.
        /// </summary>
        private List<(string Key, YamlNode KeyNode, YamlNode Value)>? NodeAction(YamlNode arg, string what, string[] allowed, string[] required, out string? node)
        {
            var m = y.Mapping(arg, what, allowed, required);
            node = m is not null && Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
            return m;
        }

        private string? NodeRef(YamlNode node, string what)
        {
            string? n = y.Name(node, what);
            if (n is not null && !_declared.Contains(n))
            {
                y.Error(node, $"unknown node '{n}' (nodes: {string.Join(", ", _declared)})");
                return null;
            }

            return n;
        }

        private string? SegmentRef(YamlNode node)
        {
            string? n = y.Name(node, "segment");
            if (n is not null && !_segments.ContainsKey(n))
            {
                y.Error(node, $"unknown segment '{n}' (segments: {string.Join(", ", _segments.Keys)})");
                return null;
            }

            return n;
        }

        private ImmutableArray<string>? NodeList(YamlNode node, string what)
        {
            var items = y.OneOrMany(node, what);
            if (items is null)
            {
                return null;
            }

            bool ok = true;
            foreach ((string v, YamlNode n) in items)
            {
                if (!_declared.Contains(v))
                {
                    y.Error(n, $"unknown node '{v}' (nodes: {string.Join(", ", _declared)})");
                    ok = false;
                }
            }

            return ok ? [.. items.Select(i => i.Value)] : null;
        }

        private TimelineAction? ParseAction(string key, YamlNode arg)
        {
            switch (key)
            {
                case "start":
                    return NodeList(arg, "start") is { } s1 ? new StartAction(s1) : null;
                case "stop":
                    return NodeList(arg, "stop") is { } s2 ? new StopAction(s2) : null;
                case "kill":
                    return NodeList(arg, "kill") is { } s3 ? new KillAction(s3) : null;
                case "crash":
                    return NodeList(arg, "crash") is { } s4 ? new CrashAction(s4) : null;
                case "script":
                {
                    if (NodeAction(arg, "script", ["node", "name", "result"], ["node", "name", "result"], out string? node) is not { } m)
                    {
                        return null;
                    }

                    string? name = Get(m, "name") is { } sn ? y.Name(sn, "name") : null;
                    bool? ok = null;
                    if (Get(m, "result") is { } rn && y.Scalar(rn, "result") is { } r)
                    {
                        ok = r switch { "ok" => true, "fail" => false, _ => null };
                        if (ok is null)
                        {
                            y.Error(rn, $"result must be ok or fail (got '{r}')");
                        }
                    }

                    if (node is not null && name is not null && ok is not null)
                    {
                        RouterConfig? cfg = _nodes.TryGetValue(node, out NodeSpec? ns) ? ns.Config : null;
                        if (cfg is not null && !cfg.Scripts.Any(sc => sc.Name == name))
                        {
                            y.Error(Get(m, "name")!, $"node {node} has no vrrp_script '{name}' (scripts: {(cfg.Scripts.IsDefaultOrEmpty ? "none" : string.Join(", ", cfg.Scripts.Select(sc => sc.Name)))})");
                            return null;
                        }

                        return new ScriptAction(node, name, ok.Value);
                    }

                    return null;
                }

                case "link":
                {
                    if (NodeAction(arg, "link", ["node", "interface", "up"], ["node", "interface", "up"], out string? node) is not { } m)
                    {
                        return null;
                    }

                    string? iface = Get(m, "interface") is { } inode ? y.Name(inode, "interface") : null;
                    bool? up = Get(m, "up") is { } un ? y.Bool(un, "up") : null;
                    if (node is not null && iface is not null && _nodes.TryGetValue(node, out NodeSpec? ln) && ln.FindInterface(iface) is null)
                    {
                        y.Error(Get(m, "interface")!, $"node {node} has no interface '{iface}'");
                        return null;
                    }

                    return node is not null && iface is not null && up is not null ? new LinkAction(node, iface, up.Value) : null;
                }

                case "partition":
                {
                    if (arg is not YamlSequenceNode groups || groups.Children.Count == 0)
                    {
                        y.Error(arg, "partition must be a list of groups of nodes, e.g. [[node1], [node2]]");
                        return null;
                    }

                    var result = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    bool ok = true;
                    foreach (YamlNode g in groups.Children)
                    {
                        if (NodeList(g, "partition group") is { } members)
                        {
                            foreach (string mbr in members)
                            {
                                if (!seen.Add(mbr))
                                {
                                    y.Error(g, $"node '{mbr}' is in more than one partition group");
                                    ok = false;
                                }
                            }

                            result.Add(members);
                        }
                        else
                        {
                            ok = false;
                        }
                    }

                    return ok ? new PartitionAction(result.ToImmutable()) : null;
                }

                case "heal":
                    if (y.Bool(arg, "heal") is { } h)
                    {
                        if (!h)
                        {
                            y.Error(arg, "heal takes 'true'");
                            return null;
                        }

                        return new HealAction();
                    }

                    return null;
                case "loss":
                {
                    var m = y.Mapping(arg, "loss", ["segment", "rate"], "segment", "rate");
                    if (m is null)
                    {
                        return null;
                    }

                    string? seg = Get(m, "segment") is { } sn ? SegmentRef(sn) : null;
                    Rate? rate = Get(m, "rate") is { } rn ? y.Rate(rn, "rate") : null;
                    return seg is not null && rate is not null ? new LossAction(seg, rate.Value) : null;
                }

                case "latency":
                {
                    var m = y.Mapping(arg, "latency", ["segment", "value", "jitter"], "segment", "value");
                    if (m is null)
                    {
                        return null;
                    }

                    string? seg = Get(m, "segment") is { } sn ? SegmentRef(sn) : null;
                    Duration? value = Get(m, "value") is { } vn ? y.Duration(vn, "value") : null;
                    Duration? jitter = null;
                    if (Get(m, "jitter") is { } jn)
                    {
                        jitter = y.Duration(jn, "jitter");
                        if (jitter is null)
                        {
                            return null;
                        }
                    }

                    return seg is not null && value is not null ? new LatencyAction(seg, value.Value, jitter) : null;
                }

                case "pause":
                {
                    if (NodeAction(arg, "pause", ["node", "for"], ["node", "for"], out string? node) is not { } m)
                    {
                        return null;
                    }

                    Duration? f = Get(m, "for") is { } fn ? y.Duration(fn, "for") : null;
                    if (f is { } fv && fv <= Duration.Zero)
                    {
                        y.Error(Get(m, "for")!, "pause 'for' must be more than 0s");
                        return null;
                    }

                    return node is not null && f is not null ? new PauseAction(node, f.Value) : null;
                }

                case "drift":
                {
                    if (NodeAction(arg, "drift", ["node", "rate"], ["node", "rate"], out string? node) is not { } m)
                    {
                        return null;
                    }

                    ClockRate? rate = null;
                    if (Get(m, "rate") is { } rn && y.Scalar(rn, "rate") is { } rs)
                    {
                        if (Units.TryParseClockRate(rs, out ClockRate cr, out string? err))
                        {
                            rate = cr;
                        }
                        else
                        {
                            y.Error(rn, err);
                        }
                    }

                    return node is not null && rate is not null ? new DriftAction(node, rate.Value) : null;
                }

                case "flood":
                    return ParseFlood(arg);

                case "process":
                    return ParseProcess(arg);

                default:
                    return null;
            }
        }

        /// <summary><c>flood: { segment, vrid, rate, for, kind }</c>; rate is datagrams per second (<c>200</c> or <c>200/s</c>).</summary>
        private FloodAction? ParseFlood(YamlNode arg)
        {
            var m = y.Mapping(arg, "flood", ["segment", "vrid", "rate", "for", "kind"], "segment", "vrid", "rate", "for", "kind");
            if (m is null)
            {
                return null;
            }

            string? seg = Get(m, "segment") is { } sn ? SegmentRef(sn) : null;
            long? vrid = Get(m, "vrid") is { } vn ? y.Integer(vn, "vrid", 1, 255) : null;
            int? rate = null;
            if (Get(m, "rate") is { } rn && y.Scalar(rn, "rate") is { } rs)
            {
                string digits = rs.EndsWith("/s", StringComparison.Ordinal) ? rs[..^2] : rs;
                if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int r)
                    && r is >= 1 and <= MaxFloodRate)
                {
                    rate = r;
                }
                else
                {
                    y.Error(rn, $"rate must be datagrams per second, a whole number from 1 to {MaxFloodRate} such as 200 or 200/s (got '{rs}')");
                }
            }

            Duration? f = Get(m, "for") is { } fn ? y.Duration(fn, "for") : null;
            if (f is { } fv && fv <= Duration.Zero)
            {
                y.Error(Get(m, "for")!, "flood 'for' must be more than 0s");
                return null;
            }

            Engine.Wire.FloodKind? kind = null;
            if (Get(m, "kind") is { } kn && y.Scalar(kn, "kind") is { } ks)
            {
                int k = FloodAction.KindNames.IndexOf(ks);
                if (k < 0)
                {
                    y.Error(kn, $"kind must be {string.Join(", ", FloodAction.KindNames)} (got '{ks}')");
                }
                else
                {
                    kind = (Engine.Wire.FloodKind)k;
                }
            }

            return seg is not null && vrid is not null && rate is not null && f is not null && kind is not null
                ? new FloodAction(seg, (byte)vrid.Value, rate.Value, f.Value, kind.Value)
                : null;
        }
    }
}
