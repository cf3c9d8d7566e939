using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VrrpLab.Explore.Running;

/// <summary><c>--shard I/N</c>: this process runs every N-th run, starting with run I (0-based).</summary>
/// <param name="Index">I, 0..N-1.</param>
/// <param name="Count">N, at least 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole exploration (shard 0/1).</summary>
    public static readonly ShardSpec Whole = new(0, 1);

    /// <summary>Whether run <paramref name="run"/> belongs to this shard.</summary>
    public bool Owns(long run) => run % Count == Index;

    /// <summary>How many of <paramref name="runs"/> runs this shard owns.</summary>
    public long RunsOf(long runs) => runs <= Index ? 0 : ((runs - 1 - Index) / Count) + 1;

    /// <inheritdoc/>
    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>I/N</c>; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string text, out ShardSpec shard, [NotNullWhen(false)] out string? error)
    {
        shard = Whole;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            error = $"'{text}' is not I/N (e.g. 0/4: the first of four shards)";
            return false;
        }

        if (n < 1 || i >= n)
        {
            error = $"'{text}': I must be 0..N-1 and N at least 1";
            return false;
        }

        shard = new ShardSpec(i, n);
        error = null;
        return true;
    }
}
