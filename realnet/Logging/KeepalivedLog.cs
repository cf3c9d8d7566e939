using System.Globalization;

namespace VrrpLab.RealNet.Logging;

/// <summary>
/// Writes keepalived's log lines (the text users grep for, e.g. <c>(VI_1) Entering MASTER STATE</c>)
/// to one writer, one flushed line per call. Thread-safe.
/// </summary>
public sealed class KeepalivedLog
{
    private readonly TextWriter _output;
    private readonly LogFormat _format;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    /// <summary>Creates a log writing to <paramref name="output"/>.</summary>
    public KeepalivedLog(TextWriter output, LogFormat format, TimeProvider time)
    {
        _output = output;
        _format = format;
        _time = time;
    }

    /// <summary>Writes one line.</summary>
    public void Write(string text)
    {
        string line = Format(text, _time.GetUtcNow(), _format);
        lock (_lock)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>The line as written for <paramref name="format"/> at wall-clock <paramref name="at"/>.</summary>
    public static string Format(string text, DateTimeOffset at, LogFormat format) => format switch
    {
        LogFormat.Journal => text,
        LogFormat.Precise => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) + " " + text,
        _ => at.ToLocalTime().ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture).Replace("  ", " ", StringComparison.Ordinal) + ": " + text,
    };
}
