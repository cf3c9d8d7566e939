using System.Text.RegularExpressions;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Reading;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Lint;

/// <summary>The check-script rule (the seed article's pitfall).</summary>
public static partial class ClusterLinter
{
    [GeneratedRegex(
        @"systemctl\s+(stop|kill)\s+keepalived|service\s+keepalived\s+stop|/etc/init\.d/keepalived\s+stop|\b(killall|pkill)\b[^\n;|&]*\bkeepalived\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StopsKeepalived();

    /// <summary>
    /// A tracked script that stops keepalived (e.g. <c>systemctl stop keepalived</c> when nginx is
    /// down) moves the VIP, but keepalived can then never stay up on that host while the service is
    /// down, and nothing restarts it when the service recovers. Checked on the script command and,
    /// when the fs can read it, on the script file's content.
    /// </summary>
    private static void ScriptRules(ConfigReadResult r, IConfigFileSystem? fs, List<LintFinding> findings)
    {
        RouterConfig config = r.Config!;
        for (int i = 0; i < config.Scripts.Length; i++)
        {
            TrackedScript script = config.Scripts[i];
            ScriptSyntax syntax = r.Source.Scripts[i];
            bool used = config.Instances.Any(inst => inst.TrackScripts.Any(t => t.Name == script.Name));
            string? evidence = null;
            if (StopsKeepalived().Match(script.Script) is { Success: true } inline)
            {
                evidence = $"'{inline.Value}'";
            }
            else if (fs is not null && script.Script.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var path, ..] && path.StartsWith('/'))
            {
                if (fs.TryReadAllText(path, out string? content, out _))
                {
                    if (StopsKeepalived().Match(content) is { Success: true } inFile)
                    {
                        evidence = $"'{inFile.Value}' in {path}";
                    }
                }
                else if (used)
                {
                    findings.Add(new LintFinding(
                        DiagnosticSeverity.Notice,
                        syntax.At("script"),
                        LintRules.ScriptStopsKeepalived,
                        $"vrrp_script {script.Name}: {path} is not readable here, so whether it stops keepalived was not checked",
                        "run check where the script is readable to detect the pattern"));
                }
            }

            if (evidence is not null)
            {
                findings.Add(Finding(syntax, script, evidence, used));
            }
        }
    }

    private static LintFinding Finding(ScriptSyntax syntax, TrackedScript script, string evidence, bool used) => new(
        DiagnosticSeverity.Warning,
        syntax.At("script"),
        LintRules.ScriptStopsKeepalived,
        $"vrrp_script {script.Name} stops keepalived ({evidence}){(used ? "" : " (not tracked by any instance)")}",
        "the VIP moves, but keepalived on this host cannot stay up while the service is down and is not restarted when it recovers: this host never becomes a backup again by itself");
}
