// Over 400 lines: one parser per expectation kind with the qualifiers they share; evaluation lives in sim/Checks.
using System.Collections.Immutable;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The <c>expect:</c> section: one parser per expectation kind, with its qualifiers.</summary>
public static partial class ScenarioLoader
{
    private sealed partial class Parser
    {
        private ImmutableArray<Expectation> ParseExpectations(YamlNode ex)
        {
            if (ex is not YamlSequenceNode seq)
            {
                y.Error(ex, "expect must be a list of checks");
                return [];
            }

            var list = ImmutableArray.CreateBuilder<Expectation>();
            foreach (YamlNode item in seq.Children)
            {
                if (ParseExpectation(item) is { } e)
                {
                    list.Add(e);
                }
            }

            return list.ToImmutable();
        }

        private Expectation? ParseExpectation(YamlNode item)
        {
            var allowed = new List<string>(ExpectationKeys) { "instance", "vrid", "grace", "master", "state" };
            var m = y.Mapping(item, "an expectation", allowed);
            if (m is null)
            {
                return null;
            }

            string[] kinds = [.. m.Select(e => e.Key).Where(k => ExpectationKeys.Contains(k))];
            if (kinds.Length != 1)
            {
                y.Error(item, kinds.Length == 0
                    ? $"an expectation needs one check (one of: {string.Join(", ", ExpectationKeys)})"
                    : $"an expectation has one check, this one has {kinds.Length}: {string.Join(", ", kinds)}");
                return null;
            }

            string kind = kinds[0];
            YamlNode arg = Get(m, kind)!;
            foreach ((string k, YamlNode kn, YamlNode _) in m)
            {
                bool fits = k is "instance" or "vrid" || k == kind
                    || (kind == "at" && k is "master" or "state")
                    || (kind == "always" && k == "grace");
                if (!fits)
                {
                    y.Error(kn, $"key '{k}' does not belong to a '{kind}' expectation");
                    return null;
                }
            }

            (string? instance, byte? vrid) = Qualifiers(m);
            Expectation? e = kind switch
            {
                "always" => ParseAlways(arg, m),
                "at" => ParseAt(item, arg, m),
                "eventually" => ParseEventually(arg, ref instance, ref vrid),
                "never" => ParseNever(arg, ref instance, ref vrid),
                "vip_moves" => ParseVipMoves(arg, ref instance, ref vrid),
                "outage" => ParseOutage(arg, ref instance, ref vrid),
                "transitions" => ParseTransitions(arg),
                "final" => ParseFinal(arg, ref instance, ref vrid),
                "takeover" => ParseTakeover(arg, ref instance, ref vrid),
                "property" => ParseProperty(arg),
                _ => null,
            };
            if (e is null)
            {
                return null;
            }

            e = e with { Instance = instance, Vrid = vrid, Location = y.At(item) };
            return CheckQualifier(e, item) ? e : null;
        }

        private (string? Instance, byte? Vrid) Qualifiers(List<(string Key, YamlNode KeyNode, YamlNode Value)> m)
        {
            string? instance = Get(m, "instance") is { } i ? y.Name(i, "instance") : null;
            byte? vrid = Get(m, "vrid") is { } v && y.Integer(v, "vrid", 1, 255) is { } vv ? (byte)vv : null;
            return (instance, vrid);
        }

        /// <summary>Nested mappings may carry the qualifier too (<c>eventually: { master: n, instance: VI_1 }</c>).</summary>
        private void NestedQualifiers(List<(string Key, YamlNode KeyNode, YamlNode Value)> m, ref string? instance, ref byte? vrid)
        {
            (string? i, byte? v) = Qualifiers(m);
            instance ??= i;
            vrid ??= v;
        }

        /// <summary>An expectation's nested mapping (<see cref="YamlCursor.Mapping"/>) with its own qualifiers taken (<see cref="NestedQualifiers"/>); null when it is not one.</summary>
        private List<(string Key, YamlNode KeyNode, YamlNode Value)>? QualifiedMapping(
            YamlNode arg, string what, IReadOnlyCollection<string> allowed, ref string? instance, ref byte? vrid, params string[] required)
        {
            var m = y.Mapping(arg, what, allowed, required);
            if (m is not null)
            {
                NestedQualifiers(m, ref instance, ref vrid);
            }

            return m;
        }

        /// <summary>
        /// The mapping of an expectation on one node in a window (<c>eventually</c>, <c>never</c>, <c>takeover</c>),
        /// null when it is not one; else <paramref name="node"/>, the declared node under <paramref name="nodeKey"/>
        /// or null, and <paramref name="after"/> (<see cref="WindowStart"/>).
        /// </summary>
        private List<(string Key, YamlNode KeyNode, YamlNode Value)>? NodeWindow(
            YamlNode arg, string what, string nodeKey, IReadOnlyCollection<string> allowed, string[] required, ref string? instance, ref byte? vrid, out string? node, out Duration after)
        {
            node = null;
            after = Duration.Zero;
            var m = QualifiedMapping(arg, what, allowed, ref instance, ref vrid, required);
            if (m is null)
            {
                return null;
            }

            node = Get(m, nodeKey) is { } n ? NodeRef(n, nodeKey) : null;
            after = WindowStart(m);
            return m;
        }

