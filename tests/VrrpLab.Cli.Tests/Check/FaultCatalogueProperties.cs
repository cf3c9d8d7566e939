using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using VrrpLab.Cli.Check;
using VrrpLab.Config;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Cli.Tests.Check;

/// <summary>
/// <c>vrrplab check</c> must not cry wolf: for any consistent cluster (2-4 hosts agreeing on VRID,
/// version, interval and authentication; any priorities, nopreempt, state), every fault of the
/// catalogue passes, and someone always ends MASTER.
/// </summary>
public sealed class FaultCatalogueProperties
{
    private static string Conf(int version, int intervalCs, int priority, bool nopreempt, bool stateMaster) =>
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
        }
        """;

    private static readonly Gen<List<string>> Clusters =
        from version in Gen.Elements(2, 3)
        from intervalCs in version == 2 ? Gen.Choose(1, 3).Select(s => s * 100) : Gen.Choose(20, 200)
        from count in Gen.Choose(2, 4)
        from hosts in Gen.ListOf(
            from p in Gen.Choose(1, 254)
            from np in Gen.Elements(true, false)
            from sm in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            select Conf(version, intervalCs, p, np, sm), count)
        select hosts.ToList();

    [FsProperty(MaxTest = 60)]
    public Property Every_fault_passes_for_a_consistent_cluster() =>
        Prop.ForAll(Clusters.ToArbitrary(), confs =>
        {
            var hosts = confs.Select((text, i) =>
            {
                ConfigReadResult r = KeepalivedConfigReader.Parse(text, $"host{i + 1}.conf", null);
                return ($"host{i + 1}.conf", r.Config!);
            }).ToList();
            ImmutableArray<FaultVerdict> verdicts = new FaultCatalogue().Run(hosts);
            bool ok = verdicts.Length == 7 && verdicts.All(v => v.Passed) && verdicts.All(v => !v.Evidence.Contains("MASTER at the end: none", StringComparison.Ordinal));
            return Prop.Label(ok, string.Join("\n", verdicts) + "\n" + string.Join("\n---\n", confs));
        });
}
