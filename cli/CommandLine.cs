using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using VrrpLab.Cli.Commands;

namespace VrrpLab.Cli;

/// <summary>
/// The <c>vrrplab</c> entry point: System.CommandLine parses the verbs (<see cref="Verb"/>), their
/// options, response files (<c>@FILE</c>) and the shells' completion requests (<c>[suggest:N]</c>).
/// Exit codes (spec/cli.md): 0 all good, 1 a check or expectation failed, 2 bad input or usage, with
/// one line naming the option and a hint to <c>--help</c>. Bad input never shows a stack trace.
/// </summary>
public static class CommandLine
{
    /// <summary>Every verb, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<Verb> Verbs() =>
    [
        new RunCommand(),
        new CheckCommand(),
        new ExploreCommand(),
        new LabCommand(),
        new DaemonCommand(),
        new FloodCommand(),
        new DecodeCommand(),
        new GraphCommand(),
        new CompletionCommand(),
    ];

    /// <summary>Runs <c>vrrplab ARGS</c> and returns the exit code.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr) => Execute(Verbs(), args, stdout, stderr);

    /// <summary>Runs one verb with the arguments after it (a command line with only that verb).</summary>
    internal static int Execute(Verb verb, string[] args, TextWriter stdout, TextWriter stderr) => Execute([verb], [verb.Name, .. args], stdout, stderr);

    /// <summary>The action of every verb: checks what the parser cannot, runs the verb, turns usage errors into exit 2.</summary>
    internal static int Dispatch(Verb verb, ParseResult result)
    {
        TextWriter stdout = result.InvocationConfiguration.Output;
        TextWriter stderr = result.InvocationConfiguration.Error;
        int first = -1;
        for (int i = 0; i < result.Tokens.Count && first < 0; i++)
        {
            first = result.Tokens[i].Type == TokenType.Command ? i : -1;
        }

        string[] arguments = [.. result.Tokens.Skip(first + 1).Select(t => t.Value)];
        try
        {
            RejectUnknownOptions(result);
            return verb.Execute(new Invocation(result, stdout, stderr, arguments));
        }
        catch (UsageException e)
        {
            return Usage(result.CommandResult.Command, e.Message, stderr);
        }
    }

    private static int Execute(IReadOnlyList<Verb> verbs, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("VRRP and keepalived simulator, checker, daemon and namespace lab");
        var help = new Dictionary<Command, string>();
        foreach (Verb v in verbs)
        {
            root.Subcommands.Add(v.Command);
            foreach (Verb each in v.SelfAndSubVerbs)
            {
                help[each.Command] = each.Help;
            }
        }

        string usage = VerbHelp.Root(verbs);
        root.Subcommands.Add(HelpVerb(usage, help));
        foreach (Option option in root.Options)
        {
            option.Action = option switch
            {
                System.CommandLine.Help.HelpOption => new TextAction(r =>
                {
                    r.InvocationConfiguration.Output.WriteLine(help.TryGetValue(r.CommandResult.Command, out string? text) ? text : usage);
                    return ExitCodes.Ok;
                }),
                VersionOption => new TextAction(r =>
                {
                    r.InvocationConfiguration.Output.WriteLine("vrrplab " + typeof(CommandLine).Assembly.GetName().Version);
                    return ExitCodes.Ok;
                }),
                _ => option.Action,
            };
        }

        root.SetAction(r =>
        {
            r.InvocationConfiguration.Error.WriteLine(usage);
            return ExitCodes.Usage;
        });

        ParseResult result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            Command command = result.CommandResult.Command;
            if (command == root)
            {
                stderr.WriteLine(result.UnmatchedTokens.Count > 0 ? $"vrrplab: unknown verb '{result.UnmatchedTokens[0]}'" : "vrrplab: " + result.Errors[0].Message);
                stderr.WriteLine(usage);
                return ExitCodes.Usage;
            }

            return Usage(command, Describe(result), stderr);
        }

        return result.Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            // The daemon, lab and explore handle their own signals.
            ProcessTerminationTimeout = null,
        });
    }

    /// <summary>The first parse error in our words: the option or argument it is about, one line.</summary>
    private static string Describe(ParseResult result)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            string t = result.UnmatchedTokens[0];
            return t.StartsWith('-') ? $"unknown option '{t}'" : $"unexpected argument '{t}'";
        }

        ParseError error = result.Errors[0];
        return error.SymbolResult is OptionResult { Tokens.Count: 0 } option
            ? $"option {option.Option.Name} needs a value"
            : error.Message.Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>A token that looks like an option but is none was taken as a positional argument: refuse it (unless it follows <c>--</c>).</summary>
    private static void RejectUnknownOptions(ParseResult result)
    {
        int doubleDash = result.Tokens.Count;
        for (int i = 0; i < result.Tokens.Count; i++)
        {
            if (result.Tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        foreach (Argument argument in result.CommandResult.Command.Arguments)
        {
            foreach (Token token in result.GetResult(argument)?.Tokens ?? [])
            {
                int at = IndexOf(result.Tokens, token);
                if (token.Value.Length > 1 && token.Value[0] == '-' && at >= 0 && at < doubleDash)
                {
                    throw new UsageException($"unknown option '{token.Value}'");
                }
            }
        }
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Usage(Command command, string message, TextWriter stderr)
    {
        string path = string.Join(' ', Path(command));
        stderr.WriteLine($"{path}: {message}");
        stderr.WriteLine($"Try '{path} --help'.");
        return ExitCodes.Usage;
    }

    private static IEnumerable<string> Path(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return ["vrrplab", .. names];
    }

    /// <summary><c>vrrplab help [VERB]</c>: the verb list, or a verb's help.</summary>
    private static Command HelpVerb(string usage, Dictionary<Command, string> help)
    {
        var verb = new Argument<string[]>("VERB") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "show the verbs, or a verb's help") { Hidden = true };
        command.Arguments.Add(verb);
        command.SetAction(r =>
        {
            string[] names = r.GetValue(verb) ?? [];
            string? text = help.Where(h => names.Length > 0 && h.Key.Name == names[0] && h.Key.Parents.OfType<RootCommand>().Any()).Select(h => h.Value).FirstOrDefault();
            r.InvocationConfiguration.Output.WriteLine(text ?? usage);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A help or version action: it ends the command line (parse errors beside it do not count).</summary>
    private sealed class TextAction(Func<ParseResult, int> body) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => body(parseResult);
    }
}
