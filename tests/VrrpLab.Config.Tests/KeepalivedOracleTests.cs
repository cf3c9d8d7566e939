using System.Text.RegularExpressions;

namespace VrrpLab.Config.Tests;

/// <summary>
/// Asks the real keepalived (2.2.7, <c>keepalived -t</c>) about every corpus file and checks that
/// the reader agrees: keepalived exits 0 exactly when the reader reports no error and no warning.
/// keepalived checks that interfaces exist and scripts are executable, so it runs inside a
/// throwaway network namespace holding eth0, eth1 and ens32, and scripts that do not exist on this
/// machine are pointed at a temporary executable. keepalived missing is a failure, not a skip.
/// </summary>
[NonParallelizable]
public partial class KeepalivedOracleTests
{
    private static readonly string[] Interfaces = ["eth0", "eth1", "ens32"];

    [GeneratedRegex(@"(?<=\bscript\s+""?)(/[^""\s]+)")]
    private static partial Regex ScriptPath();

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Reader_verdict_agrees_with_keepalived_t_on_every_corpus_file()
    {
        string keepalived = new[] { "/usr/sbin/keepalived", "/sbin/keepalived", "/usr/local/sbin/keepalived" }.FirstOrDefault(File.Exists)
            ?? throw new AssertionException("keepalived is not installed (expected /usr/sbin/keepalived 2.2.7): the oracle test cannot run");
        string ns = $"vrrplab-cfg-{Environment.ProcessId}";
        string work = Path.Combine(Path.GetTempPath(), ns);
        Directory.CreateDirectory(work);
        try
        {
            KeepalivedConfigTest.Exec("ip", ["netns", "add", ns]);
            foreach (string ifname in Interfaces)
            {
                KeepalivedConfigTest.Exec("ip", ["-n", ns, "link", "add", ifname, "type", "veth", "peer", "name", ifname + "p"]);
                KeepalivedConfigTest.Exec("ip", ["-n", ns, "link", "set", ifname, "up"]);
            }

            string checkScript = Path.Combine(work, "check.sh");
            File.WriteAllText(checkScript, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(checkScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            CopyDirectory(CorpusFiles.Directory, work);

            var disagreements = new List<string>();
            int compared = 0;
            foreach (string name in CorpusFiles.TopLevel())
            {
                string path = Path.Combine(work, name);
                string text = File.ReadAllText(path);
                File.WriteAllText(path, ScriptPath().Replace(text, m => File.Exists(m.Value) ? m.Value : checkScript));

                (int exit, string output) = KeepalivedConfigTest.Exec("ip", ["netns", "exec", ns, keepalived, "-t", "-l", "-f", path], work, allowFailure: true);
                ConfigReadResult ours = KeepalivedConfigReader.Read(path, PhysicalConfigFileSystem.Instance);
                compared++;
                if ((exit == 0) != ours.IsClean)
                {
                    disagreements.Add($"{name}: keepalived -t exit {exit}: {output.Trim()}\n    reader: {(ours.Diagnostics.IsEmpty ? "no diagnostics" : string.Join("\n            ", ours.Diagnostics))}");
                }
            }

            Assert.That(compared, Is.GreaterThanOrEqualTo(50), "the corpus is smaller than expected: files missing from the test output?");
            Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements));
        }
        finally
        {
            KeepalivedConfigTest.Exec("ip", ["netns", "del", ns], allowFailure: true);
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
