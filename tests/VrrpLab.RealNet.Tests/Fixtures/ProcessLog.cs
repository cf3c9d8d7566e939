namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>The lines of a peer's stdout and stderr, in arrival order; thread safe.</summary>
public sealed class ProcessLog
{
    private readonly List<LogLine> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>A snapshot of every line so far.</summary>
    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>How many lines have arrived: a mark for <see cref="Since"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Appends a line (called by the process reader).</summary>
    public void Add(string text)
    {
        lock (_gate)
        {
            _lines.Add(new LogLine(MonotonicClock.Now, text));
        }
    }

    /// <summary>The lines that arrived after <paramref name="mark"/> (a former <see cref="Count"/>).</summary>
    public IReadOnlyList<LogLine> Since(int mark) => Lines.Skip(mark).ToList();

    /// <summary>The first line at or after <paramref name="mark"/> matching <paramref name="pattern"/>, or null.</summary>
    public LogLine? Find(Regex pattern, int mark = 0) => Since(mark).FirstOrDefault(l => pattern.IsMatch(l.Text));

    /// <summary>Waits (bounded) for a line matching <paramref name="pattern"/> after <paramref name="mark"/>.</summary>
    public LogLine WaitFor(Regex pattern, TimeSpan timeout, int mark = 0, string? owner = null)
    {
        LogLine? found = null;
        Eventually.Until(
            () => (found = Find(pattern, mark)) is not null,
            timeout,
            $"a line matching /{pattern}/ from {owner ?? "the process"}",
            () => Tail(40));
        return found!;
    }

    /// <summary>The last <paramref name="count"/> lines, one per line, for failure messages.</summary>
    public string Tail(int count = 40) => string.Join('\n', Lines.TakeLast(count));
}
