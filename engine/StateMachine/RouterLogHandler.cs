using System.Runtime.CompilerServices;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The interpolated-string handler of <see cref="VrrpRouter"/>'s log lines: when the router's
/// <see cref="VrrpRouter.Logging"/> is off, the compiler skips every hole and no text is built, so a
/// caller that never reads <see cref="LogLine"/> effects (the explorer's simulator runs) pays nothing
/// for keepalived's log text.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RouterLogHandler
{
    private DefaultInterpolatedStringHandler _text;

    public RouterLogHandler(int literalLength, int formattedCount, VrrpRouter router, out bool enabled)
    {
        enabled = router.Logging;
        _text = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
