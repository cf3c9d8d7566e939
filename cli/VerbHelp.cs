using System.CommandLine;
using System.Text;

namespace VrrpLab.Cli;

/// <summary>
/// Renders a verb's <c>--help</c>: its usage and description as written, then one row per option and
/// argument from their System.CommandLine definitions (name, value name, description), aligned.
/// </summary>
internal static class VerbHelp
{
    /// <summary>The whole help text; <paramref name="rows"/> holds options, arguments and heading strings.</summary>
    public static string Render(string usage, string about, IReadOnlyList<object> rows, string epilogue)
    {
        var labelled = rows.Select(r => (Row: r, Label: Label(r))).ToList();
        int column = labelled.Where(r => r.Label is not null).Select(r => r.Label!.Length).DefaultIfEmpty(0).Max() + 2;
        var text = new StringBuilder();
        text.Append(usage.TrimEnd()).Append("\n\n").Append(about.TrimEnd()).Append('\n');
        if (rows.Count > 0)
        {
            text.Append('\n');
        }

        foreach ((object row, string? label) in labelled)
        {
            if (label is null)
            {
                text.Append('\n').Append(row).Append('\n');
                continue;
            }

            string[] lines = (((Symbol)row).Description ?? "").Split('\n');
            text.Append(label.PadRight(column)).Append(lines[0]).Append('\n');
            foreach (string line in lines.Skip(1))
            {
                text.Append(new string(' ', column)).Append(line).Append('\n');
            }
        }

        if (epilogue.Length > 0)
        {
            text.Append('\n').Append(epilogue.TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The root's <c>--help</c>: every verb with its summary.</summary>
    public static string Root(IEnumerable<Verb> verbs)
    {
        var text = new StringBuilder("usage: vrrplab VERB [options]   (vrrplab VERB --help for details)\n\n");
        foreach (Verb v in verbs)
        {
            text.Append("  ").Append(v.Name.PadRight(10)).Append(' ').Append(v.Summary).Append('\n');
        }

        text.Append("\nArguments can also come from a file: vrrplab run @args.txt (one or more per line).");
        return text.ToString();
    }

    private static string? Label(object row) => row switch
    {
        Option o => "  " + o.Name + (o.HelpName is { } h ? " " + h : ""),
        Argument a => "  " + (a.HelpName ?? a.Name),
        _ => null,
    };
}
