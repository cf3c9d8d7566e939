using System.Text;
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
    /// the invocation's standard output in <paramref name="format"/>, writes the JUnit and HTML files asked for,
    /// and returns the exit code (130 interrupted, 0 every property held, 1 otherwise).
    /// </summary>
    public static int Finish(ExploreResult r, string outDir, bool whole, bool merged, Invocation parsed, string format, string? junit, string? html)
    {
        Write(r, outDir, counterexamples: whole);
        Report(r, format, whole ? outDir : null, junit, merged, parsed.Stdout);
        if (html is not null)
        {
            ReportOption.Write(ExploreHtmlReport.Build(r, outDir, ReportOption.CommandLine("explore", parsed.Arguments)), html);
        }

        return r.Interrupted ? 130 : r.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Write(ExploreResult r, string dir, bool counterexamples)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var utf8 = new UTF8Encoding(false);
            File.WriteAllText(Path.Combine(dir, ResultFileName(r.Shard)), ResultJson.Write(r), utf8);
            if (counterexamples)
            {
                foreach (PropertyOutcome o in r.Outcomes)
                {
                    if (o.Counterexample is { } c)
                    {
                        File.WriteAllText(Path.Combine(dir, c.FileName), c.Yaml, utf8);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"option --out: cannot write to {dir}: {e.Message}");
        }
    }

    private static void Report(ExploreResult r, string format, string? outDir, string? junit, bool merged, TextWriter stdout)
    {
        if (format == "json")
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
            try
            {
                ResultJUnit.Save(r, outDir, junit);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"option --junit: cannot write {junit}: {e.Message}");
            }
        }
    }
}
