using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// The README's "Try it first in two network namespaces" walkthrough (docs/deploy.md until it is folded
/// into README.md), run as written except for where vrrplab is installed and for its names (namespaces
/// <c>vl-*</c> and <c>/tmp/vl</c> get this run's <c>vln-PID-</c> prefix, so concurrent runs do not collide
/// and a killed run's leftovers are cleaned): the state its comments promise is what a new user gets.
/// </summary>
public sealed partial class DeployWalkthroughTests : NamespaceTest
{
    internal const string Heading = "## Try it first in two network namespaces";
    private const string Vip = "10.77.0.199";
    private static readonly string RunPrefix = $"{NamespaceLan.Prefix}{Environment.ProcessId}-walkthrough-";
    private static readonly string[] Namespaces = [RunPrefix + "lan", RunPrefix + "h1", RunPrefix + "h2"];
    private static readonly string WorkDirectory = $"/tmp/{RunPrefix}vl";

    [Test]
    public void Walkthrough_elects_host_1_fails_over_on_sigterm_and_nopreempt_keeps_host_2()
    {
        string script = WalkthroughScript();
        int cleanUp = script.IndexOf("# Clean up", StringComparison.Ordinal);
        Assert.That(cleanUp, Is.GreaterThan(0), "the walkthrough ends with a clean-up step");
        LeftoverCleaner.Clean();
        string scratch = $"/tmp/{RunPrefix}scratch";
        Directory.CreateDirectory(scratch);
        try
        {
            string output = RunBash(scratch, "steps", script[..cleanUp], TimeSpan.FromSeconds(90));

            string[] addressLines = output.Split('\n').Where(l => l.StartsWith("eth0", StringComparison.Ordinal)).ToArray();
            Assert.That(addressLines, Has.Length.EqualTo(3), "three 'ip -br addr show eth0' outputs\n" + output);
            Assert.That(addressLines, Has.All.Contain(Vip), "host 1 after the election, host 2 after the SIGTERM, host 2 after host 1 returned\n" + output);
            Assert.That(output, Does.Contain("(VI_1) Entering MASTER STATE"), "host 1's first log shows it became MASTER");
            Assert.That(HoldsVip(RunPrefix + "h2"), Is.True, "host 2 holds the VIP at the end");
            Assert.That(HoldsVip(RunPrefix + "h1"), Is.False, "host 1 does not");
            string h1Log = File.ReadAllText(Path.Combine(WorkDirectory, "h1.log"));
            Assert.That(h1Log, Does.Contain("Entering BACKUP STATE"), "the returned host 1 is BACKUP\n" + h1Log);
            Assert.That(h1Log, Does.Not.Contain("Entering MASTER STATE"), "nopreempt: host 1 never became MASTER again\n" + h1Log);

            RunBash(scratch, "cleanup", script[cleanUp..], TimeSpan.FromSeconds(30));
            Assert.That(Namespaces.Where(NamespaceExists), Is.Empty, "the clean-up step removes the namespaces");
            Assert.That(Directory.Exists(WorkDirectory), Is.False, "the clean-up step removes the walkthrough's directory");
        }
        finally
        {
            foreach (string ns in Namespaces.Where(NamespaceExists))
            {
                VrrpLab.Lab.Host.LabHygiene.DeleteNamespace(ns);
            }

            if (Directory.Exists(WorkDirectory))
            {
                LeftoverCleaner.KillFromPidFiles(WorkDirectory);
                VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(WorkDirectory);
            }

            VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(scratch);
        }
    }

    /// <summary>The walkthrough's sh block, with VRRPLAB pointing at the built daemon and this run's names.</summary>
    private static string WalkthroughScript() => WalkthroughScript(DaemonLocator.CommandText, RunPrefix, WorkDirectory);

    /// <summary>
    /// The walkthrough's sh block with <c>VRRPLAB=</c> set to <paramref name="vrrplab"/> (null: as
    /// written), its <c>vl-</c> names prefixed with <paramref name="prefix"/> and <c>/tmp/vl</c> moved to
    /// <paramref name="workDirectory"/>.
    /// </summary>
    internal static string WalkthroughScript(string? vrrplab, string prefix, string workDirectory)
    {
        string doc = FindDocument();
        string section = doc[(doc.IndexOf(Heading, StringComparison.Ordinal) + Heading.Length)..];
        Match block = ShBlock().Match(section);
        Assert.That(block.Success, Is.True, "the walkthrough has a ```sh block");
        string script = block.Groups[1].Value;
        Assert.That(VrrplabLine().IsMatch(script), Is.True, "the walkthrough sets VRRPLAB=...");
        Assert.That(script, Does.Contain("vl-lan").And.Contain("/tmp/vl/"), "the walkthrough's names are vl-* and /tmp/vl");
        if (vrrplab is not null)
        {
            script = VrrplabLine().Replace(script, $"VRRPLAB=\"{vrrplab}\"");
        }

        script = NamespaceName().Replace(script, prefix);
        return TmpDirectory().Replace(script, workDirectory);
    }

    internal static string FindDocument()
    {
        foreach (string dir in RepositoryDirectories.Candidates())
        {
            foreach (string candidate in new[] { Path.Combine(dir, "README.md"), Path.Combine(dir, "docs", "deploy.md") })
            {
                if (File.Exists(candidate) && File.ReadAllText(candidate) is var text && text.Contains(Heading, StringComparison.Ordinal))
                {
                    return text;
                }
            }
        }

        throw new FixtureException($"no README.md or docs/deploy.md with '{Heading}' above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs a script with its output in files, so the daemons it leaves in the background hold no pipe of ours.</summary>
    internal static string RunBash(string scratch, string name, string script, TimeSpan timeout)
    {
        string path = Path.Combine(scratch, name + ".sh");
        string output = Path.Combine(scratch, name + ".out");
        File.WriteAllText(path, script);
        CommandResult r = Shell.Run("bash", ["-c", $"bash '{path}' > '{output}' 2>&1 < /dev/null"], timeout);
        string text = File.Exists(output) ? File.ReadAllText(output) : "";
        Assert.That(r.ExitCode, Is.Not.EqualTo(-1), $"the {name} finished within {timeout.TotalSeconds} s\n{text}");
        return text;
    }

    private static bool HoldsVip(string ns) =>
        Shell.Run("ip", ["-n", ns, "-4", "-o", "addr", "show", "dev", "eth0"]).StdOut.Contains($" {Vip}/", StringComparison.Ordinal);

    private static bool NamespaceExists(string ns) => File.Exists($"/var/run/netns/{ns}");

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();

    [GeneratedRegex(@"^VRRPLAB=.*$", RegexOptions.Multiline)]
    private static partial Regex VrrplabLine();

    [GeneratedRegex(@"\bvl-")]
    private static partial Regex NamespaceName();

    [GeneratedRegex(@"/tmp/vl\b")]
    private static partial Regex TmpDirectory();
}
