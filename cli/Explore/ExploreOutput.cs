using VrrpLab.Explore.Reporting;
using VrrpLab.Explore.Running;

namespace VrrpLab.Cli.Explore;

/// <summary>Writes an exploration's files: its JSON result and, for a whole exploration, one scenario file per counterexample.</summary>
internal static class ExploreOutput
{
    /// <summary>The result file's name: <c>explore-result.json</c>, or <c>explore-shard-I-of-N.json</c> for a shard.</summary>
    public static string ResultFileName(ShardSpec shard) =>
        shard.Count == 1 ? "explore-result.json" : $"explore-shard-{shard.Index}-of-{shard.Count}.json";

    /// <summary>
    /// Finishes a run of <c>explore</c> or <c>explore merge</c>: writes the result to <paramref name="outDir"/>
    /// (with the counterexamples when it is <paramref name="whole"/>, not one shard), reports it on
    /// the invocation's standard output (<paramref name="json"/> or text), writes the JUnit and HTML files asked for,
    /// and returns the exit code (130 interrupted, 0 every property held, 1 otherwise).
    /// </summary>
    public static int Finish(ExploreResult r, string outDir, bool whole, bool merged, Invocation parsed, bool json, string? junit, string? html)
    {
        Write(r, outDir, counterexamples: whole);
        Report(r, json, whole ? outDir : null, junit, merged, parsed.Stdout);
        if (html is not null)
        {
            ReportOption.Write(ExploreHtmlReport.Build(r, outDir, ReportOption.CommandLine("explore", parsed.Arguments)), html);
        }

        return r.Interrupted ? 130 : r.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Write(ExploreResult r, string dir, bool counterexamples) =>
        OptionFile.WriteInto("--out", dir, () =>
        {
            File.WriteAllText(Path.Combine(dir, ResultFileName(r.Shard)), ResultJson.Write(r), OptionFile.Utf8);
            if (counterexamples)
            {
                foreach (PropertyOutcome o in r.Outcomes)
                {
                    if (o.Counterexample is { } c)
                    {
                        File.WriteAllText(Path.Combine(dir, c.FileName), c.Yaml, OptionFile.Utf8);
                    }
                }
            }
        });

    private static void Report(ExploreResult r, bool json, string? outDir, string? junit, bool merged, TextWriter stdout)
    {
        if (json)
        {
            stdout.Write(ResultJson.Write(r));
        }
        else
        {
            ResultText.Write(r, stdout, outDir);
            stdout.WriteLine(ResultText.Timing(r, merged));
        }

        if (junit is not null)
        {
            OptionFile.Write("--junit", junit, () => ResultJUnit.Save(r, outDir, junit));
        }
    }
}
