using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Host;

/// <summary>What the lab needs on the machine; each missing piece is named with the package that provides it.</summary>
public static class LabEnvironment
{
    /// <summary>Tools every lab run uses, with their Debian packages.</summary>
    public static readonly IReadOnlyList<(string Tool, string Package)> Tools =
    [
        ("ip", "iproute2"),
        ("tcpdump", "tcpdump"),
        ("ping", "iputils-ping"),
        ("stdbuf", "coreutils"),
    ];

    /// <summary>Why the lab cannot run here (empty: it can). <paramref name="keepalived"/>: some node runs keepalived.</summary>
    public static List<string> Problems(bool keepalived)
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            problems.Add("the lab needs Linux (network namespaces)");
            return problems;
        }

        if (Libc.GetEUid() != 0)
        {
            problems.Add("the lab needs root (ip netns, raw sockets): run it with sudo");
        }

        foreach ((string tool, string package) in Tools)
        {
            if (Shell.Which(tool) is null)
            {
                problems.Add($"'{tool}' is not installed (apt-get install {package})");
            }
        }

        if (keepalived && Shell.Which("keepalived") is null)
        {
            problems.Add("keepalived is not installed (apt-get install keepalived; the lab runs Debian's 2.2.7), or run our daemon with --impl vrrplab");
        }

        if (keepalived && Shell.Which("chrt") is null)
        {
            problems.Add("'chrt' is not installed (apt-get install util-linux; the lab runs keepalived at SCHED_RR 1)");
        }

        return problems;
    }
}
