using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Reading;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Lint;

/// <summary>The check-script rule (the seed article's pitfall).</summary>
public static partial class ClusterLinter
{
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
            ScriptEffect effect = CheckScriptAnalysis.Analyze(script, fs);
            if (effect.Unread is { } path && used)
            {
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Notice,
                    syntax.At("script"),
                    LintRules.ScriptStopsKeepalived,
                    $"vrrp_script {script.Name}: {path} is not readable here, so whether it stops keepalived was not checked",
                    "run check where the script is readable (or give --script-root) to detect the pattern"));
            }

            if (effect.End != KeepalivedEnd.None)
            {
                findings.Add(Finding(syntax, script, effect, used));
            }
        }
    }

    private static LintFinding Finding(ScriptSyntax syntax, TrackedScript script, ScriptEffect effect, bool used) => new(
        DiagnosticSeverity.Warning,
        syntax.At("script"),
        LintRules.ScriptStopsKeepalived,
        $"vrrp_script {script.Name} {(effect.End == KeepalivedEnd.Kill ? "kills keepalived with SIGKILL" : "stops keepalived")} ({effect.Evidence}){(used ? "" : " (not tracked by any instance)")}",
        effect.End == KeepalivedEnd.Kill
            ? "no priority 0 is sent (the backup waits a full Master_Down_Interval) and the VIP stays on this host's interface, so two hosts answer ARP for it; keepalived is not restarted when the service recovers"
            : "the VIP moves (priority 0, the backup takes over after its skew), but keepalived on this host cannot stay up while the service is down and is not restarted when it recovers: this host never becomes a backup again by itself");
}
