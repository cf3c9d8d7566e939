using System.Globalization;
using VrrpLab.Config.Syntax;

namespace VrrpLab.Config.Reading;

/// <summary>The <c>vrrp_script</c> handlers (vrrp_parser.c) and keepalived's script users (lib/notify.c).</summary>
internal sealed partial class ConfigInterpreter
{
    private void Script(ConfigStatement s)
    {
        var d = new ScriptDraft(Arg(s, 0), s);
        bool userSet = false;
        bool remove = false;
        DefinitionLines(s, c =>
        {
            d.Keywords[c.Name] = c.Location;
            switch (c.Name)
            {
                case "script":
                    // set_script_params_array: the command is the first word (a quoted one may hold
                    // arguments); the words after it are dropped.
                    if (!c.Arguments.IsEmpty)
                    {
                        d.Script = c.Arguments[0].Text;
                        d.Command = d.Script.Split(' ', '\t')[0];
                        if (c.Arguments.Length > 1)
                        {
                            Advise(c.Arguments[1], $"vrrp_script {d.Name}: keepalived runs only '{d.Script}' and drops '{string.Join(' ', c.Arguments.Skip(1).Select(a => a.Text))}' (words after an unquoted command are not its arguments); write script \"{string.Join(' ', c.Arguments.Select(a => a.Text))}\"");
                        }
                    }

                    break;
                case "interval":
                    d.IntervalSeconds = AtLeastOne(c, uint.MaxValue / 1_000_000, ValueAt(c),
                        () => $"({d.Name}): vrrp script interval '{c.Arg(0)}' must be between 1 and {uint.MaxValue / 1_000_000} - ignoring",
                        $"({d.Name}): vrrp script interval must be greater than 0, setting to 1") ?? d.IntervalSeconds;
                    break;
                case "timeout":
                    d.TimeoutSeconds = AtLeastOne(c, uint.MaxValue / 1_000_000, ValueAt(c),
                        () => $"({d.Name}): vrrp script timeout '{c.Arg(0)}' invalid - ignoring",
                        $"({d.Name}): vrrp script timeout must be greater than 0, setting to 1") ?? d.TimeoutSeconds;
                    break;
                case "weight":
                    // vrrp_vscript_weight_handler assigns the value read even when it is refused.
                    NumberReader.Result w = NumberReader.Int(Arg(c, 0), -253, 253, ignoreError: true);
                    if (w.Message is not null)
                    {
                        Warn(c.Keyword, w.Message);
                    }

                    if (!w.Accepted)
                    {
                        Warn(ValueAt(c), $"vrrp_script {d.Name} weight {c.Arg(0)} must be in [-253, 253]");
                    }

                    d.Weight = (int)Math.Clamp(w.Value, int.MinValue, int.MaxValue);
                    if (c.Arguments.Length >= 2)
                    {
                        if (c.Arg(1) == "reverse")
                        {
                            d.WeightReverse = true;
                            Report(DiagnosticSeverity.Notice, c.Arguments[1],
                                $"vrrp_script {d.Name}: 'weight ... reverse' is not modelled by VrrpLab - the weight is applied as if not reversed", notModelled: true);
                        }
                        else
                        {
                            Warn(c.Arguments[1], $"vrrp_script {d.Name} unknown weight option {c.Arg(1)}");
                        }
                    }

                    break;
                case "rise":
                case "fall":
                    int count = (int)(ValueOrWarn(c, ReadUnsigned(c, 0, 1, int.MaxValue, ignoreError: true), $"({d.Name}): vrrp script {c.Name} value '{c.Arg(0)}' invalid, defaulting to 1") ?? 1);

                    if (c.Name == "rise")
                    {
                        d.Rise = count;
                    }
                    else
                    {
                        d.Fall = count;
                    }

                    break;
                case "user":
                    if (UserGroupExist(c, Arg(c, 0), c.Arguments.Length > 1 ? c.Arg(1) : null))
                    {
                        d.User = c.Arg(0);
                        userSet = true;
                        remove = false;
                    }
                    else
                    {
                        Warn(ValueAt(c), $"Unable to set uid/gid for script {d.Script ?? ""}");
                        remove = true;
                    }

                    break;
                case "init_fail":
                    d.InitFail = true;
                    break;
            }
        });

        // vrrp_vscript_end_handler, at the block's end.
        if (d.Script is null)
        {
            Warn(s.Keyword, $"No script set for vrrp_script {d.Name} - removing");
            return;
        }

        if (!remove && !userSet && DefaultScriptUserFails(s.Keyword))
        {
            Warn(s.Keyword, $"Unable to set default user for vrrp script {d.Name} - removing");
            return;
        }

        if (!remove)
        {
            _scripts.Add(d);
        }
    }

    /// <summary>keepalived's <c>set_uid_gid</c>: the user (and group) must exist; each missing one is logged.</summary>
    private bool UserGroupExist(ConfigStatement at, string user, string? group)
    {
        if (!_host.UserExists(user))
        {
            Report(DiagnosticSeverity.Notice, at.Keyword, $"Script user '{user}' does not exist");
            return false;
        }

        if (group is not null && !_host.GroupExists(group))
        {
            Report(DiagnosticSeverity.Notice, at.Keyword, $"Script group '{group}' does not exist");
            return false;
        }

        return true;
    }

    /// <summary>
    /// keepalived's <c>get_default_script_user</c>: the global <c>script_user</c>, else user
    /// keepalived_script when it exists, else root; the lookup happens once, and with script security
    /// enabled a missing keepalived_script user fails every script that relies on it.
    /// </summary>
    private bool DefaultScriptUserFails(ConfigToken at)
    {
        if (_defaultUserFailed)
        {
            return true;
        }

        if (!_defaultUserChecked)
        {
            _defaultUserChecked = true;
            if (!_host.UserExists("keepalived_script") && _scriptSecurity)
            {
                Warn(at, "Unable to set default user keepalived_script for script");
                _defaultUserFailed = true;
                return true;
            }
        }

        return false;
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
