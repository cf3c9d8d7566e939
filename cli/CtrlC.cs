namespace VrrpLab.Cli;

/// <summary>Ctrl-C as a request to stop: the verb finishes cleanly (partial report, flood totals) instead of dying.</summary>
internal static class CtrlC
{
    /// <summary>
    /// Runs <paramref name="body"/> with a token that Ctrl-C cancels while it runs (the key press then
    /// does not end the process), or with <paramref name="given"/> when a caller (a test) has its own.
    /// </summary>
    public static T Run<T>(Func<CancellationToken, T> body, CancellationToken? given = null)
    {
        if (given is { } token)
        {
            return body(token);
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return body(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }
}
