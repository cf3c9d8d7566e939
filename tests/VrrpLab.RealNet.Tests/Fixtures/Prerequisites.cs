namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// What the namespace tests need on the machine. A missing piece fails the test with a message naming
/// it (CI installs them in <c>.ci/run</c>); the tests never skip silently.
/// </summary>
public static class Prerequisites
{
    /// <summary>Tools the fixtures run, with the Debian package that provides each.</summary>
    public static readonly IReadOnlyList<(string Tool, string Package)> Tools =
    [
        ("ip", "iproute2"),
        ("keepalived", "keepalived"),
        ("tcpdump", "tcpdump"),
        ("tshark", "tshark"),
        ("arping", "iputils-arping"),
        ("ping", "iputils-ping"),
    ];

    /// <summary>Throws a <see cref="FixtureException"/> naming every missing tool, or when not running as root.</summary>
    public static void Require()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            problems.Add("the namespace tests need Linux");
        }
        else if (Environment.UserName != "root" && Libc.GetEUid() != 0)
        {
            problems.Add("the namespace tests need root (ip netns, raw sockets): run them as root, e.g. in CI's .ci/run");
        }

        foreach ((string tool, string package) in Tools)
        {
            if (Which(tool) is null)
            {
                problems.Add($"'{tool}' is not installed (apt-get install {package})");
            }
        }

        if (!Shell.Run("ldconfig", ["-p"]).StdOut.Contains("libpcap.so", StringComparison.Ordinal))
        {
            problems.Add("libpcap is not installed (apt-get install libpcap0.8): the daemon sends gratuitous ARPs through it");
        }

        if (problems.Count > 0)
        {
            throw new FixtureException("cannot run the network namespace tests: " + string.Join("; ", problems));
        }
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH (or the sbin directories), or null.</summary>
    public static string? Which(string tool)
    {
        string path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
    }
}
