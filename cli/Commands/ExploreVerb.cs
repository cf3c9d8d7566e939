using System.CommandLine;
using VrrpLab.Cli.Explore;
using VrrpLab.Explore.Running;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>explore</c> and <c>explore merge</c>: both end with an exploration's result, written and reported
/// the same way (<c>--out</c>, <c>--format</c>, <c>--junit</c>, <c>--report</c>).
/// </summary>
/// <param name="name">The verb.</param>
/// <param name="summary">One line for the verb list.</param>
/// <param name="usage">The usage lines of its <c>--help</c>.</param>
/// <param name="about">What it does.</param>
/// <param name="epilogue">Text after the option list.</param>
public abstract class ExploreVerb(string name, string summary, string usage, string about, string epilogue)
    : Verb(name, summary, usage, about, epilogue)
{
    private Option<string> _out = null!;

    /// <summary>Declares <c>--out</c>, <c>--format</c>, <c>--junit</c> and <c>--report</c>, with the verb's own help for three of them.</summary>
    protected void DefineOutputs(string outHelp, string formatHelp, string reportHelp)
    {
        _out = Value("--out", "DIR", outHelp);
        Format(formatHelp);
        JUnit("JUnit XML, one test case per property");
        Report("FILE", reportHelp);
    }

    /// <summary>The folder <c>--out</c> names, or <paramref name="fallback"/>'s.</summary>
    protected string OutDir(Invocation parsed, Func<string> fallback) => parsed.Value(_out) ?? fallback();

    /// <summary>Writes and reports <paramref name="result"/> as the options ask; returns the exit code (see <see cref="ExploreOutput.Finish"/>).</summary>
    protected int Finish(Invocation parsed, ExploreResult result, string outDir, bool whole, bool merged) =>
        ExploreOutput.Finish(result, outDir, whole, merged, parsed, Json(parsed), JUnitPath(parsed), ReportPath(parsed));
}
