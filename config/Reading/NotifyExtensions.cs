using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>Notify scripts by keyword (<c>notify_master</c> ... <c>notify</c>).</summary>
internal static class NotifyExtensions
{
    /// <summary>Whether <paramref name="keyword"/> sets a notify script (<c>notify_master</c>, <c>notify_backup</c>, <c>notify_fault</c>, <c>notify_stop</c>, <c>notify</c>).</summary>
    public static bool IsNotifyKeyword(string keyword) => keyword is "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify";

    /// <summary>Whether the keyword's script is already set.</summary>
    public static bool Has(this NotifyScripts n, string keyword) => keyword switch
    {
        "notify_master" => n.Master is not null,
        "notify_backup" => n.Backup is not null,
        "notify_fault" => n.Fault is not null,
        "notify_stop" => n.Stop is not null,
        _ => n.Generic is not null,
    };

    /// <summary>The scripts with the keyword's one set.</summary>
    public static NotifyScripts With(this NotifyScripts n, string keyword, string command) => keyword switch
    {
        "notify_master" => n with { Master = command },
        "notify_backup" => n with { Backup = command },
        "notify_fault" => n with { Fault = command },
        "notify_stop" => n with { Stop = command },
        _ => n with { Generic = command },
    };

    /// <summary>Every command set, in keepalived's order of checking (backup, master, fault, stop, notify).</summary>
    public static IEnumerable<string> Commands(this NotifyScripts n) =>
        new[] { n.Backup, n.Master, n.Fault, n.Stop, n.Generic }.OfType<string>();
}
