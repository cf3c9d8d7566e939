using System.Collections.Immutable;
using VrrpLab.Tests.Shared;

namespace VrrpLab.Explore.Tests;

/// <summary>Clusters the tests explore: the seed article's pair (from ../shared/seed), sound or with the state MASTER mistake.</summary>
internal static class Clusters
{
    public static string Root => Repository.Root;

    /// <summary>../shared/seed beside the repository (in a worktree, further up).</summary>
    public static string Seed
    {
        get
        {
            for (string? dir = Root; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string seed = Path.Combine(dir, "shared", "seed");
                if (Directory.Exists(seed))
                {
                    return seed;
                }
            }

            throw new InvalidOperationException("shared/seed not found beside the repository");
        }
    }

    /// <summary>A fresh temporary folder for this test.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vrrplab-explore-{Environment.ProcessId}-{TestContext.CurrentContext.Test.ID}");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// The article's two hosts on one LAN, from its keepalived.conf files; with
    /// <paramref name="mistake"/>, server1 says <c>state MASTER</c> (keepalived then clears its nopreempt).
    /// </summary>
    public static ExploreCluster SeedPair(string dir, bool mistake)
    {
        string one = File.ReadAllText(Path.Combine(Seed, "real-server1.keepalived.conf"));
        if (mistake)
        {
            one = one.Replace("state BACKUP", "state MASTER", StringComparison.Ordinal);
        }

        File.WriteAllText(Path.Combine(dir, "real-server1.conf"), one);
        File.Copy(Path.Combine(Seed, "real-server2.keepalived.conf"), Path.Combine(dir, "real-server2.conf"), true);
        string scenario = Path.Combine(dir, "pair.yaml");
        File.WriteAllText(scenario, """
            name: seed-pair
            duration: 300s
            network:
              segments:
                lan: { latency: 100us }
            nodes:
              real-server1:
                interfaces: { ens32: { segment: lan, address: 192.168.179.103/24 } }
                keepalived_file: real-server1.conf
              real-server2:
                interfaces: { ens32: { segment: lan, address: 192.168.179.104/24 } }
                keepalived_file: real-server2.conf
            """);
        ExploreCluster? c = ScenarioInput.Load(scenario, out ImmutableArray<ScenarioDiagnostic> diagnostics);
        return c ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }
}
