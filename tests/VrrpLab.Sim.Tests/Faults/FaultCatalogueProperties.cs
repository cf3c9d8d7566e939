using static VrrpLab.Sim.Tests.Clusters.ClusterDerivationTests;

namespace VrrpLab.Sim.Tests.Faults;

/// <summary>
/// <c>vrrplab check</c> must not cry wolf: for any consistent cluster (2-4 hosts agreeing on VRID,
/// version, interval and authentication, multicast or unicast; any priorities, nopreempt, state),
/// no fault fails and every VIP ends with exactly one holder.
/// </summary>
public sealed class FaultCatalogueProperties
{
    private static string Conf(int version, int intervalCs, int priority, bool nopreempt, bool stateMaster, string unicast) =>
        $$"""
        vrrp_instance VI_1 {
            state {{(stateMaster ? "MASTER" : "BACKUP")}}
            interface eth0
            {{(version == 3 ? "version 3" : "authentication {\n auth_type PASS\n auth_pass secret\n}")}}
            virtual_router_id 42
            priority {{priority.ToString(CultureInfo.InvariantCulture)}}
            {{(nopreempt ? "nopreempt" : "")}}
            advert_int {{(intervalCs / 100.0).ToString("0.##", CultureInfo.InvariantCulture)}}
            virtual_ipaddress { 192.0.2.100 }
            {{unicast}}
        }
        """;

    private static readonly Gen<List<string>> Clusters =
        from version in Gen.Elements(2, 3)
        from intervalCs in version == 2 ? Gen.Choose(1, 3).Select(s => s * 100) : Gen.Choose(20, 200)
        from count in Gen.Choose(2, 4)
        from unicast in Gen.Elements(false, true)
        from hosts in Gen.ListOf(
            from p in Gen.Choose(1, 254)
            from np in Gen.Elements(true, false)
            from sm in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            select (p, np, sm), count)
        select hosts.Select((h, i) => Conf(version, intervalCs, h.p, h.np, h.sm, unicast ? Peers(count, i) : "")).ToList();

    /// <summary>Peers listed without unicast_src_ip: each host's address is what the others list.</summary>
    private static string Peers(int count, int self) =>
        "unicast_peer {\n" + string.Concat(Enumerable.Range(0, count).Where(k => k != self).Select(k => $" 192.0.2.{k + 11}\n")) + "}";

    [FsProperty(MaxTest = 40)]
    public Property No_fault_fails_for_a_consistent_cluster() =>
        Prop.ForAll(Clusters.ToArbitrary(), confs =>
        {
            DerivedCluster cluster = ClusterDerivation.Derive([.. confs.Select((t, i) => Host($"host{i + 1}.conf", t))]);
            CatalogueResult r = FaultCatalogue.Run(cluster);
            bool ok = r.Startup!.Passed
                && r.Faults.All(f => f.Status != FaultStatus.Fail)
                && r.Faults.All(f => f.Vips.All(v => v.FinalHolders.Length == 1));
            return Prop.Label(ok, string.Join("\n", r.Startup.Vips.Select(v => v.Problem))
                + "\n" + string.Join("\n", r.Faults.Where(f => f.Status == FaultStatus.Fail).Select(f => f.Line(r.Timing)))
                + "\n" + string.Join("\n---\n", confs));
        });
}
