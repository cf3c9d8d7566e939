using System.Text;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli;

/// <summary>
/// Files and folders an option names (<c>--junit FILE</c>, <c>--table FILE</c>, <c>--trace DIR</c>,
/// <c>--out DIR</c>): written as UTF-8 without a byte-order mark, and a write that fails is a usage
/// error naming the option.
/// </summary>
internal static class OptionFile
{
    /// <summary>UTF-8 without a byte-order mark (some CI parsers reject one).</summary>
    public static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Runs <paramref name="write"/>; an I/O failure becomes <c>option OPTION: cannot write WHAT: why</c>.</summary>
    /// <param name="option">The option, e.g. <c>--junit</c>.</param>
    /// <param name="what">What is written, after "cannot write": the file, or "to DIR".</param>
    /// <param name="write">Writes the files.</param>
    public static void Write(string option, string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"option {option}: cannot write {what}: {e.Message}");
        }
    }

    /// <summary>Writes <paramref name="text"/> to the file <paramref name="path"/> that <paramref name="option"/> names.</summary>
    public static void WriteText(string option, string path, string text) =>
        Write(option, path, () => File.WriteAllText(path, text, Utf8));

    /// <summary>Creates the folder <paramref name="dir"/> that <paramref name="option"/> names and runs <paramref name="write"/>; an I/O failure becomes <c>option OPTION: cannot write to DIR: why</c>.</summary>
    public static void WriteInto(string option, string dir, Action write) =>
        Write(option, "to " + dir, () =>
        {
            Directory.CreateDirectory(dir);
            write();
        });

    /// <summary>
    /// <c>--trace</c>'s two files of a run: STEM.jsonl (one event a line) and STEM.perfetto.json
    /// (for https://ui.perfetto.dev or chrome://tracing).
    /// </summary>
    public static void WriteTrace(string stem, IReadOnlyList<TraceEvent> trace, IReadOnlyList<string> nodes, long endUs)
    {
        using (StreamWriter w = Create(stem + ".jsonl"))
        {
            TraceJsonl.Write(trace, w);
        }

        using (StreamWriter w = Create(stem + ".perfetto.json"))
        {
            PerfettoWriter.Write(trace, nodes, endUs, w);
        }
    }

    /// <summary>A text file created (or replaced) for writing, lines ending in LF.</summary>
    public static StreamWriter Create(string path) => new(path, false, Utf8) { NewLine = "\n" };

    /// <summary>A scenario or node name as a file name: anything but letters, digits, '-', '_' and '.' becomes '_'.</summary>
    public static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
