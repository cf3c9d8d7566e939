using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Sim.Scenarios;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Explore;

/// <summary>
/// <c>vrrplab explore SCENARIO</c>: the cluster of a scenario file, its network and nodes, with the
/// timeline and expectations replaced by explore's schedules and properties.
/// </summary>
public static class ScenarioInput
{
    /// <summary>Loads the file; on bad input returns null and the diagnostics (file:line:col: message).</summary>
    public static ExploreCluster? Load(string path, out ImmutableArray<ScenarioDiagnostic> diagnostics)
    {
        ScenarioLoadResult load = ScenarioLoader.LoadFile(path);
        diagnostics = load.Diagnostics;
        return load.Scenario is { } scenario
            ? FromLoaded(scenario, File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", ref diagnostics)
            : null;
    }

    /// <summary>The cluster of scenario text (<paramref name="baseDirectory"/> resolves <c>keepalived_file</c>).</summary>
    public static ExploreCluster? LoadText(string yaml, string displayName, string baseDirectory, out ImmutableArray<ScenarioDiagnostic> diagnostics)
    {
        ScenarioLoadResult load = ScenarioLoader.LoadText(yaml, displayName, baseDirectory);
        diagnostics = load.Diagnostics;
        return load.Scenario is { } scenario ? FromLoaded(scenario, yaml, displayName, baseDirectory, ref diagnostics) : null;
    }

    private static ExploreCluster? FromLoaded(Scenario scenario, string yaml, string path, string baseDir, ref ImmutableArray<ScenarioDiagnostic> diagnostics)
    {
        // Each node's keepalived.conf as written (inline text or file), for the counterexample files.
        var sources = new Dictionary<string, NodeSource>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("nodes"), out YamlNode? nodes) && nodes is YamlMappingNode nm)
        {
            foreach ((YamlNode key, YamlNode value) in nm.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } || value is not YamlMappingNode node)
                {
                    continue;
                }

                if (node.Children.TryGetValue(new YamlScalarNode("keepalived"), out YamlNode? inline) && inline is YamlScalarNode { Value: { } text })
                {
                    sources[name] = new NodeSource(text, null);
                }
                else if (node.Children.TryGetValue(new YamlScalarNode("keepalived_file"), out YamlNode? file) && file is YamlScalarNode { Value: { } rel })
                {
                    string full = Path.GetFullPath(Path.Combine(baseDir, rel));
                    sources[name] = NodeSource.FromFile(full, File.ReadAllText(full));
                }
            }
        }

        var list = ImmutableArray.CreateBuilder<NodeSource>(scenario.Nodes.Length);
        foreach (NodeSpec n in scenario.Nodes)
        {
            if (!sources.TryGetValue(n.Name, out NodeSource? s))
            {
                diagnostics = diagnostics.Add(new ScenarioDiagnostic(n.Location ?? new SourceLocation(path, 1, 1), DiagnosticSeverity.Error,
                    $"node {n.Name}: explore needs its keepalived configuration as 'keepalived:' text or 'keepalived_file:'"));
                return null;
            }

            list.Add(s);
        }

        return new ExploreCluster(scenario, list.MoveToImmutable(), [path]);
    }
}
