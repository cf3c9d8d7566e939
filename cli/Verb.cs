using System.CommandLine;

namespace VrrpLab.Cli;

/// <summary>
/// One verb of <c>vrrplab</c> (or a sub-verb such as <c>explore merge</c>): its options and arguments
/// are System.CommandLine symbols defined once, in <see cref="Define"/>; the parser, the <c>--help</c>
/// listing and the shell completions all read them. Exit codes (spec/cli.md): 0 all good, 1 a check
/// or expectation failed, 2 bad input or usage (a <see cref="UsageException"/> names the option).
/// </summary>
public abstract class Verb
{
    private readonly List<object> _helpRows = [];
    private Command? _command;
    private List<Verb>? _subVerbs;

    /// <summary>The verb, e.g. <c>run</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the verb list.</summary>
    public abstract string Summary { get; }

    /// <summary>The usage lines at the top of <c>--help</c> (<c>usage: vrrplab run PATH... [--seed N]</c>).</summary>
    protected abstract string Usage { get; }

    /// <summary>What the verb does, between the usage and the option list.</summary>
    protected abstract string About { get; }

    /// <summary>Text after the option list (exit codes, lists), or empty.</summary>
    protected virtual string Epilogue => "";

    /// <summary>Sub-verbs (<c>explore merge</c>).</summary>
    protected virtual IEnumerable<Verb> SubVerbs => [];

    /// <summary>Full <c>--help</c> text: usage, description, every option from its definition, epilogue.</summary>
    public string Help
    {
        get
        {
            _ = Command;
            return VerbHelp.Render(Usage, About, _helpRows, Epilogue);
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

    /// <summary><c>--format text|json</c>: text for people (the default) or one JSON document.</summary>
    protected Option<string> Format(string description = "text (default) or json: one JSON document instead of text") =>
        Choice("--format", "F", description, () => "text", "text", "json");

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
