namespace VrrpLab.Config.Reading;

/// <summary>
/// This machine as <c>keepalived -t</c> run here sees it: the given interfaces (those of the network
/// namespace keepalived runs in), the users and groups of /etc/passwd and /etc/group, and the script
/// files of this file system (a bare command is looked up in PATH).
/// </summary>
/// <param name="interfaces">The interface names that exist.</param>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalHost(IEnumerable<string> interfaces) : IHostEnvironment
{
    private readonly HashSet<string> _interfaces = new(interfaces, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool InterfaceExists(string name) => _interfaces.Contains(name);

    /// <inheritdoc/>
    public bool UserExists(string name) => Names("/etc/passwd").Contains(name);

    /// <inheritdoc/>
    public bool GroupExists(string name) => Names("/etc/group").Contains(name);

    /// <inheritdoc/>
    public ScriptAccess Script(string command)
    {
        if (command.StartsWith('<') && command.TrimStart('<', ' ', '\t').StartsWith('/'))
        {
            return ScriptAccess.FileTest;
        }

        string? path = command.Contains('/', StringComparison.Ordinal) ? command : FindInPath(command);
        if (path is null || !File.Exists(path))
        {
            return ScriptAccess.NotFound;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
            ? ScriptAccess.Executable
            : ScriptAccess.NotExecutable;
    }

    private static string? FindInPath(string command)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static HashSet<string> Names(string file)
    {
        try
        {
            return [.. File.ReadAllLines(file).Select(l => l.Split(':')[0]).Where(n => n.Length > 0)];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
