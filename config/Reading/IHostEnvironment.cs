namespace VrrpLab.Config.Reading;

/// <summary>
/// What keepalived checks on the host it starts on: whether the interfaces the file names exist,
/// whether the script users exist, whether the scripts can be found and executed. The reader asks
/// it where keepalived does, so its verdict follows the host: <see cref="AssumedHost"/> (the default)
/// is the server the file was written for, where everything it names exists;
/// <see cref="LocalHost"/> is this machine, as <c>keepalived -t</c> run here sees it.
/// </summary>
public interface IHostEnvironment
{
    /// <summary>Whether a network interface of this name exists.</summary>
    bool InterfaceExists(string name);

    /// <summary>Whether a user of this name exists.</summary>
    bool UserExists(string name);

    /// <summary>Whether a group of this name exists.</summary>
    bool GroupExists(string name);

    /// <summary>What keepalived's <c>check_script_secure</c> finds for a script's command (its first word).</summary>
    ScriptAccess Script(string command);
}

/// <summary>The outcome of keepalived's script check.</summary>
public enum ScriptAccess
{
    /// <summary>Found and executable: it will run.</summary>
    Executable,

    /// <summary>Found but not executable: keepalived does not run it.</summary>
    NotExecutable,

    /// <summary>Not found (or not accessible): keepalived disables it.</summary>
    NotFound,

    /// <summary>A <c>&lt;/path</c> file test, not a program.</summary>
    FileTest,
}

/// <summary>The server the configuration was written for: every interface, user and script it names exists.</summary>
public sealed class AssumedHost : IHostEnvironment
{
    /// <summary>The shared instance.</summary>
    public static readonly AssumedHost Instance = new();

    /// <inheritdoc/>
    public bool InterfaceExists(string name) => true;

    /// <inheritdoc/>
    public bool UserExists(string name) => true;

    /// <inheritdoc/>
    public bool GroupExists(string name) => true;

    /// <inheritdoc/>
    public ScriptAccess Script(string command) =>
        command.StartsWith('<') && command.TrimStart('<', ' ', '\t').StartsWith('/') ? ScriptAccess.FileTest : ScriptAccess.Executable;
}
