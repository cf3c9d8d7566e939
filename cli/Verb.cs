using System.CommandLine;
using VrrpLab.Report.Model;

namespace VrrpLab.Cli;

/// <summary>
/// One verb of <c>vrrplab</c> (or a sub-verb such as <c>explore merge</c>): its options and arguments
/// are System.CommandLine symbols defined once, in <see cref="Define"/>; the parser, the <c>--help</c>
/// listing and the shell completions all read them. Exit codes (spec/cli.md): 0 all good, 1 a check
/// or expectation failed, 2 bad input or usage (a <see cref="UsageException"/> names the option).
/// What the verb says about itself is handed to this constructor as text, once per verb.
/// </summary>
/// <param name="name">The verb, e.g. <c>run</c>.</param>
/// <param name="summary">One line for the verb list.</param>
/// <param name="usage">The usage lines at the top of <c>--help</c> (<c>usage: vrrplab run PATH... [--seed N]</c>).</param>
/// <param name="about">What the verb does, between the usage and the option list.</param>
/// <param name="epilogue">Text after the option list (exit codes, lists), or empty.</param>
public abstract class Verb(string name, string summary, string usage, string about, string epilogue = "")
{
    private readonly List<object> _helpRows = [];
    private Command? _command;
    private List<Verb>? _subVerbs;
    private Option<string>? _format;
    private Option<string>? _report;
    private Option<string>? _junit;

    /// <summary>The verb, e.g. <c>run</c>.</summary>
    public string Name => name;

    /// <summary>One line for the verb list.</summary>
    public string Summary => summary;

    /// <summary>Sub-verbs (<c>explore merge</c>).</summary>
    protected virtual IEnumerable<Verb> SubVerbs => [];

    /// <summary>Full <c>--help</c> text: usage, description, every option from its definition, epilogue.</summary>
    public string Help
    {
        get
        {
            _ = Command;
            return VerbHelp.Render(usage, about, _helpRows, epilogue);
        }
    }

    /// <summary>This verb and its sub-verbs, each once.</summary>
    internal IEnumerable<Verb> SelfAndSubVerbs => [this, .. (_subVerbs ??= [.. SubVerbs]).SelectMany(v => v.SelfAndSubVerbs)];

    /// <summary>The System.CommandLine command, built once.</summary>
    public Command Command => _command ??= Build();

    /// <summary>Runs <c>vrrplab VERB ARGS</c> (ARGS without the verb) and returns the exit code.</summary>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr) => CommandLine.Execute(this, args, stdout, stderr);

    /// <summary>Declares the verb's options and arguments (in the order <c>--help</c> lists them).</summary>
    protected abstract void Define();

    /// <summary>Runs the verb once the command line parsed; returns the exit code.</summary>
    /// <exception cref="UsageException">A bad value: printed with the verb's name, exit 2.</exception>
    protected internal abstract int Execute(Invocation parsed);

    /// <summary>An option that takes a value (<c>--seed N</c>); the last one given counts.</summary>
    protected Option<string> Value(string name, string helpName, string description) =>
        Add(LastWins(new Option<string>(name) { HelpName = helpName, Description = description }));

    /// <summary>An option that may be given several times (<c>--instance A --instance B</c>).</summary>
    protected Option<string[]> Repeatable(string name, string helpName, string description) =>
        Add(new Option<string[]>(name) { HelpName = helpName, Description = description });

