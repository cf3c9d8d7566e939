using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests.Interop;

/// <summary>
/// The .deb of <c>scripts/publish</c> installed with dpkg on a clean "host": a private mount namespace
/// whose root is a copy-on-write overlay of this machine with the .NET SDK and runtime removed, a fresh
/// /run, and its own network namespaces. There the README's two-host walkthrough runs with the installed
/// <c>/usr/bin/vrrplab</c>, limited to CAP_NET_RAW and CAP_NET_ADMIN as the unit limits it. Nothing
/// reaches the real machine: the overlay, its namespaces and the installed files vanish with the mount
/// namespace.
/// </summary>
public sealed class DebPackageTests : NamespaceTest
{
    /// <summary>Names the package file; unset, the newest <c>out/publish/vrrplab_*.deb</c> above the tests.</summary>
    public const string DebVariable = "VRRPLAB_DEB";

    private static readonly string RunPrefix = $"{NamespaceLan.Prefix}{Environment.ProcessId}-deb-";

    [Test]
    public void The_deb_installs_on_a_host_without_dotnet_and_runs_the_walkthrough_with_two_capabilities()
    {
        string deb = LocateDeb();
        string scratch = $"/tmp/{RunPrefix}scratch";
        VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(scratch);
        Directory.CreateDirectory(scratch);
        try
        {
            // Inside the chroot /tmp/vl is the walkthrough's own directory (the overlay's /tmp).
            string walkthrough = DeployWalkthroughTests.WalkthroughScript(
                "setpriv --bounding-set=-all,+net_raw,+net_admin /usr/bin/vrrplab", RunPrefix, "/tmp/vl");
            int cleanUp = walkthrough.IndexOf("# Clean up", StringComparison.Ordinal);
            Assert.That(cleanUp, Is.GreaterThan(0), "the walkthrough ends with a clean-up step");
            File.WriteAllText(Path.Combine(scratch, "steps.sh"), walkthrough[..cleanUp]);
            File.WriteAllText(Path.Combine(scratch, "cleanup.sh"), walkthrough[cleanUp..]);
            File.WriteAllText(Path.Combine(scratch, "inner.sh"), Inner);
            File.WriteAllText(Path.Combine(scratch, "outer.sh"), Outer(scratch, deb));

            string output = DeployWalkthroughTests.RunBash(
                scratch, "host", $"exec unshare --mount --propagation private bash '{scratch}/outer.sh'", TimeSpan.FromSeconds(150));

            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain("== done"), "the whole script ran\n" + output);
                Assert.That(output, Does.Contain("no dotnet on this host"), output);
                Assert.That(output, Does.Contain("install ok installed"), "dpkg installed it\n" + output);
                Assert.That(output, Does.Match(@"vrrplab \d+\.\d+"), "vrrplab --version runs without .NET\n" + output);
                Assert.That(output, Does.Contain("man page lists the daemon verb"), output);
                string[] addressLines = output.Split('\n').Where(l => l.StartsWith("eth0", StringComparison.Ordinal)).ToArray();
                Assert.That(addressLines, Has.Length.EqualTo(3), "three 'ip -br addr show eth0' outputs\n" + output);
                Assert.That(addressLines, Has.All.Contain("10.77.0.199"), "host 1 after the election, host 2 after the SIGTERM and after host 1 returned\n" + output);
                Assert.That(output, Does.Contain("(VI_1) Entering MASTER STATE"), "host 1 became MASTER\n" + output);
                Assert.That(output, Does.Contain("h1 after its return: BACKUP only"), "nopreempt kept host 2\n" + output);
                Assert.That(output, Does.Contain("namespaces left: 0"), "the walkthrough's clean-up removed its namespaces\n" + output);
                Assert.That(output, Does.Contain("removed: /usr/bin/vrrplab is gone"), "dpkg -r removes it\n" + output);
            });
        }
        finally
        {
            VrrpLab.Lab.Host.LabHygiene.DeleteDirectory(scratch);
        }
    }

    /// <summary>Run by the test as <c>unshare --mount</c>: builds the clean host and runs <see cref="Inner"/> in it.</summary>
    private static string Outer(string scratch, string deb) => $$"""
        set -euo pipefail
        s='{{scratch}}'
        mkdir -p "$s/layer" "$s/root"
        mount -t tmpfs tmpfs "$s/layer"
        mkdir -p "$s/layer/upper" "$s/layer/work"
        mount -t overlay overlay -o "lowerdir=/,upperdir=$s/layer/upper,workdir=$s/layer/work" "$s/root"
        mount --rbind /proc "$s/root/proc"
        mount --rbind /sys "$s/root/sys"
        mount --rbind /dev "$s/root/dev"
        mount -t tmpfs tmpfs "$s/root/run"
        rm -rf "$s/root/tmp/vl"
        mkdir -p "$s/root/root/vl-test"
        cp '{{deb}}' "$s/root/root/vl-test/vrrplab.deb"
        cp "$s/inner.sh" "$s/steps.sh" "$s/cleanup.sh" "$s/root/root/vl-test/"
        chroot "$s/root" /bin/bash /root/vl-test/inner.sh
        """;

    /// <summary>Run inside the clean host: install, check, the walkthrough, remove.</summary>
    private const string Inner = """
        set -euo pipefail
        cd /root/vl-test
        # If a step fails, leave nothing running: kill what runs in our namespaces, delete them.
        trap 'for ns in $(ip netns list | cut -d" " -f1); do ip netns pids "$ns" | xargs -r kill -9; ip netns del "$ns"; done' EXIT
        rm -rf /usr/share/dotnet /usr/lib/dotnet /usr/bin/dotnet /etc/dotnet /root/.dotnet
        if command -v dotnet >/dev/null; then echo "dotnet still present"; exit 1; fi
        echo "no dotnet on this host"
        DEBIAN_FRONTEND=noninteractive dpkg -i vrrplab.deb
        dpkg-query -W -f='${Status} ${Version}\n' vrrplab
        vrrplab --version
        test -f /lib/systemd/system/vrrplab.service
        grep -q '^ExecStart=/usr/bin/vrrplab daemon' /lib/systemd/system/vrrplab.service
        test -f /etc/default/vrrplab
        zcat /usr/share/man/man8/vrrplab.8.gz | grep -q 'VRRPLAB DAEMON' && echo "man page lists the daemon verb"
        echo "== walkthrough"
        bash steps.sh
        echo "h1 after its return: $(grep -c 'Entering MASTER STATE' /tmp/vl/h1.log | sed 's/^0$/BACKUP only/')"
        bash cleanup.sh
        echo "namespaces left: $(ip netns list | wc -l)"
        dpkg -r vrrplab >/dev/null
        test ! -e /usr/bin/vrrplab && echo "removed: /usr/bin/vrrplab is gone"
        echo "== done"
        """;

    private static string LocateDeb()
    {
        if (Environment.GetEnvironmentVariable(DebVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? Path.GetFullPath(chosen) : throw new FixtureException($"{DebVariable}={chosen}: no such file");
        }

        foreach (string dir in RepositoryDirectories.Candidates())
        {
            string publish = Path.Combine(dir, "out", "publish");
            if (Directory.Exists(publish)
                && new DirectoryInfo(publish).GetFiles("vrrplab_*.deb").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault() is { } found)
            {
                return found.FullName;
            }
        }

        throw new FixtureException($"no out/publish/vrrplab_*.deb above {AppContext.BaseDirectory}: run scripts/publish (or set {DebVariable})");
    }
}
