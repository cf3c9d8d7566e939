using System.Text.RegularExpressions;

namespace VrrpLab.Lab.Daemons;

/// <summary>A <c>vrrp_script</c> the lab controls: the script the daemon runs exits with the status in its result file.</summary>
/// <param name="Node">The node.</param>
/// <param name="Name">The vrrp_script's name.</param>
/// <param name="ScriptPath">The script the configuration now runs.</param>
/// <param name="ResultPath">The file holding the exit status (0 ok, 1 fail).</param>
/// <param name="Original">The configuration's own <c>script</c> line, for the record.</param>
public sealed record ControlledScript(string Node, string Name, string ScriptPath, string ResultPath, string Original)
{
    /// <summary>
    /// The file each run of the script appends to: the kernel's realtime clock (µs) when it started and when
    /// it had its result (just before it exits: when the daemon can see it), and its exit status.
    /// </summary>
    public string RunsPath => Path.ChangeExtension(ResultPath, ".runs");

    /// <summary>Every run recorded in <see cref="RunsPath"/>: (Unix µs started, Unix µs done, exit status), in order.</summary>
    public IReadOnlyList<(long StartUnixUs, long DoneUnixUs, int Status)> Runs()
    {
        if (!File.Exists(RunsPath))
        {
            return [];
        }

        var runs = new List<(long, long, int)>();
        foreach (string line in File.ReadAllLines(RunsPath))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 3 && Host.LabClock.TryParseUnix(f[0], out long start) && Host.LabClock.TryParseUnix(f[1], out long done)
                && int.TryParse(f[2], System.Globalization.CultureInfo.InvariantCulture, out int status))
            {
                runs.Add((start, done, status));
            }
        }

        return runs;
    }

    /// <summary>Sets the result every later run of the script reports.</summary>
    public void Set(bool ok)
    {
        string tmp = ResultPath + ".tmp";
        File.WriteAllText(tmp, ok ? "0\n" : "1\n");
        File.Move(tmp, ResultPath, overwrite: true);
    }
}

/// <summary>
/// Gives each <c>vrrp_script</c> of a keepalived.conf a script the timeline controls: the only change
/// the lab makes to a configuration is the <c>script</c> line inside <c>vrrp_script</c> blocks (the
/// original health check, e.g. <c>killall -0 nginx</c>, has nothing to check in a namespace). Every
/// other line is handed to the daemon verbatim.
/// </summary>
public static partial class ScriptControl
{
    /// <summary>Rewrites <paramref name="config"/>; creates one script and result file (ok) per vrrp_script in <paramref name="dir"/>.</summary>
    public static (string Text, List<ControlledScript> Scripts) Rewrite(string node, string config, string dir)
    {
        var scripts = new List<ControlledScript>();
        var output = new List<string>();
        string? block = null; // the vrrp_script being read
        string? pendingName = null; // "vrrp_script NAME" seen, "{" not yet
        int depth = 0;
        int blockDepth = -1;
        foreach (string rawLine in config.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            string code = StripComment(line);
            string[] words = code.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (block is null && words.Length >= 2 && words[0] == "vrrp_script")
            {
                pendingName = words[1].TrimEnd('{');
            }

            if (block is not null && depth == blockDepth + 1 && words.Length >= 1 && words[0] == "script")
            {
                string safe = Regex.Replace(node + "-" + block, "[^A-Za-z0-9_.-]", "_");
                string path = Path.Combine(dir, safe + ".sh");
                string result = Path.Combine(dir, safe + ".result");
                string runs = Path.ChangeExtension(result, ".runs");
                File.WriteAllText(path, $"#!/bin/bash\n# vrrplab lab: the timeline sets this check's result ({block} on {node}); each run appends when it started and when it had its result (kernel realtime clock) and its status\nt=$EPOCHREALTIME\nread r < '{result}' 2>/dev/null || r=0\necho \"$t $EPOCHREALTIME $r\" >> '{runs}'\nexit $r\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                }

                var s = new ControlledScript(node, block, path, result, code.Trim());
                s.Set(ok: true);
                scripts.Add(s);
                int indent = line.Length - line.TrimStart().Length;
                output.Add(line[..indent] + "script \"" + path + "\"   # vrrplab lab (was: " + code.Trim().Replace("\"", "'", StringComparison.Ordinal) + ")");
                continue;
            }

            foreach (char c in code)
            {
                if (c == '{')
                {
                    if (pendingName is not null && block is null)
                    {
                        block = pendingName;
                        blockDepth = depth;
                        pendingName = null;
                    }

                    depth++;
                }
                else if (c == '}')
                {
                    depth--;
                    if (block is not null && depth == blockDepth)
                    {
                        block = null;
                        blockDepth = -1;
                    }
                }
            }

            output.Add(rawLine);
        }

        return (string.Join('\n', output), scripts);
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOfAny(['#', '!']);
        return hash < 0 ? line : line[..hash];
    }
}
