using System.CommandLine;
using VrrpLab.Explore.Reporting;
using VrrpLab.Explore.Running;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab explore merge DIR|FILE...</c>: combines the shards of an exploration
/// (<c>--shard I/N</c>) into the result of the unsharded run (docs/explore.md).
/// </summary>
public sealed class ExploreMergeCommand() : ExploreVerb(
    "merge",
    "combine the shards of an exploration into the unsharded result",
    usage: "usage: " + UsageLine,
    about: """
        Reads the explore-shard-I-of-N.json files that 'vrrplab explore --shard I/N' wrote (a folder
        means every such file below it) and reports exactly what the unsharded run reports: each
        property, its shrunk counterexample written to DIR/PROPERTY.yaml.
        """,
    epilogue: "Exit codes: 0 every property held, 1 a property failed, 2 bad input or usage, 130 a shard was interrupted.")
{
    /// <summary>The usage line, also shown by <c>vrrplab explore --help</c>.</summary>
    internal const string UsageLine = "vrrplab explore merge DIR|FILE... [--out DIR] [--format text|json] [--junit FILE] [--report FILE.html]";

    private Argument<string[]> _inputs = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _inputs = Positionals("DIR");
        DefineOutputs(
            "where the merged result and counterexamples go (default: the first folder given)",
            "text (default) or json",
            "one self-contained HTML file: each property and its counterexample's timeline");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stderr = parsed.Stderr;
        List<string> inputs = parsed.Positionals(_inputs, "merge needs the shards' result folders or files");

        var files = new List<string>();
        foreach (string p in inputs)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.GetFiles(p, "explore-shard-*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                stderr.WriteLine($"{p}:1:1: error: no such file or folder");
                return ExitCodes.Usage;
            }
        }

        if (files.Count == 0)
        {
            stderr.WriteLine($"vrrplab explore merge: no explore-shard-*.json in {string.Join(", ", inputs)}");
            return ExitCodes.Usage;
        }

        var shards = new List<ExploreResult>();
        foreach (string f in files)
        {
            ExploreResult? r = ResultJson.Read(File.ReadAllText(f), out string? error);
            if (r is null)
            {
                stderr.WriteLine($"{f}:1:1: error: {error}");
                return ExitCodes.Usage;
            }

            shards.Add(r);
        }

        ExploreResult merged;
        try
        {
            merged = ExploreResult.Merge(shards);
        }
        catch (MergeException e)
        {
            stderr.WriteLine("vrrplab explore merge: " + e.Message);
            return ExitCodes.Usage;
        }

        string outDir = OutDir(parsed, () => Directory.Exists(inputs[0]) ? inputs[0] : Path.GetDirectoryName(inputs[0]) ?? ".");
        return Finish(parsed, merged, outDir, whole: true, merged: true);
    }
}
