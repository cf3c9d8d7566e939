using VrrpLab.Cli.Commands;

namespace VrrpLab.Cli;

/// <summary>
/// The <c>vrrplab</c> entry point: dispatches a verb. Exit codes (spec/cli.md): 0 all good,
/// 1 a check or expectation failed, 2 bad input or usage. Bad input never shows a stack trace.
/// </summary>
public static class CommandLine
{
    /// <summary>Every verb, in the order <c>--help</c> lists them.</summary>
    public static readonly IReadOnlyList<ICommand> Commands =
    [
        new RunCommand(),
        new CheckCommand(),
        new ExploreCommand(),
        new LabCommand(),
        new DaemonCommand(),
        new FloodCommand(),
        new DecodeCommand(),
        new GraphCommand(),
    ];

    /// <summary>Runs <c>vrrplab ARGS</c> and returns the exit code.</summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintUsage(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] == "--version")
        {
            stdout.WriteLine("vrrplab " + typeof(CommandLine).Assembly.GetName().Version);
            return ExitCodes.Ok;
        }

        ICommand? command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"vrrplab: unknown verb '{args[0]}'");
            PrintUsage(stderr);
            return ExitCodes.Usage;
        }

        string[] rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine(command.Help);
            return ExitCodes.Ok;
        }

        try
        {
            return command.Run(rest, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"vrrplab {command.Name}: {e.Message}");
            stderr.WriteLine($"Try 'vrrplab {command.Name} --help'.");
            return ExitCodes.Usage;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: vrrplab VERB [options]   (vrrplab VERB --help for details)");
        w.WriteLine();
        foreach (ICommand c in Commands)
        {
            w.WriteLine($"  {c.Name,-8} {c.Summary}");
        }
    }
}