        /// <summary>Where an expectation's window starts: its <c>after</c>, 0 without one, <see cref="Duration.MaxValue"/> when it is not a duration (reported).</summary>
        private Duration WindowStart(List<(string Key, YamlNode KeyNode, YamlNode Value)> m) =>
            Get(m, "after") is { } an ? y.Duration(an, "after") ?? Duration.MaxValue : Duration.Zero;

        /// <summary>An optional duration: false when <paramref name="key"/> is given but is not a duration (reported), else its value or null.</summary>
        private bool OptionalDuration(List<(string Key, YamlNode KeyNode, YamlNode Value)> m, string key, out Duration? value)
        {
            value = Get(m, key) is { } n ? y.Duration(n, key) : null;
            return value is not null || Get(m, key) is null;
        }

        private bool CheckQualifier(Expectation e, YamlNode item)
        {
            if (_nodes.Count == 0)
            {
                return true;
            }

            if (e.Instance is { } inst && !_nodes.Values.Any(n => n.Config.Instances.Any(i => i.Name == inst)))
            {
                y.Error(item, $"no node has a vrrp_instance '{inst}'");
                return false;
            }

            if (e.Vrid is { } vrid && !_nodes.Values.Any(n => n.Config.Instances.Any(i => i.VirtualRouterId == vrid)))
            {
                y.Error(item, $"no node has a vrrp_instance with virtual_router_id {vrid}");
                return false;
            }

            // A property is checked on every instance (or on the qualified ones): it needs no qualifier.
            if (e.Instance is null && e.Vrid is null && e is not PropertyExpectation && _nodes.Values.Any(n => n.Config.Instances.Length > 1))
            {
                y.Error(item, "nodes run several VRRP instances: qualify this check with 'instance:' or 'vrid:'");
                return false;
            }

            return true;
        }

        private PropertyExpectation? ParseProperty(YamlNode arg)
        {
            string? name = y.Scalar(arg, "property");
            if (name is null)
            {
                return null;
            }

            if (Checks.Properties.ClusterProperty.Find(name) is null)
            {
                y.Error(arg, $"unknown property '{name}' (expected one of: {string.Join(", ", Checks.Properties.ClusterProperty.All.Select(p => p.Name))})");
                return null;
            }

            return new PropertyExpectation(name);
        }

        private Expectation? ParseAlways(YamlNode arg, List<(string Key, YamlNode KeyNode, YamlNode Value)> m)
        {
            string? what = y.Scalar(arg, "always");
            Duration? grace = null;
            if (Get(m, "grace") is { } g)
            {
                grace = y.Duration(g, "grace");
                if (grace is null)
                {
                    return null;
                }

                if (what != "single_master")
                {
                    y.Error(g, "'grace' applies to 'always: single_master' only");
                    return null;
                }
            }

            switch (what)
            {
                case "single_master":
                    return new SingleMasterExpectation(grace);
                case "vip_only_on_master":
                    return new VipOnlyOnMasterExpectation();
                case null:
                    return null;
                default:
                    y.Error(arg, $"unknown 'always' check '{what}' (expected single_master or vip_only_on_master)");
                    return null;
            }
        }

        private Expectation? ParseAt(YamlNode item, YamlNode arg, List<(string Key, YamlNode KeyNode, YamlNode Value)> m)
        {
            Duration? at = y.Duration(arg, "at");
            YamlNode? master = Get(m, "master");
            YamlNode? state = Get(m, "state");
            if ((master is null) == (state is null))
            {
                y.Error(item, "an 'at' expectation needs exactly one of 'master: NODE|none' or 'state: { NODE: STATE }'");
                return null;
            }

            if (master is not null)
            {
                string? node = MasterRef(master);
                return at is not null && (node is not null || IsNone(master)) ? new MasterAtExpectation(at.Value, node) : null;
            }

            var sm = y.Mapping(state!, "state", null);
            if (sm is null || at is null)
            {
                return null;
            }

            var states = ImmutableArray.CreateBuilder<NodeState>();
            foreach ((string node, YamlNode kn, YamlNode v) in sm)
            {
                if (NodeRef(kn, "node") is null || ParseState(v) is not { } st)
                {
                    return null;
                }

                states.Add(new NodeState(node, st));
            }

            return new StatesAtExpectation(at.Value, states.ToImmutable());
        }

        private static bool IsNone(YamlNode n) => n is YamlScalarNode { Value: "none" };

        private string? MasterRef(YamlNode n) => IsNone(n) ? null : NodeRef(n, "master");

        private VrrpState? ParseState(YamlNode n)
        {
            string? s = y.Scalar(n, "state");
            VrrpState? st = s?.ToUpperInvariant() switch
            {
                "INIT" => VrrpState.Init,
                "BACKUP" => VrrpState.Backup,
                "MASTER" => VrrpState.Master,
                "FAULT" => VrrpState.Fault,
                "STOP" => VrrpState.Stop,
                _ => null,
            };
            if (st is null && s is not null)
            {
                y.Error(n, $"unknown state '{s}' (expected INIT, BACKUP, MASTER, FAULT or STOP)");
            }

            return st;
        }