    /// <summary>An option without a value.</summary>
    protected Option<bool> Flag(string name, string description) =>
        Add(new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero });

    /// <summary>An option whose value is one of <paramref name="allowed"/> (completed by the shell; anything else is a usage error naming the option).</summary>
    protected Option<string> Choice(string name, string helpName, string description, Func<string?> defaultValue, params string[] allowed)
    {
        Option<string> option = LastWins(new Option<string>(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => defaultValue()! });
        option.CompletionSources.Add(allowed);
        option.Validators.Add(r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;
            if (v is not null && !allowed.Contains(v, StringComparer.Ordinal))
            {
                r.AddError($"option {name} must be one of {string.Join(", ", allowed)} (got '{v}')");
            }
        });
        return Add(option);
    }

    /// <summary><c>--format text|json</c>: text for people (the default) or one JSON document (see <see cref="Json"/>).</summary>
    protected void Format(string description = "text (default) or json: one JSON document instead of text") =>
        _format = Choice("--format", "F", description, () => "text", "text", "json");

    /// <summary><c>--report FILE</c>: one self-contained HTML file (see <see cref="ReportPath"/> and <see cref="WriteReport"/>).</summary>
    protected void Report(string helpName, string description) =>
        _report = Value(ReportOption.Name, helpName, description);

    /// <summary><c>--junit FILE</c>: JUnit XML (see <see cref="WriteJUnit"/>).</summary>
    protected void JUnit(string description) =>
        _junit = Value("--junit", "FILE", description);

    /// <summary>True when <c>--format json</c> was given.</summary>
    protected bool Json(Invocation parsed) => parsed.Value(Defined(_format)) == "json";

    /// <summary>The file <c>--report</c> names, or null.</summary>
    protected string? ReportPath(Invocation parsed) => parsed.Value(Defined(_report));

    /// <summary>The file <c>--junit</c> names, or null.</summary>
    protected string? JUnitPath(Invocation parsed) => parsed.Value(Defined(_junit));

    /// <summary>
    /// Writes the HTML report when <c>--report</c> is given: <paramref name="build"/> makes it from
    /// the command line as typed (<c>vrrplab VERB ARGS</c>, the report's own option left out).
    /// </summary>
    protected void WriteReport(Invocation parsed, Func<string, ReportDocument> build)
    {
        if (ReportPath(parsed) is { } path)
        {
            ReportOption.Write(build(ReportOption.CommandLine(Name, parsed.Arguments)), path);
        }
    }

    /// <summary>Writes the JUnit XML when <c>--junit</c> is given (<paramref name="write"/> gets the path); a failed write is a usage error naming the option.</summary>
    protected void WriteJUnit(Invocation parsed, Action<string> write)
    {
        if (JUnitPath(parsed) is { } path)
        {
            OptionFile.Write("--junit", path, () => write(path));
        }
    }

    /// <summary>The positional arguments (files, hex words); an empty list when none are given.</summary>
    protected Argument<string[]> Positionals(string helpName, string? description = null)
    {
        var argument = new Argument<string[]>(helpName) { Arity = ArgumentArity.ZeroOrMore, HelpName = helpName, Description = description };
        if (description is not null)
        {
            _helpRows.Add(argument);
        }

        (_command ?? throw new InvalidOperationException("Positionals is called from Define")).Arguments.Add(argument);
        return argument;
    }

    /// <summary>A heading line between groups of options in <c>--help</c>.</summary>
    protected void Heading(string text) => _helpRows.Add(text);

    private static Option<string> Defined(Option<string>? option) =>
        option ?? throw new InvalidOperationException("the verb does not define this option");

    private T Add<T>(T option)
        where T : Option
    {
        // One value per option token: `--impl a b.yaml` is --impl a and the path b.yaml.
        option.AllowMultipleArgumentsPerToken = false;
        _helpRows.Add(option);
        return option;
    }

    /// <summary>A single-valued option given twice keeps the last value (as the scripts that append options expect).</summary>
    private static Option<string> LastWins(Option<string> option)
    {
        option.Arity = new ArgumentArity(1, 100_000);
        option.CustomParser = r => r.Tokens[^1].Value;
        return option;
    }

    private Command Build()
    {
        var command = new Command(Name, Summary);
        _command = command;
        Define();
        foreach (object row in _helpRows)
        {
            if (row is Option o)
            {
                command.Options.Add(o);
            }
        }

        foreach (Verb sub in _subVerbs ??= [.. SubVerbs])
        {
            command.Subcommands.Add(sub.Command);
        }

        command.SetAction(result => CommandLine.Dispatch(this, result));
        return command;
    }
}
