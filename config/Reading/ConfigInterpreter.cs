using System.Collections.Immutable;
using System.Globalization;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// Turns the statement tree into a <see cref="RouterConfig"/> the way keepalived 2.2.7's
/// vrrp_parser.c handlers and <c>vrrp_complete_instance</c> (vrrp.c) do, reporting every
/// problem with keepalived's own wording where it has one.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly List<InstanceDraft> _instances = [];
    private readonly List<ScriptDraft> _scripts = [];
    private readonly List<(SyncGroupConfig Group, ConfigStatement At)> _syncGroups = [];
    private readonly HashSet<string> _noticedKeywords = new(StringComparer.Ordinal);

    private string? _routerId;
    private VrrpVersion _globalVersion = VrrpVersion.V2;
    private Duration _startupDelay = Duration.Zero;
    private string? _scriptUser;
    private bool _enableScriptSecurity;
    private GratuitousArpSettings _globalGarp = GratuitousArpSettings.Default;
    private bool _globalLowerPrioNoAdvert;
    private ConfigStatement? _firstScriptUse;

    public ConfigInterpreter(List<ConfigDiagnostic> diagnostics) => _diagnostics = diagnostics;

    public (RouterConfig Config, ConfigSourceMap Source) Interpret(ImmutableArray<ConfigStatement> statements, string file)
    {
        foreach (ConfigStatement s in statements)
        {
            TopLevel(s);
        }

        return Complete(file);
    }

    private void TopLevel(ConfigStatement s)
    {
        switch (s.Name)
        {
            case "global_defs":
                ForBlock(s, GlobalDefs);
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
            default:
                OtherKeyword(s, KeepalivedKeywords.OtherTopLevel, "outside the VRRP subset VrrpLab reads");
                break;
        }
    }

    /// <summary>
    /// A keyword that is not handled: valid keepalived keywords are skipped (with their block)
    /// with one notice per keyword; anything else is keepalived's "Unknown keyword" warning.
    /// </summary>
    private void OtherKeyword(ConfigStatement s, IReadOnlySet<string> known, string why)
    {
        if (known.Contains(s.Name))
        {
            if (_noticedKeywords.Add(s.Name))
            {
                Notice(s.Keyword, $"'{s.Name}' is {why} - skipped{(s.HasBlock ? " with its block" : "")}");
            }

            return;
        }

        Warn(s.Keyword, $"Unknown keyword '{s.Name}'");
    }

    private void ForBlock(ConfigStatement s, Action<ConfigStatement> handler)
    {
        if (!s.HasBlock)
        {
            Warn(s.Keyword, $"'{s.Name}' needs a '{{ ... }}' block");
            return;
        }

        foreach (ConfigStatement child in s.Block)
        {
            handler(child);
        }
    }

    private void NoBlockExpected(ConfigStatement s)
    {
        if (s.HasBlock)
        {
            // keepalived: "Unexpected '{' - ignoring" (the block's content is not used here).
            Warn(s.OpenBrace, "Unexpected '{' - ignoring");
        }
    }

    private void GlobalDefs(ConfigStatement s)
    {
        switch (s.Name)
        {
            case "router_id":
                NoBlockExpected(s);
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
                NoBlockExpected(s);
                if (s.Arg(0) is "2" or "3")
                {
                    _globalVersion = s.Arg(0) == "3" ? VrrpVersion.V3 : VrrpVersion.V2;
                }
                else
                {
                    Warn(s.Keyword, "VRRP Error: Version must be either 2 or 3");
                }

                break;
            case "vrrp_startup_delay":
                NoBlockExpected(s);
                if (NumberParser.TryDecimalMicroseconds(s.Arg(0), 0, 3600L * 1_000_000, out long us))
                {
                    _startupDelay = Duration.FromMicroseconds(us);
                }
                else
                {
                    Warn(s.Keyword, $"vrrp_startup_delay '{s.Arg(0)}' must be between 0 and 3600 - ignoring");
                }

                break;
            case "script_user":
                NoBlockExpected(s);
                if (s.Arguments.IsEmpty)
                {
                    Warn(s.Keyword, "script_user missing a user name");
                }
                else
                {
                    _scriptUser = s.Arg(0);
                }

                break;
            case "enable_script_security":
                NoBlockExpected(s);
                _enableScriptSecurity = true;
                break;
            case "vrrp_garp_master_delay":
                GlobalGarpSeconds(s, "vrrp_garp_master_delay '{0}' invalid - ignoring", d => _globalGarp = _globalGarp with { MasterDelay = d });
                break;
            case "vrrp_garp_master_refresh":
                GlobalGarpSeconds(s, "Invalid vrrp_garp_master_refresh '{0}' - ignoring", d => _globalGarp = _globalGarp with { MasterRefresh = d });
                break;
            case "vrrp_garp_lower_prio_delay":
                GlobalGarpSeconds(s, "vrrp_garp_lower_prio_delay '{0}' invalid - ignoring", d => _globalGarp = _globalGarp with { LowerPrioDelay = d });
                break;
            case "vrrp_garp_master_repeat":
                GlobalGarpCount(s, "vrrp_garp_master_repeat", n => _globalGarp = _globalGarp with { MasterRepeat = n });
                break;
            case "vrrp_garp_master_refresh_repeat":
                GlobalGarpCount(s, "vrrp_garp_master_refresh_repeat", n => _globalGarp = _globalGarp with { MasterRefreshRepeat = n });
                break;
            case "vrrp_garp_lower_prio_repeat":
                NoBlockExpected(s);
                if (NumberParser.TryUnsigned(s.Arg(0), 0, int.MaxValue, out long rep))
                {
                    _globalGarp = _globalGarp with { LowerPrioRepeat = (int)rep };
                }
                else
                {
                    Warn(s.Keyword, $"Invalid vrrp_garp_lower_prio_repeat '{s.Arg(0)}'");
                }

                break;
            case "vrrp_lower_prio_no_advert":
                NoBlockExpected(s);
                if (TrueFalse(s, out bool lpna))
                {
                    _globalLowerPrioNoAdvert = lpna;
                }
                else
                {
                    Warn(s.Keyword, "Invalid value for vrrp_lower_prio_no_advert specified");
                }

                break;
            default:
                OtherKeyword(s, KeepalivedKeywords.OtherGlobal, "a global_defs keyword VrrpLab does not model");
                break;
        }
    }

    private void GlobalGarpSeconds(ConfigStatement s, string invalidFormat, Action<Duration> set)
    {
        NoBlockExpected(s);
        if (NumberParser.TryUnsigned(s.Arg(0), 0, uint.MaxValue / 1_000_000, out long sec))
        {
            set(Duration.FromSeconds(sec));
        }
        else
        {
            Warn(s.Keyword, string.Format(CultureInfo.InvariantCulture, invalidFormat, s.Arg(0)));
        }
    }

    private void GlobalGarpCount(ConfigStatement s, string name, Action<int> set)
    {
        NoBlockExpected(s);
        if (!NumberParser.TryUnsigned(s.Arg(0), 0, int.MaxValue, out long n))
        {
            Warn(s.Keyword, $"{name} '{s.Arg(0)}' invalid - ignoring");
            return;
        }

        if (n == 0)
        {
            Warn(s.Keyword, $"{name} must be greater than 0, setting to 1");
            n = 1;
        }

        set((int)n);
    }

    /// <summary>keepalived's <c>check_true_false</c>: no argument means true.</summary>
    private static bool TrueFalse(ConfigStatement s, out bool value)
    {
        string? a = s.Arg(0);
        switch (a)
        {
            case null or "true" or "on" or "yes":
                value = true;
                return true;
            case "false" or "off" or "no":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private void Script(ConfigStatement s)
    {
        if (s.Arguments.IsEmpty)
        {
            Warn(s.Keyword, "vrrp_script needs a name");
            return;
        }

        string name = s.Arg(0)!;
        if (_scripts.Any(x => x.Name == name))
        {
            Warn(s.Keyword, $"vrrp_script {name} already defined - ignoring");
            return;
        }

        var draft = new ScriptDraft(name, s);
        ForBlock(s, c => ScriptKeyword(draft, c));
        _firstScriptUse ??= s;
        if (draft.Script is null)
        {
            Warn(s.Keyword, $"No script set for vrrp_script {name} - removing");
            return;
        }

        _scripts.Add(draft);
    }

    private void ScriptKeyword(ScriptDraft d, ConfigStatement s)
    {
        NoBlockExpected(s);
        d.Keywords[s.Name] = s.Location;
        switch (s.Name)
        {
            case "script":
                if (s.Arguments.IsEmpty)
                {
                    Warn(s.Keyword, "vrrp script script missing");
                    break;
                }

                d.Script = string.Join(' ', s.Arguments.Select(a => a.Text));
                break;
            case "interval":
                if (!NumberParser.TryUnsigned(s.Arg(0), 0, uint.MaxValue / 1_000_000, out long interval))
                {
                    Warn(s.Keyword, $"({d.Name}): vrrp script interval '{s.Arg(0)}' must be between 1 and {uint.MaxValue / 1_000_000} - ignoring");
                    break;
                }

                if (interval == 0)
                {
                    Warn(s.Keyword, $"({d.Name}): vrrp script interval must be greater than 0, setting to 1");
                    interval = 1;
                }

                d.IntervalSeconds = interval;
                break;
            case "timeout":
                if (!NumberParser.TryUnsigned(s.Arg(0), 0, uint.MaxValue / 1_000_000, out long timeout))
                {
                    Warn(s.Keyword, $"({d.Name}): vrrp script timeout '{s.Arg(0)}' invalid - ignoring");
                    break;
                }

                if (timeout == 0)
                {
                    Warn(s.Keyword, $"({d.Name}): vrrp script timeout must be greater than 0, setting to 1");
                    timeout = 1;
                }

                d.TimeoutSeconds = timeout;
                break;
            case "weight":
                if (!NumberParser.TrySigned(s.Arg(0), -253, 253, out long weight))
                {
                    Warn(s.Keyword, $"vrrp_script {d.Name} weight {s.Arg(0)} must be in [-253, 253]");
                    weight = 0;
                }

                d.Weight = (int)weight;
                if (s.Arguments.Length >= 2)
                {
                    if (s.Arg(1) == "reverse")
                    {
                        Notice(s.Arguments[1], $"vrrp_script {d.Name}: 'weight ... reverse' is not modelled by VrrpLab - ignored");
                    }
                    else
                    {
                        Warn(s.Arguments[1], $"vrrp_script {d.Name} unknown weight option {s.Arg(1)}");
                    }
                }

                break;
            case "rise":
            case "fall":
                if (!NumberParser.TryUnsigned(s.Arg(0), 1, int.MaxValue, out long count))
                {
                    Warn(s.Keyword, $"({d.Name}): vrrp script {s.Name} value '{s.Arg(0)}' invalid, defaulting to 1");
                    count = 1;
                }

                if (s.Name == "rise")
                {
                    d.Rise = (int)count;
                }
                else
                {
                    d.Fall = (int)count;
                }

                break;
            case "init_fail":
                d.InitFail = true;
                break;
            case "user":
                d.User = s.Arg(0);
                break;
            default:
                Warn(s.Keyword, $"Unknown keyword '{s.Name}'");
                break;
        }
    }

    private void SyncGroup(ConfigStatement s)
    {
        if (s.Arguments.IsEmpty)
        {
            Warn(s.Keyword, "vrrp_sync_group needs a name");
            return;
        }

        string name = s.Arg(0)!;
        if (_syncGroups.Any(g => g.Group.Name == name))
        {
            Warn(s.Keyword, $"vrrp sync group {name} already defined");
            return;
        }

        var members = new List<string>();
        NotifyScripts notify = NotifyScripts.None;
        bool hadGroup = false;
        ForBlock(s, c =>
        {
            switch (c.Name)
            {
                case "group":
                    if (hadGroup)
                    {
                        Warn(c.Keyword, $"Group list already specified for sync group {name}");
                        break;
                    }

                    hadGroup = true;
                    if (!c.HasBlock || c.Block.IsEmpty)
                    {
                        Warn(c.Keyword, $"Warning - sync group {name} has empty group block");
                        break;
                    }

                    foreach (ConfigStatement m in c.Block)
                    {
                        members.Add(m.Name);
                        members.AddRange(m.Arguments.Select(a => a.Text));
                    }

                    break;
                case "notify_master":
                case "notify_backup":
                case "notify_fault":
                case "notify_stop":
                case "notify":
                    NoBlockExpected(c);
                    notify = WithNotify(notify, c);
                    _firstScriptUse ??= c;
                    break;
                case "sync_group_tracking_weight":
                    NoBlockExpected(c);
                    break;
                default:
                    OtherKeyword(c, KeepalivedKeywords.OtherSyncGroup, "a sync group keyword VrrpLab does not model");
                    break;
            }
        });

        _syncGroups.Add((new SyncGroupConfig(name, [.. members]) { Notify = notify }, s));
    }

    private NotifyScripts WithNotify(NotifyScripts notify, ConfigStatement s)
    {
        if (s.Arguments.IsEmpty)
        {
            Warn(s.Keyword, $"{s.Name} script missing");
            return notify;
        }

        string command = string.Join(' ', s.Arguments.Select(a => a.Text));
        return s.Name switch
        {
            "notify_master" => notify with { Master = command },
            "notify_backup" => notify with { Backup = command },
            "notify_fault" => notify with { Fault = command },
            "notify_stop" => notify with { Stop = command },
            _ => notify with { Generic = command },
        };
    }

    private void Warn(ConfigToken at, string message) => Report(DiagnosticSeverity.Warning, at, message);

    private void Error(ConfigToken at, string message) => Report(DiagnosticSeverity.Error, at, message);

    private void Notice(ConfigToken at, string message) => Report(DiagnosticSeverity.Notice, at, message);

    private void Report(DiagnosticSeverity severity, ConfigToken at, string message) =>
        _diagnostics.Add(new ConfigDiagnostic(severity, at.File, at.Line, at.Column, message));
}
