using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
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
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "duration", "network", "nodes", "timeline", "expect", "autostart"];
    private static readonly string[] NodeKeys = ["interfaces", "address", "keepalived", "keepalived_file", "implementation"];
    private static readonly string[] InterfaceKeys = ["segment", "address", "link_local"];
    private static readonly string[] SegmentKeys = ["latency", "jitter", "loss"];

    /// <summary>The timeline's action keys, in the order the spec lists them.</summary>
    public static readonly ImmutableArray<string> ActionKeys =
        ["start", "stop", "kill", "crash", "script", "link", "partition", "heal", "loss", "latency", "pause", "drift", "flood"];

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

    private sealed class Parser(YamlCursor y, string yamlText, string baseDirectory, KeepalivedReader reader)
    {
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

        private ImmutableArray<SegmentSpec> ParseNetwork(YamlNode net)
        {
            var m = y.Mapping(net, "network", ["segments"], "segments");
            if (m is null || Get(m, "segments") is not { } segsNode)
            {
                return [SegmentSpec.DefaultLan];
            }

            var segs = y.Mapping(segsNode, "network.segments", null);
            if (segs is null)
            {
                return [SegmentSpec.DefaultLan];
            }

            var list = ImmutableArray.CreateBuilder<SegmentSpec>();
            foreach ((string segName, YamlNode keyNode, YamlNode value) in segs)
            {
                if (y.Name(keyNode, "segment name") is null)
                {
                    continue;
                }

                Duration latency = SegmentSpec.DefaultLan.Latency;
                Duration jitter = Duration.Zero;
                Rate loss = Rate.Zero;
                if (value is YamlScalarNode { Value: "" or null })
                {
                    list.Add(new SegmentSpec(segName, latency, jitter, loss));
                    continue;
                }

                var sm = y.Mapping(value, $"segment '{segName}'", SegmentKeys);
                if (sm is null)
                {
                    continue;
                }

                if (Get(sm, "latency") is { } l && y.Duration(l, "latency") is { } lv)
                {
                    latency = lv;
                }

                if (Get(sm, "jitter") is { } j && y.Duration(j, "jitter") is { } jv)
                {
                    jitter = jv;
                }

                if (Get(sm, "loss") is { } lo && y.Rate(lo, "loss") is { } lov)
                {
                    loss = lov;
                }

                list.Add(new SegmentSpec(segName, latency, jitter, loss));
            }

            if (list.Count == 0)
            {
                y.Error(segsNode, "network.segments must name at least one segment");
                return [SegmentSpec.DefaultLan];
            }

            return list.ToImmutable();
        }

        private ImmutableArray<NodeSpec> ParseNodes(YamlNode nodesNode, ImmutableArray<SegmentSpec> segments)
        {
            var m = y.Mapping(nodesNode, "nodes", null);
            if (m is null)
            {
                return [];
            }

            if (m.Count == 0)
            {
                y.Error(nodesNode, "nodes must define at least one node");
            }

            var list = ImmutableArray.CreateBuilder<NodeSpec>();
            var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((string nodeName, YamlNode keyNode, YamlNode value) in m)
            {
                if (y.Name(keyNode, "node name") is null)
                {
                    continue;
                }

                string what = $"node '{nodeName}'";
                _declared.Add(nodeName);
                var nm = y.Mapping(value, what, NodeKeys);
                if (nm is null)
                {
                    continue;
                }

                ImmutableArray<InterfaceSpec> ifaces = ParseInterfaces(nm, value, what, segments);
                foreach (InterfaceSpec i in ifaces)
                {
                    string key = i.Segment + "/" + i.Address;
                    if (addresses.TryGetValue(key, out string? other))
                    {
                        y.Error(value, $"{what}: address {i.Address} on segment '{i.Segment}' is already used by {other}");
                    }
                    else
                    {
                        addresses[key] = $"{nodeName}:{i.Name}";
                    }
                }

                RouterConfig? config = ParseKeepalived(nm, value, what);
                if (config is null)
                {
                    continue;
                }

                NodeImplementation implementation = NodeImplementation.Keepalived;
                if (Get(nm, "implementation") is { } impNode && y.Scalar(impNode, "implementation") is { } imp
                    && !NodeImplementations.TryParse(imp, out implementation))
                {
                    y.Error(impNode, $"{what}: implementation must be {string.Join(" or ", NodeImplementations.Names)} (got '{imp}')");
                }

                var node = new NodeSpec(nodeName, ifaces, config) { Location = y.At(keyNode), Implementation = implementation, ConfigText = _lastConfigText };
                foreach (VrrpInstanceConfig inst in config.Instances)
                {
                    if (node.FindInterface(inst.Interface) is null)
                    {
                        y.Error(keyNode, $"{what}: vrrp_instance {inst.Name} uses interface '{inst.Interface}', which {nodeName} does not have (it has: {string.Join(", ", ifaces.Select(i => i.Name))})");
                    }
                }

                _nodes[nodeName] = node;
                list.Add(node);
            }

            return list.ToImmutable();
        }

        private ImmutableArray<InterfaceSpec> ParseInterfaces(
            List<(string Key, YamlNode KeyNode, YamlNode Value)> nm, YamlNode nodeValue, string what, ImmutableArray<SegmentSpec> segments)
        {
            YamlNode? shorthand = Get(nm, "address");
            YamlNode? ifacesNode = Get(nm, "interfaces");
            if (shorthand is not null && ifacesNode is not null)
            {
                y.Error(shorthand, $"{what}: give either 'address' or 'interfaces', not both");
                return [];
            }

            if (shorthand is not null)
            {
                if (segments.Length != 1)
                {
                    y.Error(shorthand, $"{what}: the 'address' shorthand needs a network with exactly one segment; use 'interfaces'");
                    return [];
                }

                return ParseAddress(shorthand, "address") is { } a
                    ? [new InterfaceSpec("eth0", segments[0].Name, a.Address, a.Prefix)]
                    : [];
            }

            if (ifacesNode is null)
            {
                y.Error(nodeValue, $"{what} is missing required key 'interfaces' (or the 'address' shorthand)");
                return [];
            }

            var im = y.Mapping(ifacesNode, $"{what} interfaces", null);
            if (im is null)
            {
                return [];
            }

            var list = ImmutableArray.CreateBuilder<InterfaceSpec>();
            foreach ((string ifName, YamlNode ifKey, YamlNode ifValue) in im)
            {
                if (y.Name(ifKey, "interface name") is null)
                {
                    continue;
                }

                var fm = y.Mapping(ifValue, $"interface '{ifName}' of {what}", InterfaceKeys, "address");
                if (fm is null)
                {
                    continue;
                }

                string? segment = null;
                if (Get(fm, "segment") is { } sn)
                {
                    segment = y.Name(sn, "segment");
                    if (segment is not null && !_segments.ContainsKey(segment))
                    {
                        y.Error(sn, $"unknown segment '{segment}' (segments: {string.Join(", ", segments.Select(s => s.Name))})");
                        segment = null;
                    }
                }
                else if (segments.Length == 1)
                {
                    segment = segments[0].Name;
                }
                else
                {
                    y.Error(ifValue, $"interface '{ifName}' of {what} is missing required key 'segment'");
                }

                IPAddress? linkLocal = null;
                if (Get(fm, "link_local") is { } ll && y.Scalar(ll, "link_local") is { } llv)
                {
                    if (!IPAddress.TryParse(llv, out linkLocal) || linkLocal.AddressFamily != AddressFamily.InterNetworkV6)
                    {
                        y.Error(ll, $"link_local '{llv}' is not an IPv6 address");
                        linkLocal = null;
                    }
                }

                if (Get(fm, "address") is { } an && ParseAddress(an, "address") is { } addr && segment is not null)
                {
                    list.Add(new InterfaceSpec(ifName, segment, addr.Address, addr.Prefix, linkLocal));
                }
            }

            return list.ToImmutable();
        }

        private (IPAddress Address, int Prefix)? ParseAddress(YamlNode node, string what)
        {
            string? s = y.Scalar(node, what);
            if (s is null)
            {
                return null;
            }

            string ip = s;
            int prefix = 24;
            int slash = s.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                ip = s[..slash];
                if (!int.TryParse(s[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > 32)
                {
                    y.Error(node, $"{what} '{s}': bad prefix length");
                    return null;
                }
            }

            if (!IPAddress.TryParse(ip, out IPAddress? a) || a.AddressFamily != AddressFamily.InterNetwork || ip.Count(c => c == '.') != 3)
            {
                y.Error(node, $"{what} '{s}' is not an IPv4 address such as 10.0.0.11/24");
                return null;
            }

            return (a, prefix);
        }

        private RouterConfig? ParseKeepalived(List<(string Key, YamlNode KeyNode, YamlNode Value)> nm, YamlNode nodeValue, string what)
        {
            _lastConfigText = null;
            YamlNode? inline = Get(nm, "keepalived");
            YamlNode? file = Get(nm, "keepalived_file");
            if (inline is not null && file is not null)
            {
                y.Error(file, $"{what}: give either 'keepalived' or 'keepalived_file', not both");
                return null;
            }

            KeepalivedReadResult result;
            if (inline is not null)
            {
                if (inline is not YamlScalarNode sc || sc.Value is null)
                {
                    y.Error(inline, "keepalived must be keepalived.conf text (use a block: 'keepalived: |')");
                    return null;
                }

                (int lineOffset, int columnOffset) = TextOffsets(sc);
                result = reader(sc.Value, y.File, baseDirectory, lineOffset, columnOffset);
                _lastConfigText = new NodeConfigText(sc.Value, y.File, baseDirectory, lineOffset, columnOffset);
                if (sc.Style is not (ScalarStyle.Literal or ScalarStyle.Folded))
                {
                    // A quoted or plain scalar's lines do not map onto the file's lines (escapes,
                    // folding): report its problems at the scalar itself.
                    var at = new SourceLocation(y.File, (int)sc.Start.Line, (int)sc.Start.Column);
                    result = result with
                    {
                        Diagnostics = [.. result.Diagnostics.Select(d => d.Location.File == y.File ? d with { Location = at } : d)],
                    };
                }
            }
            else if (file is not null)
            {
                string? rel = y.Scalar(file, "keepalived_file");
                if (rel is null)
                {
                    return null;
                }

                string path = Path.Combine(baseDirectory, rel);
                string text;
                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    y.Error(file, $"keepalived_file '{rel}': cannot read {path}: {e.Message}");
                    return null;
                }

                result = reader(text, path, Path.GetDirectoryName(path), 0, 0);
                _lastConfigText = new NodeConfigText(text, path, Path.GetDirectoryName(path), 0, 0);
            }
            else
            {
                y.Error(nodeValue, $"{what} is missing required key 'keepalived' (or 'keepalived_file')");
                return null;
            }

            y.Diagnostics.AddRange(result.Diagnostics);
            if (result.Config is { } c && c.Instances.IsDefaultOrEmpty)
            {
                y.Error(inline ?? file!, $"{what}: the keepalived configuration has no vrrp_instance");
                return null;
            }

            return result.Config;
        }

        /// <summary>Line and column offsets of a scalar's text in the YAML file (block scalars: content starts on the next line).</summary>
        private (int Line, int Column) TextOffsets(YamlScalarNode sc)
        {
            int line = (int)sc.Start.Line;
            if (sc.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            {
                for (int i = line; i < _lines.Length; i++)
                {
                    string l = _lines[i].TrimEnd('\r');
                    if (l.Trim().Length > 0)
                    {
                        return (line, l.Length - l.TrimStart(' ').Length);
                    }
                }

                return (line, 0);
            }

            int quote = sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            return (line - 1, (int)sc.Start.Column - 1 + quote);
        }

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
                    var m = y.Mapping(arg, "script", ["node", "name", "result"], "node", "name", "result");
                    if (m is null)
                    {
                        return null;
                    }

                    string? node = Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
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
                    var m = y.Mapping(arg, "link", ["node", "interface", "up"], "node", "interface", "up");
                    if (m is null)
                    {
                        return null;
                    }

                    string? node = Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
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
                    var m = y.Mapping(arg, "pause", ["node", "for"], "node", "for");
                    if (m is null)
                    {
                        return null;
                    }

                    string? node = Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
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
                    var m = y.Mapping(arg, "drift", ["node", "rate"], "node", "rate");
                    if (m is null)
                    {
                        return null;
                    }

                    string? node = Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
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

        private Expectation? ParseEventually(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "eventually", ["master", "after", "within", "instance", "vrid"], "master", "within");
            if (m is null)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
            string? node = Get(m, "master") is { } mn ? NodeRef(mn, "master") : null;
            Duration after = Get(m, "after") is { } an ? y.Duration(an, "after") ?? Duration.MaxValue : Duration.Zero;
            Duration? within = Get(m, "within") is { } wn ? y.Duration(wn, "within") : null;
            return node is not null && within is not null && after != Duration.MaxValue ? new EventuallyMasterExpectation(node, after, within.Value) : null;
        }

        private Expectation? ParseNever(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "never", ["master", "after", "before", "instance", "vrid"], "master");
            if (m is null)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
            string? node = Get(m, "master") is { } mn ? NodeRef(mn, "master") : null;
            Duration after = Get(m, "after") is { } an ? y.Duration(an, "after") ?? Duration.MaxValue : Duration.Zero;
            Duration? before = null;
            if (Get(m, "before") is { } bn)
            {
                before = y.Duration(bn, "before");
                if (before is null)
                {
                    return null;
                }
            }

            return node is not null && after != Duration.MaxValue ? new NeverMasterExpectation(node, after, before) : null;
        }

        private Expectation? ParseVipMoves(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "vip_moves", ["max", "min", "equals", "instance", "vrid"]);
            if (m is null)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
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

        private Expectation? ParseOutage(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "outage", ["max", "min", "after", "instance", "vrid"]);
            if (m is null)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
            Duration? max = null;
            Duration? min = null;
            if (Get(m, "max") is { } a && (max = y.Duration(a, "max")) is null)
            {
                return null;
            }

            if (Get(m, "min") is { } mn && (min = y.Duration(mn, "min")) is null)
            {
                return null;
            }

            if (max is null && min is null)
            {
                y.Error(arg, "outage needs 'max' (the longest tolerated interruption) or 'min' (the client must be cut off at least that long), or both");
                return null;
            }

            Duration? after = null;
            if (Get(m, "after") is { } b)
            {
                after = y.Duration(b, "after");
                if (after is null)
                {
                    return null;
                }
            }

            return new OutageExpectation(max, after) { Min = min };
        }

        private Expectation? ParseTransitions(YamlNode arg)
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

        private Expectation? ParseFinal(YamlNode arg, ref string? instance, ref byte? vrid)
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

        private Expectation? ParseTakeover(YamlNode arg, ref string? instance, ref byte? vrid)
        {
            var m = y.Mapping(arg, "takeover", ["node", "after", "within", "instance", "vrid"], "node", "within");
            if (m is null)
            {
                return null;
            }

            NestedQualifiers(m, ref instance, ref vrid);
            string? node = Get(m, "node") is { } nn ? NodeRef(nn, "node") : null;
            Duration after = Get(m, "after") is { } an ? y.Duration(an, "after") ?? Duration.MaxValue : Duration.Zero;
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
