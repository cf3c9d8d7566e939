using System.Collections.Immutable;
using VrrpLab.Config;
using VrrpLab.Config.FileSystem;
using VrrpLab.Engine.Time;
using VrrpLab.Explore;
using VrrpLab.Sim.Clusters;
using Scenario = VrrpLab.Sim.Scenarios.Scenario;

namespace VrrpLab.Cli.Explore;

/// <summary>
/// <c>vrrplab explore CONF...</c>: one host per keepalived.conf on the topology and client
/// <c>vrrplab check</c> derives (<see cref="ClusterDerivation"/>: segments per subnet, addresses
/// from the configurations).
/// </summary>
internal static class ConfigClusterInput
{
    /// <summary>The cluster, or null with the input errors (file:line:col).</summary>
    public static ExploreCluster? Load(IReadOnlyList<string> files, IConfigFileSystem fs, out IReadOnlyList<string> errors)
    {
        var results = files.Select(f => KeepalivedConfigReader.Read(f, fs)).ToList();
        errors = [.. results.SelectMany(r => r.Diagnostics).Where(d => d.Severity == Config.DiagnosticSeverity.Error).Select(d => d.ToString())];
        if (errors.Count > 0)
        {
            return null;
        }

        var noInstance = files.Where((f, i) => results[i].Config is not { } c || c.Instances.IsDefaultOrEmpty).ToList();
        if (noInstance.Count > 0)
        {
            errors = [.. noInstance.Select(f => $"{f}:1:1: error: no vrrp_instance: nothing to explore")];
            return null;
        }

        DerivedCluster cluster = ClusterDerivation.Derive([.. results.Select((r, i) => new ClusterHost(files[i], r.Config!))]);
        Scenario scenario = cluster.Scenario("explore", Duration.FromSeconds(300), []);
        ImmutableArray<NodeSource> sources = [.. files.Select(f => NodeSource.FromFile(f, File.ReadAllText(f)))];
        return new ExploreCluster(scenario, sources, [.. files]);
    }
}
