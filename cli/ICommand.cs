namespace VrrpLab.Cli;

/// <summary>One verb of <c>vrrplab</c>.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. <c>run</c>.</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>Full <c>--help</c> text.</summary>
    string Help { get; }

    /// <summary>Runs the verb with the arguments after it; returns the exit code.</summary>
    /// <exception cref="UsageException">Bad options: printed with the verb's name, exit 2.</exception>
    int Run(string[] args, TextWriter stdout, TextWriter stderr);
}
