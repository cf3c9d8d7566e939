using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>The <c>nodes:</c> section: interfaces, addresses and each node's keepalived.conf (inline, with its errors mapped to YAML lines, or from a file).</summary>
public static partial class ScenarioLoader
{
    private sealed partial class Parser
    {
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
    }
}
