using System.Text.RegularExpressions;
using VrrpLab.Config.FileSystem;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Lint;

/// <summary>
/// Whether a <c>vrrp_script</c> ends keepalived on its own host (the seed article's pitfall:
/// <c>systemctl stop keepalived</c> when nginx is down). Read from the command and, when it names
/// a readable file, from the file. <c>killall -0 keepalived</c> / <c>pkill -0</c> only ask whether
/// keepalived runs (signal 0, the standard liveness idiom); <c>-HUP</c> reloads and
/// <c>-USR1</c>/<c>-USR2</c> dump its state: none of them stops it.
/// </summary>
public static partial class CheckScriptAnalysis
{
    [GeneratedRegex(
        @"(?<unit>systemctl\s+(?:--[\w-]+\s+)*(?:stop|kill)\s+keepalived(?:\.service)?\b|service\s+keepalived\s+stop|/etc/init\.d/keepalived\s+stop)"
        + @"|(?<sig>\b(?:killall|pkill)\b(?<opts>[^\n;|&#]*?)\bkeepalived\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Command();

    [GeneratedRegex(@"(?:^|\s)(?:-s\s*|--signal[=\s]\s*|-)(?<sig>[A-Za-z0-9]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SignalOption();

    /// <summary>What the text of a check script (its command line or its file) does to keepalived.</summary>
    public static ScriptEffect Analyze(string text)
    {
        foreach (Match m in Command().Matches(text))
        {
            if (m.Groups["unit"].Success)
            {
                return new ScriptEffect(KeepalivedEnd.Stop, m.Value.Trim());
            }

            KeepalivedEnd end = SignalEffect(m.Groups["opts"].Value);
            if (end != KeepalivedEnd.None)
            {
                return new ScriptEffect(end, m.Value.Trim());
            }
        }

        return ScriptEffect.Nothing;
    }

    /// <summary>
    /// What <paramref name="script"/> does to keepalived: its command line first, then the file it
    /// runs when <paramref name="fs"/> can read it. <see cref="ScriptEffect.Unread"/> is set when the
    /// command names an absolute path that cannot be read here.
    /// </summary>
    public static ScriptEffect Analyze(TrackedScript script, IConfigFileSystem? fs)
    {
        ScriptEffect inline = Analyze(script.Script);
        if (inline.End != KeepalivedEnd.None)
        {
            return inline;
        }

        if (fs is null || script.Script.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var path, ..] || !path.StartsWith('/'))
        {
            return ScriptEffect.Nothing;
        }

        if (!fs.TryReadAllText(path, out string? content, out _))
        {
            return ScriptEffect.Nothing with { Unread = path };
        }

        ScriptEffect inFile = Analyze(content);
        return inFile.End == KeepalivedEnd.None ? inFile : inFile with { File = path };
    }

    /// <summary>The signal a <c>killall</c>/<c>pkill</c> sends (SIGTERM by default) and what it does to keepalived.</summary>
    private static KeepalivedEnd SignalEffect(string options)
    {
        string signal = "TERM";
        foreach (Match m in SignalOption().Matches(options))
        {
            string s = m.Groups["sig"].Value.ToUpperInvariant();
            s = s.StartsWith("SIG", StringComparison.Ordinal) ? s[3..] : s;
            if (IsSignal(s))
            {
                signal = s;
            }
        }

        return signal switch
        {
            "TERM" or "15" or "INT" or "2" or "QUIT" or "3" => KeepalivedEnd.Stop,
            "KILL" or "9" => KeepalivedEnd.Kill,
            _ => KeepalivedEnd.None,
        };
    }

    private static bool IsSignal(string s) => s.All(char.IsAsciiDigit)
        || s is "TERM" or "INT" or "QUIT" or "KILL" or "HUP" or "USR1" or "USR2" or "STOP" or "CONT";
}

/// <summary>How a check script ends keepalived.</summary>
public enum KeepalivedEnd
{
    /// <summary>It does not (or it only checks, reloads or dumps).</summary>
    None,

    /// <summary>SIGTERM (or <c>systemctl stop</c>): keepalived sends priority 0 and removes its VIPs.</summary>
    Stop,

    /// <summary>SIGKILL: keepalived dies silently and its VIPs stay on the interface.</summary>
    Kill,
}

/// <summary>The result of <see cref="CheckScriptAnalysis"/>.</summary>
/// <param name="End">What the script does to keepalived.</param>
/// <param name="Command">The command that does it, as written.</param>
/// <param name="File">The script file the command was found in (null: in the <c>script</c> line itself).</param>
/// <param name="Unread">The script file that could not be read here (so it was not checked), if any.</param>
public sealed record ScriptEffect(KeepalivedEnd End, string Command, string? File = null, string? Unread = null)
{
    /// <summary><c>'systemctl stop keepalived' in /data/shell/check.sh</c>.</summary>
    public string Evidence => File is null ? $"'{Command}'" : $"'{Command}' in {File}";

    /// <summary>The script leaves keepalived alone.</summary>
    public static readonly ScriptEffect Nothing = new(KeepalivedEnd.None, "");
}