        private EventuallyMasterExpectation? ParseEventually(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            if (NodeWindow(arg, "eventually", "master", ["master", "after", "within", "instance", "vrid"], ["master", "within"], ref instance, ref vrid, out string? node, out Duration after) is not { } m)
            {
                return null;
            }

            Duration? within = Get(m, "within") is { } wn ? y.Duration(wn, "within") : null;
            return node is not null && within is not null && after != Duration.MaxValue ? new EventuallyMasterExpectation(node, after, within.Value) : null;
        }

        private NeverMasterExpectation? ParseNever(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            if (NodeWindow(arg, "never", "master", ["master", "after", "before", "instance", "vrid"], ["master"], ref instance, ref vrid, out string? node, out Duration after) is not { } m)
            {
                return null;
            }

            if (!OptionalDuration(m, "before", out Duration? before))
            {
                return null;
            }

            return node is not null && after != Duration.MaxValue ? new NeverMasterExpectation(node, after, before) : null;
        }

        private VipMovesExpectation? ParseVipMoves(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = QualifiedMapping(arg, "vip_moves", ["max", "min", "equals", "instance", "vrid"], ref instance, ref vrid);
            if (m is null)
            {
                return null;
            }

            int? max = Get(m, "max") is { } a ? (int?)y.Integer(a, "max", 0, 1_000_000) : null;
            int? min = Get(m, "min") is { } b ? (int?)y.Integer(b, "min", 0, 1_000_000) : null;
            int? eq = Get(m, "equals") is { } c ? (int?)y.Integer(c, "equals", 0, 1_000_000) : null;
            if (max is null && min is null && eq is null)
            {
                y.Error(arg, "vip_moves needs 'max', 'min' or 'equals'");
                return null;
            }

            return new VipMovesExpectation(max, min, eq);
        }

        private OutageExpectation? ParseOutage(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = QualifiedMapping(arg, "outage", ["max", "min", "after", "instance", "vrid"], ref instance, ref vrid);
            if (m is null)
            {
                return null;
            }

            if (!OptionalDuration(m, "max", out Duration? max) || !OptionalDuration(m, "min", out Duration? min))
            {
                return null;
            }

            if (max is null && min is null)
            {
                y.Error(arg, "outage needs 'max' (the longest tolerated interruption) or 'min' (the client must be cut off at least that long), or both");
                return null;
            }

            if (!OptionalDuration(m, "after", out Duration? after))
            {
                return null;
            }

            return new OutageExpectation(max, after) { Min = min };
        }

        private TransitionsExpectation? ParseTransitions(YamlNode arg)
        {
            var m = y.Mapping(arg, "transitions", null);
            if (m is null)
            {
                return null;
            }

            var list = ImmutableArray.CreateBuilder<NodeTransitions>();
            foreach ((string node, YamlNode kn, YamlNode v) in m)
            {
                if (NodeRef(kn, "node") is null)
                {
                    return null;
                }

                if (v is not YamlSequenceNode seq)
                {
                    y.Error(v, $"transitions of {node} must be a list of states, e.g. [BACKUP, MASTER]");
                    return null;
                }

                var states = ImmutableArray.CreateBuilder<VrrpState>();
                foreach (YamlNode s in seq.Children)
                {
                    if (ParseState(s) is not { } st)
                    {
                        return null;
                    }

                    states.Add(st);
                }

                list.Add(new NodeTransitions(node, states.ToImmutable()));
            }

            return new TransitionsExpectation(list.ToImmutable());
        }

        private FinalMasterExpectation? ParseFinal(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "final", ["master", "instance", "vrid"], "master");
            if (m is null || Get(m, "master") is not { } mn)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
            string? node = MasterRef(mn);
            return node is not null || IsNone(mn) ? new FinalMasterExpectation(node) : null;
        }

        private TakeoverExpectation? ParseTakeover(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            if (NodeWindow(arg, "takeover", "node", ["node", "after", "within", "instance", "vrid"], ["node", "within"], ref instance, ref vrid, out string? node, out Duration after) is not { } m)
            {
                return null;
            }

            if (Get(m, "within") is not { } wn)
            {
                return null;
            }

            if (wn is not YamlSequenceNode { Children.Count: 2 } w)
            {
                y.Error(wn, "takeover 'within' must be [MIN, MAX], e.g. [0s, 1.5s]");
                return null;
            }

            Duration? min = y.Duration(w.Children[0], "within MIN");
            Duration? max = y.Duration(w.Children[1], "within MAX");
            if (min is { } a && max is { } b && a > b)
            {
                y.Error(wn, $"takeover 'within': MIN {a} is more than MAX {b}");
                return null;
            }

            return node is not null && min is not null && max is not null && after != Duration.MaxValue
                ? new TakeoverExpectation(node, after, min.Value, max.Value)
                : null;
        }
    }
}
