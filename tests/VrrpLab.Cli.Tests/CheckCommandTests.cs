namespace VrrpLab.Cli.Tests;

/// <summary>The acceptance list of issue 3 for <c>vrrplab check</c>, on real files.</summary>
public class CheckCommandTests : TempDirectoryTest
{
    private static readonly string SeedDir = FindSeed();

    private static string FindSeed()
    {
        for (DirectoryInfo? d = new(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "VrrpLab.Config.Tests", "Corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new AssertionException("cannot find tests/VrrpLab.Config.Tests/Corpus above the test directory");
    }

    private string Copy(string seedName, string asName, Func<string, string>? edit = null)
    {
        string path = Path.Combine(TempDir, asName);
        File.WriteAllText(path, (edit ?? (s => s))(File.ReadAllText(Path.Combine(SeedDir, seedName))));
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Execute(["check", .. args]);

    [Test]
    public void Seed_article_files_print_no_errors_and_exit_0()
    {
        (int exit, string output, string err) = Run(Copy("real-server1.keepalived.conf", "rs1.conf"), Copy("real-server2.keepalived.conf", "rs2.conf"));
        Assert.That(exit, Is.EqualTo(0), output + err);
        Assert.That(output, Does.Contain("0 error(s)"));
        Assert.That(output, Does.Not.Contain(": error "));
    }

    [Test]
    public void State_MASTER_plus_nopreempt_names_file_and_line_and_exits_1()
    {
        string rs1 = Copy("real-server1.keepalived.conf", "rs1.conf", s => s.Replace("state BACKUP", "state MASTER", StringComparison.Ordinal));
        (int exit, string output, _) = Run(rs1, Copy("real-server2.keepalived.conf", "rs2.conf"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"{rs1}:17:6: error VL001"));
        Assert.That(output, Does.Contain("consequence: "));
    }

    [Test]
    public void Mismatched_advert_int_names_file_and_line_and_exits_1()
    {
        string rs2 = Copy("real-server2.keepalived.conf", "rs2.conf", s => s.Replace("advert_int 5", "advert_int 1", StringComparison.Ordinal));
        (int exit, string output, _) = Run(Copy("real-server1.keepalived.conf", "rs1.conf"), rs2);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"{rs2}:17:6: error VL004"));
    }

    [Test]
    public void Syntax_error_exits_2_with_file_line_col()
    {
        string bad = Copy("real-server2.keepalived.conf", "rs2.conf", s => s.TrimEnd().TrimEnd('}'));
        (int exit, _, string err) = Run(bad);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"{bad}:12:20: error:"));
    }

    [Test]
    public void Missing_file_exits_2_naming_it()
    {
        string missing = Path.Combine(TempDir, "nope.conf");
        (int exit, _, string err) = Run(missing);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"{missing}:1:1: error:"));
    }

    [Test]
    public void No_file_is_a_usage_error() => Assert.That(Run().Exit, Is.EqualTo(2));

    [Test]
    public void Json_format_prints_one_document_with_findings_and_exit_code()
    {
        string rs1 = Copy("real-server1.keepalived.conf", "rs1.conf", s => s.Replace("state BACKUP", "state MASTER", StringComparison.Ordinal));
        (int exit, string output, _) = Run(rs1, Copy("real-server2.keepalived.conf", "rs2.conf"), "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement finding = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "error");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(doc.RootElement.GetProperty("exitCode").GetInt32(), Is.EqualTo(1));
            Assert.That(finding.GetProperty("rule").GetString(), Is.EqualTo("VL001"));
            Assert.That(finding.GetProperty("line").GetInt32(), Is.EqualTo(17));
            Assert.That(finding.GetProperty("file").GetString(), Is.EqualTo(rs1));
            Assert.That(doc.RootElement.GetProperty("faultSimulation").GetProperty("status").GetString(), Is.EqualTo("run"));
            Assert.That(doc.RootElement.GetProperty("faultSimulation").GetProperty("faults").GetArrayLength(), Is.EqualTo(17), "8 faults per host and the garbage for VRID 151");
        });
    }

    [Test]
    public void Json_format_reports_input_errors_with_exit_2()
    {
        string bad = Copy("bad-extra-brace.conf", "x.conf");
        (int exit, string output, _) = Run(bad, "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement e = doc.RootElement.GetProperty("inputErrors")[0];
        Assert.That((exit, e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32()), Is.EqualTo((2, 8, 1)));
    }

    [Test]
    public void A_single_file_says_that_cross_host_checks_need_every_hosts_file()
    {
        (int exit, string output, _) = Run(Copy("real-server1.keepalived.conf", "rs1.conf"));
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Contain("note: one file given"));
        Assert.That(Run(Copy("real-server1.keepalived.conf", "a.conf"), Copy("real-server2.keepalived.conf", "b.conf")).Out, Does.Not.Contain("note: one file given"));
    }
}
