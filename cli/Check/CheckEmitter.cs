using System.Collections.Immutable;
using VrrpLab.Sim.Faults;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Check;

/// <summary><c>vrrplab check --emit DIR</c>: one replayable scenario file per case (and one for startup).</summary>
internal static class CheckEmitter
{
    /// <summary>Writes the files; returns case id (or <c>startup</c>) to the path written.</summary>
    public static ImmutableDictionary<string, string> Write(string dir, CatalogueResult result)
    {
        try
        {
            Directory.CreateDirectory(dir);
            string fullDir = Path.GetFullPath(dir);
            var configs = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < result.Cluster.Hosts.Length; i++)
            {
                string rel = Path.GetRelativePath(fullDir, Path.GetFullPath(result.Cluster.Hosts[i].File)).Replace('\\', '/');
                configs[result.Cluster.Nodes[i].Name] = rel;
            }

            var written = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (result.Startup is { } startup)
            {
                written["startup"] = WriteOne(dir, startup.Scenario, configs, [
                    "vrrplab check: startup (every host starts keepalived at 0s)",
                    .. startup.Vips.Select(v => $"VIP {v.Vip}: {v.Problem ?? "ok"}"),
                    Replay(dir, startup.Scenario.Name),
                ]);
            }

            foreach (FaultOutcome o in result.Faults)
            {
                written[o.Id] = WriteOne(dir, o.Scenario, configs, [
                    $"vrrplab check: {FaultOutcome.StatusWord(o.Status)}  {o.Line(result.Timing)}",
                    "The expectations below are what the simulation measured; they hold when replayed.",
                    Replay(dir, o.Scenario.Name),
                ]);
            }

            return written.ToImmutable();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"option --emit: cannot write scenario files to '{dir}': {e.Message}");
        }
    }

    private static string Replay(string dir, string name) => $"replay: vrrplab run {Path.Combine(dir, name + ".yaml")}";

    private static string WriteOne(string dir, Scenario scenario, IReadOnlyDictionary<string, string> configs, IEnumerable<string> comments)
    {
        string path = Path.Combine(dir, scenario.Name + ".yaml");
        File.WriteAllText(path, ScenarioYamlWriter.Write(scenario, configs, comments));
        return path;
    }
}
