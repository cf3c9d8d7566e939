using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VrrpLab.Config.Tests;

/// <summary>
/// Runs the real <c>keepalived -t</c> (2.2.7) on a file, inside a throwaway network namespace
/// holding the interfaces the file names (as KA_VERDICTS.tsv was measured), and returns its exit
/// code and its messages without their "(file: Line N)" prefix, each once, in order. The namespace
/// has a unique name and is deleted in every outcome.
/// </summary>
internal static partial class KeepalivedConfigTest
{
    private static int _counter;

    [GeneratedRegex(@"(?m)^\s*(?:@\S+\s+)?interface\s+(\S+)")]
    private static partial Regex InterfaceLine();

    [GeneratedRegex(@"\bdev\s+(\S+)")]
    private static partial Regex DevOption();

    [GeneratedRegex(@"^[a-z]{2,}[0-9][A-Za-z0-9._-]*$")]
    private static partial Regex PlainInterfaceName();

    [GeneratedRegex(@"^\((?:[^)]*: )?Line \d+\) ")]
    private static partial Regex LinePrefix();

    /// <summary>The keepalived binary; its absence is a failure.</summary>
    public static string Keepalived =>
        new[] { "/usr/sbin/keepalived", "/sbin/keepalived", "/usr/local/sbin/keepalived" }.FirstOrDefault(File.Exists)
        ?? throw new AssertionException("keepalived is not installed (scripts/install-deps installs keepalived 2.2.7): the oracle cannot run");

    /// <summary>
    /// The interfaces a file names that look like real ones (eth0, ens32, enp0s3, bond0, eth0.53):
    /// from <c>interface</c> lines, <c>dev</c> options and <c>track_interface</c> blocks.
    /// Template placeholders (<c>[eth0]</c>, <c>&lt;interface&gt;</c>, keywords swallowed by a block) are not created.
    /// </summary>
    public static IReadOnlyList<string> NamedInterfaces(string text)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in InterfaceLine().Matches(text))
        {
            names.Add(m.Groups[1].Value);
        }

        foreach (Match m in DevOption().Matches(text))
        {
            names.Add(m.Groups[1].Value);
        }

        bool inBlock = false;
        foreach (string line in text.Split('\n'))
        {
            if (line.Contains("track_interface", StringComparison.Ordinal))
            {
                inBlock = true;
                continue;
            }

            if (inBlock && line.Contains('}', StringComparison.Ordinal))
            {
                inBlock = false;
                continue;
            }

            if (inBlock && line.Trim().Split(' ', '\t')[0] is { Length: > 0 } w)
            {
                names.Add(w);
            }
        }

        return [.. names.Where(n => PlainInterfaceName().IsMatch(n))];
    }

    /// <summary><c>keepalived -t -l [-i ID] -f FILE</c> in a namespace holding <paramref name="interfaces"/>, from the file's directory.</summary>
    public static (int ExitCode, IReadOnlyList<string> Messages) Run(string file, IReadOnlyList<string> interfaces, string? configId)
    {
        string ns = $"vrrplab-ka-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        try
        {
            Exec("ip", ["netns", "add", ns]);
            int k = 0;
            foreach (string name in interfaces)
            {
                Exec("ip", ["-n", ns, "link", "add", name, "type", "veth", "peer", "name", $"kp{++k}"]);
                Exec("ip", ["-n", ns, "link", "set", name, "up"]);
            }

            string[] args = ["netns", "exec", ns, Keepalived, "-t", "-l", .. configId is null ? Array.Empty<string>() : ["-i", configId], "-f", file];
            (int exit, string output) = Exec("ip", args, Path.GetDirectoryName(file), allowFailure: true);
            var messages = new List<string>();
            foreach (string raw in output.Split('\n'))
            {
                string line = LinePrefix().Replace(raw.TrimEnd('\r'), "");
                if (line.Length == 0)
                {
                    continue;
                }

                // keepalived's two-line lvs_sync_daemon_interface message: the second line continues the first.
                if (line.StartsWith("      ", StringComparison.Ordinal) && messages.Count > 0)
                {
                    messages[^1] += "\n" + line;
                    continue;
                }

                messages.Add(line);
            }

            return (exit, [.. messages.Distinct()]);
        }
        finally
        {
            Exec("ip", ["netns", "del", ns], allowFailure: true);
        }
    }

    /// <summary>Runs <paramref name="exe"/> to completion (30 s at most) and returns its exit code and its output (stdout, then stderr); a non-zero exit fails the test unless <paramref name="allowFailure"/>.</summary>
    internal static (int Exit, string Output) Exec(string exe, string[] args, string? cwd = null, bool allowFailure = false)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new AssertionException($"cannot start {exe}");
        Task<string> err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new AssertionException($"{exe} {string.Join(' ', args)} did not finish in 30 s");
        }

        string output = stdout + err.Result;
        if (p.ExitCode != 0 && !allowFailure)
        {
            throw new AssertionException($"{exe} {string.Join(' ', args)} failed ({p.ExitCode}): {output}");
        }

        return (p.ExitCode, output);
    }
}
