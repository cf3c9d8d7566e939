using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace VrrpLab.Explore.Tests;

/// <summary>
/// Random sound clusters for the project's own property tests: 2-4 nodes on one LAN, one VRRP
/// instance (VRID 51), distinct priorities, all <c>state BACKUP</c>, the same version, interval and
/// password, nopreempt at random, some with a tracked check script (weight 0 or negative).
/// </summary>
internal static class RandomClusters
{
    public sealed record Spec(int Version, int IntervalCs, ImmutableArray<(int Priority, bool Nopreempt, int ScriptWeight)> Nodes)
    {
        public override string ToString() => Yaml();

        public string Yaml()
        {
            var sb = new StringBuilder("name: random-cluster\nduration: 300s\nnodes:\n");
            for (int i = 0; i < Nodes.Length; i++)
            {
                (int prio, bool nopreempt, int weight) = Nodes[i];
                sb.Append($"  node{i + 1}:\n    address: 10.0.0.{11 + i}/24\n    keepalived: |\n");
                if (weight != 1)
                {
                    sb.Append($"      vrrp_script chk {{\n          script \"/bin/true\"\n          interval 1\n          weight {weight}\n      }}\n");
                }

                sb.Append("      vrrp_instance VI_1 {\n          state BACKUP\n          interface eth0\n          virtual_router_id 51\n");
                sb.Append(CultureInfo.InvariantCulture, $"          priority {prio}\n");
                if (Version == 3)
                {
                    sb.Append("          version 3\n");
                }

                if (nopreempt)
                {
                    sb.Append("          nopreempt\n");
                }

                sb.Append("          advert_int ").Append((IntervalCs / 100.0).ToString("0.##", CultureInfo.InvariantCulture)).Append('\n');
                if (Version == 2)
                {
                    sb.Append("          authentication {\n              auth_type PASS\n              auth_pass 1111\n          }\n");
                }

                sb.Append("          virtual_ipaddress { 10.0.0.100 }\n");
                if (weight != 1)
                {
                    sb.Append("          track_script { chk }\n");
                }

                sb.Append("      }\n");
            }

            return sb.ToString();
        }

        public ExploreCluster Cluster() =>
            ScenarioInput.LoadText(Yaml(), "random-cluster.yaml", ".", out ImmutableArray<ScenarioDiagnostic> d)
            ?? throw new InvalidOperationException(string.Join("\n", d));
    }

    public static Gen<Spec> Specs() =>
        from version in Gen.Elements(2, 3)
        from intervalCs in version == 2 ? Gen.Choose(1, 3).Select(s => s * 100) : Gen.Choose(20, 150)
        from count in Gen.Choose(2, 4)
        from priorities in Gen.Shuffle(Enumerable.Range(1, 254).ToArray()).Select(p => p.Take(count).ToArray())
        from nopreempt in Gen.ArrayOf(Gen.Elements(true, false), count)
        from weights in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(0)), (1, Gen.Choose(-60, -10))), count)
        select new Spec(version, intervalCs, [.. Enumerable.Range(0, count).Select(i => (priorities[i], nopreempt[i], weights[i]))]);
}
