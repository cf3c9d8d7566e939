using VrrpLab.Config.FileSystem;

namespace VrrpLab.Sim.Tests.Faults;

/// <summary>
/// The fault catalogue on the real-world corpus (../shared/corpus/keepalived-wild, read in place): every
/// master/backup pair of SOURCES.md starts with one holder per VIP, never gets a split-brain verdict,
/// and no fault fails; every single file gets its startup judged without a failure.
/// </summary>
public sealed class CorpusCatalogueTests
{
    private static IEnumerable<TestCaseData> Pairs() =>
        SharedCorpus.Pairs.Select(p => new TestCaseData(p.A, p.B).SetName($"{p.Name}: {Path.GetFileName(p.A)} with {Path.GetFileName(p.B)}"));

    private static IEnumerable<TestCaseData> Files() =>
        SharedCorpus.WildFiles.Select(f => new TestCaseData(f).SetName(Path.GetFileName(f)));

    private static ClusterHost? Read(string file)
    {
        ConfigReadResult r = KeepalivedConfigReader.Read(file, PhysicalConfigFileSystem.Instance);
        return r.Config is null ? null : new ClusterHost(file, r.Config);
    }

    [Test]
    public void The_corpus_has_its_nine_pairs() => Assert.That(SharedCorpus.Pairs, Has.Count.EqualTo(9));

    [TestCaseSource(nameof(Pairs))]
    public void A_corpus_pair_starts_with_one_holder_per_vip_and_no_fault_is_a_split_brain(string a, string b)
    {
        ClusterHost? ha = Read(a), hb = Read(b);
        Assert.That(ha, Is.Not.Null);
        Assert.That(hb, Is.Not.Null);
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([ha!, hb!]));
        string lines = string.Join("\n", r.Faults.Select(f => $"{FaultOutcome.StatusWord(f.Status)} {f.Line(r.Timing)}"));
        if (r.Cluster.Vips.IsEmpty)
        {
            // The HippoProgrammer pair keeps template placeholders ([virtual_ip]): keepalived skips them too.
            Assert.That(r.NotRun, Is.EqualTo("not run: no vrrp_instance carries a virtual address"));
            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(r.Startup!.Vips.Where(v => v.Problem is not null).Select(v => v.Problem), Is.Empty, "one holder per VIP at startup");
            Assert.That(r.Faults, Is.Not.Empty, r.NotRun);
            Assert.That(r.Faults.SelectMany(f => f.Vips).Select(v => v.Problem).Where(p => p is not null && p.Contains("split brain", StringComparison.Ordinal)), Is.Empty, lines);
            Assert.That(r.Faults.Where(f => f.Status == FaultStatus.Fail), Is.Empty, lines);
            Assert.That(r.Faults.Where(f => f.Faults.Any(x => x.Fault.Kind == FaultKind.Flood)), Is.Not.Empty, "the garbage fault is in every catalogue");
        });
    }

    [TestCaseSource(nameof(Files))]
    public void A_corpus_file_alone_is_read_and_its_startup_judged_without_a_split_brain(string file)
    {
        ClusterHost? h = Read(file);
        if (h is null)
        {
            Assert.Pass("keepalived -t refuses it too (WildCorpusTests checks the verdict)");
        }

        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([h!]));
        Assert.That(r.Startup?.Vips.Select(v => v.Problem).Where(p => p is not null) ?? [], Is.Empty, r.NotRun);
    }
}
