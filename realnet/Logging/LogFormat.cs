namespace VrrpLab.RealNet.Logging;

/// <summary>How the daemon prefixes its keepalived-style log lines (<c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>Like <c>keepalived -l</c> on a console: <c>Wed Nov 25 17:12:41 2026: (VI_1) Entering MASTER STATE</c>.</summary>
    Keepalived,

    /// <summary>The bare text, for the systemd journal (which adds its own time and identifier).</summary>
    Journal,

    /// <summary>UTC with microseconds, for measurements: <c>2026-11-25T17:12:41.123456Z (VI_1) Entering MASTER STATE</c>.</summary>
    Precise,
}
