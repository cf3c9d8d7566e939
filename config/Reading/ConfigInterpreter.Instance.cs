using System.Net;
using System.Net.Sockets;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>The <c>vrrp_instance</c> keyword handlers (keepalived vrrp_parser.c).</summary>
internal sealed partial class ConfigInterpreter
{
    private void Instance(ConfigStatement s)
    {
        if (s.Arguments.IsEmpty)
        {
            Warn(s.Keyword, "vrrp_instance needs a name");
            return;
        }

        string name = s.Arg(0)!;
        if (_instances.Any(i => i.Name == name))
        {
            Warn(s.Keyword, $"vrrp instance {name} already defined");
            return;
        }

        var d = new InstanceDraft(name, s);
        ForBlock(s, c => InstanceKeyword(d, c));
        _instances.Add(d);
    }

    private void InstanceKeyword(InstanceDraft d, ConfigStatement s)
    {
        d.Keywords[s.Name] = s.Location;
        if (s.Arg(0) is { } raw)
        {
            d.Raw[s.Name] = raw;
        }

        if (s.Name == "lvs_sync_daemon_interface")
        {
            // Deprecated after keepalived 1.2.19; 2.2.7 still warns (and keepalived -t fails).
            Warn(s.Keyword, $"({d.Name}) Specifying lvs_sync_daemon_interface against a vrrp is deprecated. Please use global lvs_sync_daemon");
            return;
        }

        bool blockKeyword = s.Name is "authentication" or "virtual_ipaddress" or "virtual_ipaddress_excluded"
            or "track_script" or "track_interface" or "unicast_peer";
        if (!blockKeyword && (KeepalivedKeywords.OtherInstance.Contains(s.Name) || !IsInstanceValueKeyword(s.Name)))
        {
            OtherKeyword(s, KeepalivedKeywords.OtherInstance, "a vrrp_instance keyword VrrpLab does not model");
            return;
        }

        if (!blockKeyword)
        {
            NoBlockExpected(s);
            if (s.Arguments.IsEmpty && s.Name is not ("nopreempt" or "preempt" or "lower_prio_no_advert"))
            {
                // keepalived: "... is missing a parameter after keyword `X`".
                Warn(s.Keyword, $"Configuration line starting `{s.Name}` is missing a parameter after keyword `{s.Name}`");
                return;
            }
        }
        else if (!s.HasBlock)
        {
            Warn(s.Keyword, $"'{s.Name}' needs a '{{ ... }}' block");
            return;
        }

        switch (s.Name)
        {
            case "state":
                State(d, s);
                break;
            case "interface":
                if (s.Arg(0)!.Length >= 16)
                {
                    Warn(s.Arguments[0], $"Interface name '{s.Arg(0)}' too long - ignoring");
                }
                else
                {
                    d.Interface = s.Arg(0);
                }

                break;
            case "virtual_router_id":
                if (NumberParser.TryUnsigned(s.Arg(0), 1, 255, out long vrid))
                {
                    d.Vrid = (byte)vrid;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}): VRID '{s.Arg(0)}' not valid - must be between 1 & 255");
                }

