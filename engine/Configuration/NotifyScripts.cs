namespace VrrpLab.Engine.Configuration;

/// <summary>
/// <c>notify_master</c>, <c>notify_backup</c>, <c>notify_fault</c>, <c>notify_stop</c> and
/// <c>notify</c> (the last gets <c>INSTANCE NAME STATE PRIORITY</c> appended).
/// </summary>
public sealed record NotifyScripts(
    string? Master = null,
    string? Backup = null,
    string? Fault = null,
    string? Stop = null,
    string? Generic = null)
{
    /// <summary>No notify scripts.</summary>
    public static readonly NotifyScripts None = new();
}
