// Over 400 lines: one handler per vrrp_instance keyword, in keepalived 2.2.7's keyword table order, for line-by-line comparison.
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>The <c>vrrp_instance</c> handlers (keepalived vrrp_parser.c, vrrp_data.c, vrrp_track.c, vrrp_ipaddress.c).</summary>
internal sealed partial class ConfigInterpreter
{
    private void Instance(ConfigStatement s)
    {
        var d = new InstanceDraft(s.Arg(0)!, s);
        _instances.Add(d);
        EachEntry(s, c => InstanceKeyword(d, c));

        // vrrp_end_handler: nothing it checks is modelled here (unicast_ttl, VMAC).
    }

    private void InstanceKeyword(InstanceDraft d, ConfigStatement s)
    {
        d.Record(s);

        switch (s.Name)
        {
            case "state":
                State(d, s);
                break;
            case "interface":
                InterfaceKeyword(d, s);
                break;
            case "virtual_router_id":
                if (ValueOrWarn(s, ReadUnsigned(s, 0, 1, 255, ignoreError: false), $"({d.Name}): VRID '{s.Arg(0)}' not valid - must be between 1 & 255") is { } vrid)
                {
                    d.Vrid = (byte)vrid;
                }

                break;
            case "priority":
                d.Priority = (byte)(ValueOrWarn(s, ReadUnsigned(s, 0, 1, 255, ignoreError: false), $"({d.Name}) Priority not valid! must be between 1 & 255. Using default 100") ?? 100);

                break;
            case "advert_int":
                if (ReadDecimal(s, 0, 10_000, 255_000_000, 6, ignoreError: true) is { } adv and > 0)
                {
                    d.AdvertIntervalUs = adv;
                }
                else
                {
                    Warn(ValueAt(s), $"({d.Name}) Advert interval ({s.Arg(0)}) not valid! Must be > 0 - ignoring");
                }

                break;
            case "version":
                Version(d, s);
                break;
            case "nopreempt":
                d.Nopreempt = true;
                break;
            case "preempt":
                d.Nopreempt = false;
                break;
            case "preempt_delay":
                d.PreemptDelayUs = ValueOrWarn(s, ReadDecimal(s, 0, 0, 1000L * 1_000_000, 6, ignoreError: true), $"({d.Name}) Preempt_delay not valid! must be between 0-1000") ?? 0;

                break;
            case "authentication":
                EachEntry(s, a => Authentication(d, a));
                break;
            case "virtual_ipaddress":
            case "virtual_ipaddress_excluded":
                EachEntry(s, a => VirtualAddressEntry(d, a, s.Name == "virtual_ipaddress"));
                break;
            case "track_script":
                EachEntry(s, a => TrackScriptEntry(d, a));
                break;
            case "track_file" or "track_process":
                TrackBlock(s, d.TrackFiles, d.TrackProcesses, d.Name);
                break;
            case "track_interface":
                EachEntry(s, a => TrackInterfaceEntry(d, a));
                break;
            case "unicast_peer":
                d.UnicastConfigured = true;
                EachEntry(s, a => UnicastPeerEntry(d, a));
                break;
            case "unicast_src_ip":
                d.UnicastConfigured = true;
                SourceAddress(d, s);
                break;
            case "mcast_src_ip":
                SourceAddress(d, s);
                break;
            case "unicast_fault_no_peer":
            case "check_unicast_src":
            case "old_unicast_checksum":
                d.UnicastConfigured = true;
                NotModelled(s, $"'{s.Name}' is a vrrp_instance keyword VrrpLab does not model - skipped");
                break;
            case var garp when IsGarpKeyword(garp):
                Garp(d.Garp, s, $"({d.Name}): ", ValueAt(s));
                break;
            case "lower_prio_no_advert":
                if (s.Arguments.IsEmpty)
                {
                    d.LowerPrioNoAdvert = true;
                }
                else if (TrueFalse(s.Arg(0)!) is { } lpna)
                {
                    d.LowerPrioNoAdvert = lpna;
                }
                else
                {
                    Warn(ValueAt(s), $"({d.Name}) invalid lower_prio_no_advert {s.Arg(0)} specified");
                }

                break;
            case "down_timer_adverts":
                if (ValueOrWarn(s, ReadUnsigned(s, 0, 1, 100, ignoreError: true), $"({d.Name}): Invalid down_timer_adverts [1:100] '{s.Arg(0)}'") is { } dta)
                {
                    d.DownTimerAdverts = (int)dta;
                }

                break;
            case var notify when NotifyExtensions.IsNotifyKeyword(notify):
                d.Notify = WithNotify(d.Notify, s, ValueAt(s), () => $"({d.Name}) {s.Name} script already specified - ignoring {Arg(s, 0)}");
                break;
            case "lvs_sync_daemon_interface":
                // Deprecated after keepalived 1.2.19; the second line is keepalived's own continuation.
                Warn(ValueAt(s), $"({d.Name}) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
                Warn(ValueAt(s), $"      {new string(' ', Math.Max(0, d.Name.Length - 2))}Please use global lvs_sync_daemon");
                break;
            default:
                NotModelled(s, $"'{s.Name}' is a vrrp_instance keyword VrrpLab does not model - skipped");
                break;
        }
    }

    private void State(InstanceDraft d, ConfigStatement s)
    {
        switch (Arg(s, 0))
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

    private void InterfaceKeyword(InstanceDraft d, ConfigStatement s)
    {
        string name = Arg(s, 0);
        if (Encoding.UTF8.GetByteCount(name) >= 16)
        {
            Warn(s.Arguments[0], $"Interface name '{name}' too long - ignoring");
            return;
        }

        if (!InterfaceExists(name, s.Arguments[0]))
        {
            Warn(s.Arguments[0], $"WARNING - interface {name} for vrrp_instance {d.Name} doesn't exist");
            return;
        }

        if (name == "lo")
        {
            Warn(s.Arguments[0], $"({d.Name}) cannot use a loopback interface ({name}) for vrrp - ignoring");
            return;
        }

        d.Interface = name;
    }

    /// <summary>keepalived's <c>if_get_by_ifname</c>: a missing interface stops the VRRP process once the file is read.</summary>
    private bool InterfaceExists(string name, ConfigToken at)
    {
        if (_host.InterfaceExists(name))
        {
            return true;
        }

        if (!_nonExistentInterface)
        {
            _nonExistentInterface = true;
            _firstNonExistent = at;
        }

        return false;
    }

    private void Version(InstanceDraft d, ConfigStatement s)
    {
        if (ReadInt(s, 0, 2, 3, ignoreError: true) is not { } v)
        {
            Warn(ValueAt(s), $"({d.Name}): Version must be either 2 or 3");
            return;
        }

        var version = v == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        if ((d.Version is { } current && current != version) || (version == VrrpVersion.V2 && d.Family == AddressFamily.InterNetworkV6))
        {
            Warn(ValueAt(s), $"({d.Name}) vrrp_version {v} conflicts with configured or deduced version {(d.Version is { } cv ? (int)cv : 0)}; ignoring.");
            return;
        }

        d.Version = version;
    }

    private void Authentication(InstanceDraft d, ConfigStatement a)
    {
        d.Record(a);

        switch (a.Name)
        {
            case "auth_type":
                switch (Arg(a, 0))
                {
                    case "PASS":
                        d.AuthType = AuthType.SimpleText;
                        break;
                    case "AH":
                        d.AuthType = AuthType.IpAh;
                        break;
                    default:
                        Warn(a.Arguments[0], $"({d.Name}) unknown authentication type '{a.Arg(0)}'");
                        break;
                }

                break;
            case "auth_pass":
                string pass = Arg(a, 0);
                if (Encoding.UTF8.GetByteCount(pass) > 8)
                {
                    // vrrp_auth_pass_handler: auth_data is 8 bytes.
                    Warn(a.Arguments[0], "Truncating auth_pass to 8 characters");
                    pass = TruncateUtf8(pass, 8);
                }

                d.AuthPass = pass;
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
            int b = Encoding.UTF8.GetByteCount(s.AsSpan(i, len));
            if (bytes + b > maxBytes)
            {
                break;
            }

            bytes += b;
            i += len;
        }

        return s[..i];
    }

    /// <summary>keepalived's <c>alloc_ipaddress</c> for <c>virtual_ipaddress</c> and <c>virtual_ipaddress_excluded</c>.</summary>
    private void VirtualAddressEntry(InstanceDraft d, ConfigStatement e, bool carried)
    {
        string text = e.Name;
        if (!TryParseVip(e, text, out IPAddress? address, out int prefix))
        {
            return;
        }

        string? device = null;
        string? label = null;
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        for (int i = 0; i < e.Arguments.Length; i++)
        {
            string option = e.Arguments[i].Text;
            bool hasValue = i + 1 < e.Arguments.Length;
            if (option is "dev" or "scope" or "broadcast" or "brd" or "label" or "peer" or "preferred_lft" && !hasValue)
            {
                Warn(e.Arguments[i], $"No {option} parameter specified for {text}");
                return;
            }

            switch (option)
            {
                case "dev":
                    if (device is not null)
                    {
                        Warn(e.Arguments[i], $"Cannot specify ipaddress device more than once for {text}");
                        return;
                    }

                    string dev = e.Arguments[++i].Text;
                    if (!InterfaceExists(dev, e.Arguments[i]))
                    {
                        Warn(e.Arguments[i], $"WARNING - interface {dev} for ip address {text} doesn't exist");
                        return;
                    }

                    device = dev;
                    break;
                case "label":
                    string l = e.Arguments[++i].Text;
                    if (Encoding.UTF8.GetByteCount(l) >= 16)
                    {
                        Warn(e.Arguments[i], $"Address label {l} is longer than maximum length 15 - removing address");
                        return;
                    }

                    label = l;
                    break;
                case "broadcast" or "brd" when v6:
                    Warn(e.Arguments[i], $"VRRP is trying to assign a broadcast {e.Arguments[i].Text} to the IPv6 address {text} !!?? WTF... skipping VIP...");
                    return;
                case "scope" or "broadcast" or "brd" or "peer" or "preferred_lft":
                    Report(DiagnosticSeverity.Notice, e.Arguments[i], $"virtual address option '{option} {e.Arguments[i + 1].Text}' is not modelled by VrrpLab - skipped", notModelled: true);
                    i++;
                    break;
                case "home" or "-nodad" or "mngtmpaddr" or "noprefixroute" or "autojoin" or "no_track" or "use_vmac":
                    Report(DiagnosticSeverity.Notice, e.Arguments[i], $"virtual address option '{option}' is not modelled by VrrpLab - skipped", notModelled: true);
                    break;
                default:
                    Warn(e.Arguments[i], $"Unknown configuration entry '{option}' for ip address - ignoring");
                    break;
            }
        }

        if (v6 && label is not null)
        {
            Warn(e.Keyword, $"Cannot specify label for IPv6 addresses ({text}) - ignoring label");
            label = null;
        }

        if (carried)
        {
            // alloc_vrrp_vip: the instance takes the family of its first VIP.
            if (d.Family is null)
            {
                d.Family = address.AddressFamily;
            }
            else if (d.Family != address.AddressFamily)
            {
                Warn(e.Keyword, $"({d.Name}): address family must match VRRP instance [{text}] - ignoring");
                return;
            }

            d.Vips.Add(new VirtualAddress(address, prefix, device, label));
        }
        else
        {
            d.ExcludedVips.Add(new VirtualAddress(address, prefix, device, label));
        }
    }

    /// <summary>keepalived's <c>parse_ipaddress</c>: <c>IP</c> or <c>IP/len</c> (a bad length is reported and the host prefix used).</summary>
    private bool TryParseVip(ConfigStatement e, string text, [NotNullWhen(true)] out IPAddress? address, out int prefix)
    {
        bool v6 = text.Contains(':', StringComparison.Ordinal);
        prefix = v6 ? 128 : 32;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            NumberReader.Result r = NumberReader.Unsigned(text[(slash + 1)..], 0, prefix, ignoreError: true);
            if (r.Message is not null)
            {
                Warn(e.Keyword, r.Message);
            }

            if (r.Accepted || r.RunTimeAccepted)
            {
                prefix = (int)r.Value;
            }
            else
            {
                Warn(e.Keyword, $"Invalid address prefix len {text[(slash + 1)..]} for address {text} - using {prefix}");
            }
        }

        if (!InetPton(slash >= 0 ? text[..slash] : text, v6, out address))
        {
            Warn(e.Keyword, $"VRRP parsed invalid IP {text}. skipping IP...");
            return false;
        }

        return true;
    }

    /// <summary>inet_pton: IPv4 is exactly four decimal parts 0-255; IPv6 has no scope.</summary>
    internal static bool InetPton(string text, bool v6, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (v6)
        {
            return !text.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        string[] parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
        {
            return false;
        }

        return IPAddress.TryParse(text, out address);
    }

    /// <summary>keepalived's <c>inet_stosockaddr</c>: a range (<c>-...</c>) or mask (<c>/...</c>) after the address is dropped.</summary>
    internal static bool InetStoSockaddr(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        bool v6 = text.Contains(':', StringComparison.Ordinal);
        int cut = text.IndexOf('-', StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = text.IndexOf('/', StringComparison.Ordinal);
        }

        return InetPton(cut >= 0 ? text[..cut] : text, v6, out address);
    }

    /// <summary>keepalived's <c>alloc_track_script</c>: the script must already be defined when the line is read.</summary>
    private void TrackScriptEntry(InstanceDraft d, ConfigStatement e)
    {
        string name = e.Name;
        ScriptDraft? script = _scripts.FirstOrDefault(s => s.Name == name);
        if (script is null)
        {
            Warn(e.Keyword, $"({d.Name}) track script {name} not found, ignoring...");
            if (_forwardScripts.Contains(name))
            {
                Advise(e.Keyword, $"({d.Name}) vrrp_script {name} is defined after this instance: keepalived looks it up when it reads this line, so {name} is not tracked (move the vrrp_script block above the instance)");
            }

            return;
        }

        if (d.TrackScripts.Any(t => t.Script == script))
        {
            Warn(e.Keyword, $"({d.Name}) duplicate track_script {name} - ignoring");
            return;
        }

        int? weight = null;
        if (e.Arguments.Length > 0)
        {
            if (!WeightWord(e, d.Name, "track script", $"({d.Name}) unknown track script option {e.Arg(0)} - ignoring"))
            {
                return;
            }

            weight = TrackWeight(e, d.Name, name, $"({d.Name}) track script {name}: weight must be between [-253..253] inclusive, ignoring...") ?? script.Weight;
            if (e.Arguments.Length >= 3 && e.Arg(2) is not ("reverse" or "noreverse"))
            {
                Warn(e.Arguments[2], $"({d.Name}) unknown track_script {name} weight option {e.Arg(2)} - ignoring");
            }
        }

        d.TrackScripts.Add((new ScriptTrack(name, weight), e.Keyword, script));
    }

    /// <summary>A tracker weight: [-254, 254] read, +/-254 becomes +/-253; null when refused.</summary>
    private int? TrackWeight(ConfigStatement e, string owner, string tracked, string refused)
    {
        NumberReader.Result r = NumberReader.Int(e.Arguments[1].Text, -254, 254, ignoreError: true);
        if (r.Message is not null)
        {
            Warn(e.Arguments[1], r.Message);
        }

        if (!r.Accepted && !r.RunTimeAccepted)
        {
            Warn(e.Arguments[1], refused);
            return null;
        }

        if (r.Value is -254 or 254)
        {
            Warn(e.Arguments[1], $"({owner}) weight for {tracked} cannot be +/-254. Setting to +/-253");
            return r.Value < 0 ? -253 : 253;
        }

        return (int)r.Value;
    }

    /// <summary>keepalived's <c>alloc_track_if</c>.</summary>
    private void TrackInterfaceEntry(InstanceDraft d, ConfigStatement e)
    {
        string name = e.Name;
        if (!InterfaceExists(name, e.Keyword))
        {
            Warn(e.Keyword, $"({d.Name}) tracked interface {name} doesn't exist");
            return;
        }

        if (d.TrackInterfaces.Any(t => t.Track.Interface == name))
        {
            Warn(e.Keyword, $"({d.Name}) duplicate track_interface {name} - ignoring");
            return;
        }

        int weight = 0;
        if (e.Arguments.Length > 0)
        {
            if (!WeightWord(e, d.Name, "track_interface", $"({d.Name}) unknown track_interface {name} option {e.Arg(0)} - ignoring"))
            {
                return;
            }

            weight = TrackWeight(e, d.Name, name, $"({d.Name}) weight {e.Arg(1)} for {name} must be between [-253..253] inclusive. Ignoring...") ?? 0;
            if (e.Arguments.Length >= 3 && e.Arg(2) != "reverse")
            {
                Warn(e.Arguments[2], $"({d.Name}) unknown track_interace {name} weight option {e.Arg(2)} - ignoring");
            }
        }

        d.TrackInterfaces.Add((new InterfaceTrack(name, weight), e.Keyword));
    }

    /// <summary>keepalived's <c>alloc_vrrp_unicast_peer</c>.</summary>
    private void UnicastPeerEntry(InstanceDraft d, ConfigStatement e)
    {
        if (!InetStoSockaddr(e.Name, out IPAddress? peer))
        {
            Warn(e.Keyword, $"Configuration error: VRRP instance[{d.Name}] malformed unicast peer address[{e.Name}]. Skipping...");
            return;
        }

        if (d.Family is null)
        {
            d.Family = peer.AddressFamily;
        }
        else if (d.Family != peer.AddressFamily)
        {
            Warn(e.Keyword, $"Configuration error: VRRP instance[{d.Name}] and unicast peer address[{e.Name}] MUST be of the same family !!! Skipping...");
            return;
        }

        for (int i = 0; i < e.Arguments.Length; i += 2)
        {
            if (i + 1 >= e.Arguments.Length)
            {
                Warn(e.Arguments[i], $"({d.Name}) {e.Arguments[i].Text} is missing a value");
                break;
            }

            NumberReader.Result r = NumberReader.Unsigned(e.Arguments[i + 1].Text, 0, 255, ignoreError: false);
            if (r.Message is not null)
            {
                Warn(e.Arguments[i + 1], r.Message);
            }

            if (!r.Accepted)
            {
                continue;
            }

            if (e.Arguments[i].Text is not ("min_ttl" or "max_ttl"))
            {
                Warn(e.Arguments[i], $"({d.Name}) unknown unicast_peer option {e.Arguments[i].Text}");
                break;
            }

            Report(DiagnosticSeverity.Notice, e.Arguments[i], $"({d.Name}) unicast_peer option '{e.Arguments[i].Text}' is not modelled by VrrpLab - skipped", notModelled: true);
        }

        if (!d.UnicastPeers.Contains(peer))
        {
            d.UnicastPeers.Add(peer);
        }
    }

    /// <summary>keepalived's <c>vrrp_srcip_handler</c> (<c>mcast_src_ip</c>, <c>unicast_src_ip</c>).</summary>
    private void SourceAddress(InstanceDraft d, ConfigStatement s)
    {
        string text = Arg(s, 0);
        if (!InetStoSockaddr(text, out IPAddress? address))
        {
            Warn(s.Arguments[0], $"Configuration error: VRRP instance[{d.Name}] malformed src address[{text}]. Skipping...");
            return;
        }

        if (d.Family is null)
        {
            d.Family = address.AddressFamily;
        }
        else if (d.Family != address.AddressFamily)
        {
            Warn(s.Arguments[0], $"Configuration error: VRRP instance[{d.Name}] and src address[{text}] MUST be of the same family !!! Skipping...");
            return;
        }

        // Both keywords set the same source address (vrrp->saddr); the last one wins.
        d.UnicastSource = address;
        d.McastSource = address;
    }
}