                break;
            case "priority":
                if (NumberParser.TryUnsigned(s.Arg(0), 1, 255, out long prio))
                {
                    d.Priority = (byte)prio;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}) Priority not valid! must be between 1 & 255. Using default 100");
                    d.Priority = 100;
                }

                break;
            case "advert_int":
                if (NumberParser.TryDecimalMicroseconds(s.Arg(0), 10_000, 255_000_000, out long adv))
                {
                    d.AdvertIntervalUs = adv;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}) Advert interval ({s.Arg(0)}) not valid! Must be > 0 - ignoring");
                }

                break;
            case "version":
                if (s.Arg(0) is "2" or "3")
                {
                    d.Version = s.Arg(0) == "3" ? VrrpVersion.V3 : VrrpVersion.V2;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}): Version must be either 2 or 3");
                }

                break;
            case "nopreempt":
                d.Nopreempt = true;
                break;
            case "preempt":
                d.Nopreempt = false;
                break;
            case "preempt_delay":
                if (NumberParser.TryDecimalMicroseconds(s.Arg(0), 0, 1000L * 1_000_000, out long delay))
                {
                    d.PreemptDelayUs = delay;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}) Preempt_delay not valid! must be between 0-1000");
                    d.PreemptDelayUs = 0;
                }

                break;
            case "authentication":
                foreach (ConfigStatement a in s.Block)
                {
                    Authentication(d, a);
                }

                break;
            case "virtual_ipaddress":
            case "virtual_ipaddress_excluded":
                foreach (ConfigStatement a in s.Block)
                {
                    VirtualAddressEntry(d, a, s.Name == "virtual_ipaddress" ? d.Vips : d.ExcludedVips);
                }

                break;
            case "track_script":
                foreach (ConfigStatement a in s.Block)
                {
                    TrackScriptEntry(d, a);
                }

                break;
            case "track_interface":
                foreach (ConfigStatement a in s.Block)
                {
                    TrackInterfaceEntry(d, a);
                }

                break;
            case "unicast_peer":
                foreach (ConfigStatement a in s.Block)
                {
                    UnicastPeerEntry(d, a);
                }

                break;
            case "unicast_src_ip":
            case "mcast_src_ip":
                SourceAddress(d, s);
                break;
            case "garp_master_delay":
                GarpSeconds(d, s, "garp_master_delay '{1}' invalid - ignoring", v => d.GarpMasterDelay = v);
                break;
            case "garp_master_refresh":
                GarpSeconds(d, s, "Invalid garp_master_refresh '{1}' - ignoring", v => d.GarpMasterRefresh = v);
                break;
            case "garp_lower_prio_delay":
                GarpSeconds(d, s, "garp_lower_prio_delay '{1}' invalid - ignoring", v => d.GarpLowerPrioDelay = v);
                break;
            case "garp_master_repeat":
                GarpCount(d, s, v => d.GarpMasterRepeat = v);
                break;
            case "garp_master_refresh_repeat":
                GarpCount(d, s, v => d.GarpMasterRefreshRepeat = v);
                break;
            case "garp_lower_prio_repeat":
                if (NumberParser.TryUnsigned(s.Arg(0), 0, int.MaxValue, out long lpr))
                {
                    d.GarpLowerPrioRepeat = (int)lpr;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}): Invalid garp_lower_prio_repeat '{s.Arg(0)}'");
                }

                break;
            case "lower_prio_no_advert":
                if (TrueFalse(s, out bool lpna))
                {
                    d.LowerPrioNoAdvert = lpna;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}) invalid lower_prio_no_advert {s.Arg(0)} specified");
                }

                break;
            case "down_timer_adverts":
                if (NumberParser.TryUnsigned(s.Arg(0), 1, 100, out long dta))
                {
                    d.DownTimerAdverts = (int)dta;
                }
                else
                {
                    Warn(s.Arguments[0], $"({d.Name}): Invalid down_timer_adverts [1:100] '{s.Arg(0)}'");
                }

                break;
            case "notify_master":
            case "notify_backup":
            case "notify_fault":
            case "notify_stop":
            case "notify":
                if (s.Arguments.All(a => a.Text.Trim().Length == 0))
                {
                    // keepalived ignores an empty notify command ("").
                    break;
                }

                d.Notify = WithNotify(d.Notify, s);
                _firstScriptUse ??= s;
                break;
        }
    }

    private static bool IsInstanceValueKeyword(string name) => name is "state" or "interface" or "virtual_router_id"
        or "priority" or "advert_int" or "version" or "nopreempt" or "preempt" or "preempt_delay" or "unicast_src_ip"
        or "mcast_src_ip" or "garp_master_delay" or "garp_master_refresh" or "garp_lower_prio_delay"
        or "garp_master_repeat" or "garp_master_refresh_repeat" or "garp_lower_prio_repeat" or "lower_prio_no_advert"
        or "down_timer_adverts" or "notify_master" or "notify_backup" or "notify_fault" or "notify_stop" or "notify";

    private void State(InstanceDraft d, ConfigStatement s)
    {
        switch (s.Arg(0))
        {
            case "MASTER":
                d.State = InitialState.Master;
                break;
            case "BACKUP":
                if (d.State == InitialState.Master)
                {
                    Warn(s.Arguments[0], $"({d.Name}) state previously set as MASTER - ignoring BACKUP");
                }
                else
                {
                    d.State = InitialState.Backup;
                }

                break;
            default:
                Warn(s.Arguments[0], $"({d.Name}) unknown state '{s.Arg(0)}', defaulting to BACKUP");
                d.State = InitialState.Backup;
                break;
        }
    }

    private void Authentication(InstanceDraft d, ConfigStatement a)
    {
        NoBlockExpected(a);
        d.Keywords[a.Name] = a.Location;
        if (a.Arg(0) is { } raw)
        {
            d.Raw[a.Name] = raw;
        }

        switch (a.Name)
        {
            case "auth_type":
                switch (a.Arg(0))
                {
                    case "PASS":
                        d.AuthType = AuthType.SimpleText;
                        break;
                    case "AH":
                        d.AuthType = AuthType.IpAh;
                        break;
                    default:
                        Warn(a.Arguments.IsEmpty ? a.Keyword : a.Arguments[0], $"({d.Name}) unknown authentication type '{a.Arg(0)}'");
                        break;
                }

                break;
            case "auth_pass":
                if (a.Arguments.IsEmpty)
                {
                    Warn(a.Keyword, "Configuration line starting `auth_pass` is missing a parameter after keyword `auth_pass`");
                    break;
                }

                string pass = a.Arg(0)!;
                if (System.Text.Encoding.UTF8.GetByteCount(pass) > 8)
                {
                    // vrrp_auth_pass_handler: auth_data is 8 bytes.
                    Warn(a.Arguments[0], "Truncating auth_pass to 8 characters");
                    pass = TruncateUtf8(pass, 8);
                }

                d.AuthPass = pass;
                break;
            default:
                Warn(a.Keyword, $"Unknown keyword '{a.Name}'");
                break;
        }
    }

    private static string TruncateUtf8(string s, int maxBytes)
    {
        int bytes = 0;
        int i = 0;
        while (i < s.Length)
        {
            int len = char.IsSurrogatePair(s, i) ? 2 : 1;
            int b = System.Text.Encoding.UTF8.GetByteCount(s.AsSpan(i, len));
            if (bytes + b > maxBytes)
            {
                break;
            }

            bytes += b;
            i += len;
        }

        return s[..i];
    }

    private void VirtualAddressEntry(InstanceDraft d, ConfigStatement e, List<VirtualAddress> target)
    {
        NoBlockExpected(e);
        string text = e.Name;
        if (!TryParsePrefix(text, out IPAddress? address, out int prefix))
        {
            Warn(e.Keyword, $"VRRP parsed invalid IP {text}. skipping IP...");
            return;
        }

        string? device = null;
        string? label = null;
        for (int i = 0; i < e.Arguments.Length; i++)
        {
            string option = e.Arguments[i].Text;
            bool hasValue = i + 1 < e.Arguments.Length;
            if (option is "dev" or "label" && hasValue)
            {
                if (option == "dev")
                {
                    device = e.Arguments[++i].Text;
                }
                else
                {
                    label = e.Arguments[++i].Text;
                }
            }
            else if (KeepalivedKeywords.VipOptionsWithValue.Contains(option) && hasValue)
            {
                Notice(e.Arguments[i], $"virtual address option '{option} {e.Arguments[i + 1].Text}' is not modelled by VrrpLab - skipped");
                i++;
            }
            else if (KeepalivedKeywords.VipFlags.Contains(option))
            {
                Notice(e.Arguments[i], $"virtual address option '{option}' is not modelled by VrrpLab - skipped");
            }
            else
            {
                Warn(e.Arguments[i], $"Unknown configuration entry '{option}' for ip address - ignoring");
            }
        }

        if (target == d.Vips)
        {
            if (d.Family is null)
            {
                d.Family = address.AddressFamily;
            }
            else if (d.Family != address.AddressFamily)
            {
                Warn(e.Keyword, $"({d.Name}): address family must match VRRP instance [{text}] - ignoring");
                return;
            }
        }

        target.Add(new VirtualAddress(address, prefix, device, label));
    }

    /// <summary><c>IP</c> or <c>IP/len</c>; the default prefix is the host prefix of the family.</summary>
    internal static bool TryParsePrefix(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address, out int prefix)
    {
        prefix = 0;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string ip = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(ip, out address))
        {
            return false;
        }

        int max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (slash < 0)
        {
            prefix = max;
            return true;
        }

        if (NumberParser.TryUnsigned(text[(slash + 1)..], 0, max, out long len))
        {
            prefix = (int)len;
            return true;
        }

        address = null;
        return false;
    }

    /// <summary>A dotted-quad IPv4 (exactly four parts, as inet_pton) or an IPv6 address without scope.</summary>
    internal static bool TryParseAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return !text.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        string[] parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => !NumberParser.TryUnsigned(p, 0, 255, out _) || p.Length > 3))
        {
            return false;
        }

        return IPAddress.TryParse(text, out address);
    }

    private void TrackScriptEntry(InstanceDraft d, ConfigStatement e)
    {
        NoBlockExpected(e);
        string name = e.Name;
        if (d.TrackScripts.Any(t => t.Track.Name == name))
        {
            Warn(e.Keyword, $"({d.Name}) duplicate track_script {name} - ignoring");
            return;
        }

        int? weight = null;
        if (e.Arguments.Length > 0)
        {
            if (e.Arg(0) != "weight")
            {
                Warn(e.Arguments[0], $"({d.Name}) unknown track script option {e.Arg(0)} - ignoring");
            }
            else if (e.Arguments.Length < 2)
            {
                Warn(e.Arguments[0], $"({d.Name}) weight without value specified for track script {name} - ignoring");
            }
            else if (!NumberParser.TrySigned(e.Arg(1), -253, 253, out long w))
            {
                Warn(e.Arguments[1], $"({d.Name}) track script {name}: weight must be between [-253..253] inclusive, ignoring...");
            }
            else
            {
                weight = (int)w;
                if (e.Arguments.Length > 2)
                {
                    if (e.Arg(2) == "reverse")
                    {
                        Notice(e.Arguments[2], $"({d.Name}) track_script {name}: 'reverse' is not modelled by VrrpLab - ignored");
                    }
                    else
                    {
                        Warn(e.Arguments[2], $"({d.Name}) unknown track_script {name} weight option {e.Arg(2)} - ignoring");
                    }
                }
            }
        }

        d.TrackScripts.Add((new ScriptTrack(name, weight), e.Keyword));
    }

    private void TrackInterfaceEntry(InstanceDraft d, ConfigStatement e)
    {
        NoBlockExpected(e);
        string name = e.Name;
        if (d.TrackInterfaces.Any(t => t.Interface == name))
        {
            Warn(e.Keyword, $"({d.Name}) duplicate track_interface {name} - ignoring");
            return;
        }

        int weight = 0;
        if (e.Arguments.Length > 0)
        {
            if (e.Arg(0) != "weight")
            {
                Warn(e.Arguments[0], $"({d.Name}) unknown track_interface {name} option {e.Arg(0)} - ignoring");
            }
            else if (e.Arguments.Length < 2)
            {
                Warn(e.Arguments[0], $"({d.Name}) weight without value specified for track_interface {name} - ignoring");
            }
            else if (!NumberParser.TrySigned(e.Arg(1), -253, 253, out long w))
            {
                Warn(e.Arguments[1], $"({d.Name}) weight {e.Arg(1)} for {name} must be between [-253..253] inclusive. Ignoring...");
            }
            else
            {
                weight = (int)w;
            }
        }

        d.TrackInterfaces.Add(new InterfaceTrack(name, weight));
    }

    private void UnicastPeerEntry(InstanceDraft d, ConfigStatement e)
    {
        NoBlockExpected(e);
        if (!TryParseAddress(e.Name, out IPAddress? peer))
        {
            Warn(e.Keyword, $"({d.Name}) unicast peer address {e.Name} is not valid - skipping");
            return;
        }

        for (int i = 0; i < e.Arguments.Length; i++)
        {
            if (e.Arguments[i].Text is "min_ttl" or "max_ttl" && i + 1 < e.Arguments.Length)
            {
                Notice(e.Arguments[i], $"({d.Name}) unicast_peer option '{e.Arguments[i].Text}' is not modelled by VrrpLab - skipped");
                i++;
            }
            else
            {
                Warn(e.Arguments[i], $"({d.Name}) unknown unicast_peer option {e.Arguments[i].Text}");
            }
        }

        d.UnicastPeers.Add(peer);
    }

    private void SourceAddress(InstanceDraft d, ConfigStatement s)
    {
        if (!TryParseAddress(s.Arg(0)!, out IPAddress? address))
        {
            Warn(s.Arguments[0], $"Configuration error: VRRP instance[{d.Name}] malformed src address[{s.Arg(0)}]. Skipping...");
            return;
        }

        if (d.Family is null)
        {
            d.Family = address.AddressFamily;
        }
        else if (d.Family != address.AddressFamily)
        {
            Warn(s.Arguments[0], $"Configuration error: VRRP instance[{d.Name}] and src address[{s.Arg(0)}] MUST be of the same family !!! Skipping...");
            return;
        }

        if (s.Name == "unicast_src_ip")
        {
            d.UnicastSource = address;
        }
        else
        {
            d.McastSource = address;
        }
    }

    private void GarpSeconds(InstanceDraft d, ConfigStatement s, string invalidFormat, Action<Duration> set)
    {
        if (NumberParser.TryUnsigned(s.Arg(0), 0, uint.MaxValue / 1_000_000, out long sec))
        {
            set(Duration.FromSeconds(sec));
        }
        else
        {
            Warn(s.Arguments[0], "(" + d.Name + "): " + string.Format(System.Globalization.CultureInfo.InvariantCulture, invalidFormat, d.Name, s.Arg(0)));
        }
    }

    private void GarpCount(InstanceDraft d, ConfigStatement s, Action<int> set)
    {
        if (!NumberParser.TryUnsigned(s.Arg(0), 0, int.MaxValue, out long n))
        {
            Warn(s.Arguments[0], $"({d.Name}): {s.Name} '{s.Arg(0)}' invalid - ignoring");
            return;
        }

        if (n == 0)
        {
            Warn(s.Arguments[0], $"({d.Name}): {s.Name} must be greater than 0, setting to 1");
            n = 1;
        }

        set((int)n);
    }
}
