// Over 400 lines: follows keepalived 2.2.7's global and script handlers in its order; the instance handlers and completion are in their own parts.
using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// Turns the statements <see cref="BlockBuilder"/> grouped into a <see cref="RouterConfig"/> the way
/// keepalived 2.2.7's handlers (vrrp_parser.c, global_parser.c, vrrp_data.c, vrrp_track.c) and its
/// completion (<c>vrrp_complete_init</c>, vrrp.c) do, in their order, with keepalived's own messages.
/// A keepalived "missing a parameter" line ends the reading there, as it ends keepalived.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    /// <summary>Completion messages come after every parse message, in the order they are raised.</summary>
    private const long CompletionOrder = long.MaxValue / 2;

    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly ConfigReadOptions _options;
    private readonly IHostEnvironment _host;
    private readonly List<InstanceDraft> _instances = [];
    private readonly List<ScriptDraft> _scripts = [];
    private readonly List<SyncGroupDraft> _syncGroups = [];
    private readonly HashSet<string> _noticedKeywords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forwardScripts = new(StringComparer.Ordinal);

    private string? _routerId;
    private VrrpVersion _globalVersion = VrrpVersion.V2;
    private Duration _startupDelay = Duration.Zero;
    private string? _scriptUser;
    private bool _scriptSecurity;
    private bool _defaultUserChecked;
    private bool _defaultUserFailed;
    private readonly GarpDraft _globalGarp = new();
    private bool _globalLowerPrioNoAdvert;
    private int _globalDownTimerAdverts = 3;
    private bool _nonExistentInterface;
    private ConfigToken _firstNonExistent;
    private long _order;
    private bool _completing;
    private long _completionCount;

    public ConfigInterpreter(List<ConfigDiagnostic> diagnostics, ConfigReadOptions options)
    {
        _diagnostics = diagnostics;
        _options = options;
        _host = options.Host ?? AssumedHost.Instance;
    }

    /// <summary>Signals keepalived's exit on a "missing a parameter" line (the message is already reported).</summary>
    private sealed class FatalConfigException : Exception
    {
    }

    public (RouterConfig? Config, ConfigSourceMap Source) Interpret(ImmutableArray<ConfigStatement> statements, string file)
    {
        foreach (ConfigStatement s in statements.Where(s => s.Name == "vrrp_script" && !s.Arguments.IsEmpty))
        {
            _forwardScripts.Add(s.Arguments[0].Text);
        }

        try
        {
            foreach (ConfigStatement s in statements)
            {
                TopLevel(s);
            }

            if (_nonExistentInterface)
            {
                // vrrp_daemon.c start_vrrp: the VRRP process stops before completing the configuration.
                _completing = true;
                Report(DiagnosticSeverity.Error, _firstNonExistent, "Non-existent interface specified in configuration");
                return (null, new ConfigSourceMap(file, [], []));
            }

            _completing = true;
            return Complete(file);
        }
        catch (FatalConfigException)
        {
            return (null, new ConfigSourceMap(file, [], []));
        }
    }

    private void TopLevel(ConfigStatement s)
    {
        At(s.Keyword);
        switch (s.Name)
        {
            case "global_defs":
                EachEntry(s, c => GlobalDefs(c));
                break;
            case "vrrp_script":
                Script(s);
                break;
            case "vrrp_instance":
                Instance(s);
                break;
            case "vrrp_sync_group":
                SyncGroup(s);
                break;
            case "track_file":
            case "vrrp_track_file":
                TrackFileBlock(s);
                break;
            case "vrrp_track_process":
                TrackProcessBlock(s);
                break;
            case "virtual_server":
            case "virtual_server_group":
            case "SSL":
                NotModelled(s, $"'{s.Name}' (LVS) is not checked by VrrpLab - skipped with its block");
                break;
            default:
                NotModelled(s, $"'{s.Name}' is outside the VRRP subset VrrpLab models - skipped{(s.HasBlock ? " with its block" : "")}");
                break;
        }
    }

    /// <summary>A valid keepalived keyword VrrpLab does not model: one notice per keyword.</summary>
    private void NotModelled(ConfigStatement s, string message)
    {
        if (_noticedKeywords.Add(s.Name))
        {
            Report(DiagnosticSeverity.Notice, s.Keyword, message, notModelled: true);
        }
    }

    /// <summary>The n-th word after the keyword; keepalived exits when a handler needs one that is missing.</summary>
    private string Arg(ConfigStatement s, int index)
    {
        if (index < s.Arguments.Length)
        {
            return s.Arguments[index].Text;
        }

        // lib/parser.c null_strvec: "*** Configuration line starting ..." and exit(KEEPALIVED_EXIT_CONFIG).
        string after = index == 0 ? s.Name : s.Arguments[index - 1].Text;
        Report(DiagnosticSeverity.Error, s.Keyword,
            $"*** Configuration line starting `{s.Name}` is missing a parameter after keyword `{after}` at word position {(index + 2).ToString(CultureInfo.InvariantCulture)}");
        throw new FatalConfigException();
    }

    private void GlobalDefs(ConfigStatement s)
    {
        switch (s.Name)
        {
            case "router_id":
                if (s.Arguments.IsEmpty)
                {
                    Warn(s.Keyword, "routerid name missing - ignoring");
                }
                else
                {
                    _routerId = s.Arg(0);
                }

                break;
            case "vrrp_version":
                if (ReadInt(s, 0, 2, 3, ignoreError: true) is { } v)
                {
                    _globalVersion = v == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
                }
                else
                {
                    Warn(s.Keyword, "VRRP Error: Version must be either 2 or 3");
                }

                break;
            case "vrrp_startup_delay":
                if (ValueOrWarn(s, ReadDecimal(s, 0, 1_000, uint.MaxValue, 6, ignoreError: true), $"vrrp_startup_delay '{s.Arg(0)}' is invalid") is { } us)
                {
                    _startupDelay = Duration.FromMicroseconds(us);
                }

                if (_startupDelay >= Duration.FromSeconds(60))
                {
                    Report(DiagnosticSeverity.Notice, s.Keyword, $"The vrrp_startup_delay is very large - {s.Arg(0)} seconds");
                }

                break;
            case "script_user":
                if (s.Arguments.IsEmpty)
                {
                    Warn(s.Keyword, "No script username specified");
                    break;
                }

                // set_default_script_user: tried once; a missing user or group is an error.
                _defaultUserChecked = true;
                _scriptUser = s.Arg(0);
                if (!_host.UserExists(s.Arg(0)!) || (s.Arguments.Length > 1 && !_host.GroupExists(s.Arg(1)!)))
                {
                    _defaultUserFailed = true;
                    Report(DiagnosticSeverity.Notice, s.Keyword, s.Arguments.Length > 1 && _host.UserExists(s.Arg(0)!)
                        ? $"Script group '{s.Arg(1)}' does not exist"
                        : $"Script user '{s.Arg(0)}' does not exist");
                    Warn(s.Keyword, "Error setting global script uid/gid");
                }

                break;
            case "enable_script_security":
                _scriptSecurity = true;
                break;
            case var garp when garp.StartsWith("vrrp_", StringComparison.Ordinal) && IsGarpKeyword(garp["vrrp_".Length..]):
                Garp(_globalGarp, s, "", s.Keyword);
                break;
            case "vrrp_lower_prio_no_advert":
                if (s.Arguments.IsEmpty)
                {
                    _globalLowerPrioNoAdvert = true;
                }
                else if (TrueFalse(s.Arg(0)!) is { } lpna)
                {
                    _globalLowerPrioNoAdvert = lpna;
                }
                else
                {
                    Warn(s.Keyword, "Invalid value for vrrp_lower_prio_no_advert specified");
                }

                break;
            case "vrrp_down_timer_adverts":
                if (ValueOrWarn(s, ReadUnsigned(s, 0, 1, 100, ignoreError: true), $"Invalid vrrp_down_timer_adverts [1:100] '{s.Arg(0)}'") is { } dta)
                {
                    _globalDownTimerAdverts = (int)dta;
                }

                break;
            case "notification_email":
                if (s.Block.IsDefaultOrEmpty)
                {
                    Warn(s.Keyword, "Warning - empty notification_email block");
                }

                break;
            case "default_interface":
                if (s.Arguments.IsEmpty)
                {
                    Warn(s.Keyword, "default_interface requires interface name");
                }

                break;
            default:
                NotModelled(s, $"'{s.Name}' is a global_defs keyword VrrpLab does not model - skipped");
                break;
        }
    }

    /// <summary>The repeat-count handlers: 0 is accepted with a message and means 1.</summary>
    private int? Repeats(ConfigStatement s, string invalid, string zero) =>
        AtLeastOne(s, uint.MaxValue, s.Keyword, () => string.Format(CultureInfo.InvariantCulture, invalid, s.Arg(0)), zero) is { } n
            ? (int)Math.Min(n, int.MaxValue)
            : null;

    /// <summary>
    /// An unsigned count or time up to <paramref name="max"/> where 0 is accepted with a message
    /// (<paramref name="zero"/>, at <paramref name="at"/>) and means 1; null, with the
    /// <paramref name="invalid"/> message, when refused.
    /// </summary>
    private long? AtLeastOne(ConfigStatement s, long max, ConfigToken at, Func<string> invalid, string zero)
    {
        if (ReadUnsigned(s, 0, 0, max, ignoreError: true) is not { } n)
        {
            Warn(at, invalid());
            return null;
        }

        if (n == 0)
        {
            Warn(at, zero);
            n = 1;
        }

        return n;
    }

    /// <summary>keepalived's <c>check_true_false</c>.</summary>
    private static bool? TrueFalse(string a) => a switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => null,
    };

    private void SyncGroup(ConfigStatement s)
    {
        var g = new SyncGroupDraft(s.Arg(0)!, s);
        _syncGroups.Add(g);
        foreach (ConfigStatement c in s.Block)
        {
            At(c.Keyword);
            switch (c.Name)
            {
                case "group":
                    foreach (ConfigStatement m in c.Block)
                    {
                        g.Members.Add(m.Name);
                        g.Members.AddRange(m.Arguments.Select(a => a.Text));
                    }

                    if (g.Members.Count == 0)
                    {
                        Warn(c.Keyword, $"Warning - sync group {g.Name} has empty group block");
                    }

                    g.HasGroup = true;
                    break;
                case var notify when NotifyExtensions.IsNotifyKeyword(notify):
                    g.Notify = WithNotify(g.Notify, c, c.Keyword, () => $"vrrp group {g.Name}: {(c.Name == "notify" ? "notify" : c.Name)} script already specified - ignoring {Arg(c, 0)}");
                    break;
                case "sync_group_tracking_weight":
                    g.TrackingWeight = true;
                    break;
                case "track_file" or "track_process":
                    TrackBlock(c, g.TrackFiles, g.TrackProcesses, g.Name);
                    break;
                default:
                    NotModelled(c, $"'{c.Name}' is a vrrp_sync_group keyword VrrpLab does not model - skipped");
                    break;
            }
        }
    }

    /// <summary>
    /// A <c>notify*</c> line of an instance or a sync group: <paramref name="scripts"/> with its command
    /// set, or unchanged when keepalived drops the line (see <see cref="NotifyCommand"/>) or the keyword
    /// already has a script (keepalived keeps the first and warns <paramref name="duplicate"/> at <paramref name="at"/>).
    /// </summary>
    private NotifyScripts WithNotify(NotifyScripts scripts, ConfigStatement s, ConfigToken at, Func<string> duplicate)
    {
        if (scripts.Has(s.Name))
        {
            Warn(at, duplicate());
            return scripts;
        }

        return NotifyCommand(s) is { } command ? scripts.With(s.Name, command) : scripts;
    }

    /// <summary>
    /// keepalived's <c>notify_script_init</c>: the command is the first word (quote it to pass
    /// arguments); a second and third word are the user and group it runs as. Null when keepalived
    /// drops it (user or group missing, default user unusable); a missing command ends keepalived.
    /// </summary>
    private string? NotifyCommand(ConfigStatement s)
    {
        string command = Arg(s, 0);
        string program = command.Split(' ', '\t')[0];
        if (s.Arguments.Length > 1)
        {
            Advise(s.Arguments[1], $"{s.Name}: keepalived takes '{string.Join(' ', s.Arguments.Skip(1).Take(2).Select(a => a.Text))}' as the user{(s.Arguments.Length > 2 ? " and group" : "")} to run '{command}' as, not as its arguments; write {s.Name} \"{string.Join(' ', s.Arguments.Select(a => a.Text))}\" to pass them");
            if (!UserGroupExist(s, s.Arguments[1].Text, s.Arguments.Length > 2 ? s.Arguments[2].Text : null))
            {
                Report(DiagnosticSeverity.Notice, s.Keyword, $"Invalid user/group for notify script {program} - ignoring");
                return null;
            }
        }
        else if (DefaultScriptUserFails(s.Keyword))
        {
            Report(DiagnosticSeverity.Notice, s.Keyword, $"Failed to set default user for notify script {program} - ignoring");
            return null;
        }

        return command.Trim().Length == 0 ? null : command;
    }

    // ---------------------------------------------------------------- numbers

    private long? ReadUnsigned(ConfigStatement s, int index, long min, long max, bool ignoreError) =>
        Number(s, NumberReader.Unsigned(Arg(s, index), min, max, ignoreError), ignoreError);

    private long? ReadInt(ConfigStatement s, int index, long min, long max, bool ignoreError) =>
        Number(s, NumberReader.Int(Arg(s, index), min, max, ignoreError), ignoreError);

    private long? ReadDecimal(ConfigStatement s, int index, long min, long max, int shift, bool ignoreError) =>
        Number(s, NumberReader.Decimal(Arg(s, index), min, max, shift, ignoreError), ignoreError);

    /// <summary>
    /// The reader's own message first (keepalived prints it before the handler's); the value as
    /// <c>keepalived -t</c> takes it, except that a value keepalived uses at run time despite the
    /// message is kept (with a notice saying so), since that is what the running daemon does.
    /// </summary>
    private long? Number(ConfigStatement s, NumberReader.Result r, bool ignoreError)
    {
        if (r.Message is not null)
        {
            Warn(ValueAt(s), r.Message);
        }

        if (r.Accepted)
        {
            return r.Value;
        }

        if (ignoreError && r.RunTimeAccepted)
        {
            Report(DiagnosticSeverity.Notice, s.Keyword,
                $"at run time keepalived logs 'WARNING - {r.Message}' and uses {r.Value.ToString(CultureInfo.InvariantCulture)} (only keepalived -t refuses it); VrrpLab uses {r.Value.ToString(CultureInfo.InvariantCulture)}");
            return r.Value;
        }

        return null;
    }

    /// <summary>A handler's value (<paramref name="value"/>), or null with its <paramref name="refused"/> message at the value when it was refused.</summary>
    private long? ValueOrWarn(ConfigStatement s, long? value, string refused)
    {
        if (value is null)
        {
            Warn(ValueAt(s), refused);
        }

        return value;
    }

    // ---------------------------------------------------------------- reporting

    /// <summary>Where a value problem is shown: the value, else the keyword.</summary>
    private static ConfigToken ValueAt(ConfigStatement s) => s.Arguments.IsEmpty ? s.Keyword : s.Arguments[0];

    /// <summary>The reading position parse messages are ordered by.</summary>
    private void At(ConfigToken t) => _order = t.PhysicalLine;

    /// <summary>Reads each line of <paramref name="block"/>'s block with <paramref name="entry"/>, in order.</summary>
    private void EachEntry(ConfigStatement block, Action<ConfigStatement> entry)
    {
        foreach (ConfigStatement e in block.Block)
        {
            At(e.Keyword);
            entry(e);
        }
    }

    /// <summary>
    /// A defining block (<c>vrrp_script</c>, <c>track_file</c>, <c>vrrp_track_process</c>): each line in
    /// order, then the reading position moves to the block's end, where keepalived's end handler reports.
    /// </summary>
    private void DefinitionLines(ConfigStatement block, Action<ConfigStatement> line)
    {
        EachEntry(block, line);
        _order = block.EndOrder;
    }

    private void Warn(ConfigToken at, string message) => Report(DiagnosticSeverity.Warning, at, message);

    private void Error(ConfigToken at, string message) => Report(DiagnosticSeverity.Error, at, message);

    private void Report(DiagnosticSeverity severity, ConfigToken at, string message, bool notModelled = false, bool advice = false) =>
        _diagnostics.Add(new ConfigDiagnostic(severity, at.File, at.Line, at.Column, message)
        {
            Order = _completing ? CompletionOrder + _completionCount++ : _order,
            NotModelled = notModelled,
            Advice = advice,
        });

    /// <summary>VrrpLab's warning about something keepalived accepts silently but not as written.</summary>
    private void Advise(ConfigToken at, string message) => Report(DiagnosticSeverity.Notice, at, message, advice: true);
}
