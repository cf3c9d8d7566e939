// Over 400 lines: follows keepalived 2.2.7 vrrp_complete_init step by step, in its order.
using System.Collections.Immutable;
using System.Net.Sockets;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// keepalived's post-parse steps (<c>vrrp_complete_init</c> and <c>vrrp_complete_instance</c> in
/// vrrp.c, 2.2.7), in its order: script security, minimal instance checks, sync groups, each
/// instance's derivations, VRID conflicts. A step where keepalived gives up returns no configuration.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    private (RouterConfig? Config, ConfigSourceMap Source) Complete(string file)
    {
        var empty = new ConfigSourceMap(file, [], []);
        ScriptSecurity();

        // chk_min_cfg, for every instance before anything else.
        foreach (InstanceDraft d in _instances)
        {
            if (d.Vrid is null)
            {
                Error(d.Statement.Keyword, $"({d.Name}) the virtual router id must be set");
                return (null, empty);
            }

            if (d.Interface is null)
            {
                Error(d.Statement.Keyword, d.UnicastConfigured
                    ? $"({d.Name}) Unknown interface! (keepalived checks the interface before it knows the instance is unicast)"
                    : $"({d.Name}) Unknown interface!");
                return (null, empty);
            }
        }

        var groups = ImmutableArray.CreateBuilder<SyncGroupConfig>();
        var groupOf = new Dictionary<string, SyncGroupDraft>(StringComparer.Ordinal);
        foreach (SyncGroupDraft g in _syncGroups)
        {
            if (!g.HasGroup || g.Members.Count == 0)
            {
                Warn(g.Statement.Keyword, $"Sync group {g.Name} has no virtual router(s). removing");
                continue;
            }

            var members = new List<string>();
            foreach (string member in g.Members)
            {
                if (!_instances.Any(i => i.Name == member))
                {
                    Warn(g.Statement.Keyword, $"Virtual router {member} specified in sync group {g.Name} doesn't exist - ignoring");
                }
                else if (groupOf.ContainsKey(member))
                {
                    Warn(g.Statement.Keyword, $"Virtual router {member} cannot exist in more than one sync group; ignoring {g.Name}");
                }
                else
                {
                    groupOf[member] = g;
                    members.Add(member);
                }
            }

            if (members.Count == 0)
            {
                Warn(g.Statement.Keyword, $"Sync group {g.Name}, no matching virtual router found in group declaration - removing");
                continue;
            }

            if (members.Count == 1)
            {
                Warn(g.Statement.Keyword, $"Sync group {g.Name} has only 1 virtual router(s) - this probably isn't what you want");
            }

            groups.Add(new SyncGroupConfig(g.Name, [.. members]) { Notify = g.Notify });
        }

        var instances = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        var instanceSyntax = ImmutableArray.CreateBuilder<InstanceSyntax>();
        foreach (InstanceDraft d in _instances)
        {
            string? weightBlocker = groupOf.TryGetValue(d.Name, out SyncGroupDraft? sg) && !sg.TrackingWeight ? "SYNC group" : null;
            if (sg is not null)
            {
                AddGroupFiles(d, sg);
                AddGroupProcesses(d, sg);
            }

            if (CompleteInstance(d, weightBlocker) is not { } config)
            {
                return (null, empty);
            }

            instances.Add(config);
            instanceSyntax.Add(d.ToSyntax());
        }

        if (VridConflict(instances, instanceSyntax))
        {
            return (null, empty);
        }

        var scripts = ImmutableArray.CreateBuilder<TrackedScript>();
        var scriptSyntax = ImmutableArray.CreateBuilder<ScriptSyntax>();
        foreach (ScriptDraft s in _scripts.Where(s => !s.Insecure))
        {
            Duration interval = Duration.FromSeconds(s.IntervalSeconds);
            scripts.Add(new TrackedScript(
                s.Name,
                s.Script!,
                interval,
                s.TimeoutSeconds == 0 ? interval : Duration.FromSeconds(s.TimeoutSeconds),
                Math.Clamp(s.Weight, -254, 254),
                s.Rise,
                s.Fall,
                s.InitFail,
                s.User ?? _scriptUser));
            scriptSyntax.Add(new ScriptSyntax(s.Name, s.Statement.Location, s.Keywords.ToImmutableDictionary(StringComparer.Ordinal)));
        }

        var config2 = new RouterConfig
        {
            RouterId = _routerId,
            Instances = instances.ToImmutable(),
            Scripts = scripts.ToImmutable(),
            Files = [.. TrackedFiles()],
            Processes = [.. TrackedProcesses()],
            SyncGroups = groups.ToImmutable(),
            StartupDelay = _startupDelay,
            ScriptUser = _scriptUser,
            EnableScriptSecurity = _scriptSecurity,
        };
        return (config2, new ConfigSourceMap(file, instanceSyntax.ToImmutable(), scriptSyntax.ToImmutable()));
    }

    /// <summary>
    /// keepalived's <c>check_vrrp_script_security</c>: a script that cannot be found is disabled (and
    /// its tracks dropped); when any script will be executed and <c>enable_script_security</c> is not
    /// set, keepalived -t fails with its SECURITY VIOLATION.
    /// </summary>
    private void ScriptSecurity()
    {
        if (_instances.Count == 0)
        {
            return;
        }

        bool executed = false;
        ConfigToken? firstUse = null;
        foreach (ScriptDraft s in _scripts)
        {
            firstUse ??= s.Statement.Keyword;
            switch (_host.Script(s.Command!))
            {
                case ScriptAccess.NotFound:
                    Warn(s.Statement.Keyword, $"Disabling track script {s.Name} since not found/accessible");
                    s.Insecure = true;
                    break;
                case ScriptAccess.NotExecutable:
                    Report(DiagnosticSeverity.Notice, s.Statement.Keyword, $"WARNING - script '{s.Command}' is not executable - disabling.");
                    s.Insecure = true;
                    executed = true;
                    break;
                case ScriptAccess.Executable:
                    executed = true;
                    break;
            }
        }

        foreach ((NotifyScripts notify, ConfigToken at, Action<NotifyScripts> set) in NotifyOwners())
        {
            NotifyScripts kept = notify;
            foreach (string command in notify.Commands().ToList())
            {
                string program = command.Split(' ', 2)[0];
                firstUse ??= at;
                switch (_host.Script(program))
                {
                    case ScriptAccess.Executable:
                        executed = true;
                        break;
                    case ScriptAccess.NotExecutable:
                        executed = true;
                        kept = Without(kept, command);
                        break;
                    case ScriptAccess.NotFound:
                        kept = Without(kept, command);
                        break;
                }
            }

            set(kept);
        }

        foreach (InstanceDraft d in _instances)
        {
            d.TrackScripts.RemoveAll(t => t.Script.Insecure);
        }

        if (!_scriptSecurity && executed && firstUse is { } use)
        {
            Warn(use, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        }
        else if (_scriptSecurity && executed && _scriptUser is null && firstUse is { } u && _host is AssumedHost)
        {
            Report(DiagnosticSeverity.Notice, u, "scripts run as user 'keepalived_script' (no script_user): keepalived removes them if that user does not exist", notModelled: true);
        }
    }

    private IEnumerable<(NotifyScripts Notify, ConfigToken At, Action<NotifyScripts> Set)> NotifyOwners()
    {
        foreach (InstanceDraft d in _instances)
        {
            yield return (d.Notify, d.Statement.Keyword, n => d.Notify = n);
        }

        foreach (SyncGroupDraft g in _syncGroups)
        {
            yield return (g.Notify, g.Statement.Keyword, n => g.Notify = n);
        }
    }

    private static NotifyScripts Without(NotifyScripts n, string command) => new(
        n.Master == command ? null : n.Master,
        n.Backup == command ? null : n.Backup,
        n.Fault == command ? null : n.Fault,
        n.Stop == command ? null : n.Stop,
        n.Generic == command ? null : n.Generic);

    /// <summary>keepalived's <c>vrrp_complete_instance</c> for what VrrpLab models; null when keepalived gives up.</summary>
    private VrrpInstanceConfig? CompleteInstance(InstanceDraft d, string? weightBlocker)
    {
        ConfigToken at = d.Statement.Keyword;
        AddressFamily family = d.Family ?? AddressFamily.InterNetwork;
        VrrpVersion version = d.Version ?? (family == AddressFamily.InterNetworkV6 ? VrrpVersion.V3 : _globalVersion);

        if (d.Vips.Count == 0)
        {
            if (version == VrrpVersion.V3)
            {
                Error(at, $"({d.Name}) No VIP specified; at least one is required");
                return null;
            }

            Warn(at, $"({d.Name}) No VIP specified; at least one is sensible");
        }

        // "If no priority has been set, derive it from the initial state" (255 for MASTER, else 100),
        // "If no initial state has been set, derive it from the priority."
        byte priority = d.Priority != 0 ? d.Priority : d.State == InitialState.Master ? (byte)255 : (byte)100;
        InitialState state = d.State ?? (priority == 255 ? InitialState.Master : InitialState.Backup);

        AuthType auth = d.AuthType;
        string? pass = d.AuthPass;
        if (version == VrrpVersion.V3 && auth != AuthType.None)
        {
            Warn(at, $"({d.Name}) VRRP version 3 does not support authentication. Ignoring.");
            auth = AuthType.None;
        }
        else if (auth != AuthType.None && string.IsNullOrEmpty(pass))
        {
            Warn(at, $"({d.Name}) Authentication specified but no password given. Ignoring");
            auth = AuthType.None;
        }
        else if (family == AddressFamily.InterNetworkV6 && auth == AuthType.IpAh)
        {
            Warn(at, $"({d.Name}) Cannot use AH authentication with IPv6. ignoring");
            auth = AuthType.None;
        }
        else if (auth == AuthType.IpAh && state == InitialState.Master && priority != 255)
        {
            Warn(at, $"({d.Name}) Initial state master is incompatible with AH authentication - clearing");
            state = InitialState.Backup;
        }

        if (auth == AuthType.None)
        {
            pass = null;
        }

        bool unicast = d.UnicastConfigured && d.UnicastPeers.Count > 0;
        if (d.UnicastConfigured && d.UnicastPeers.Count == 0)
        {
            Warn(at, $"({d.Name}) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.");
        }

        if (family == AddressFamily.InterNetworkV6 && !unicast && d.Vips.Count > 0 && !d.Vips[0].Address.IsIPv6LinkLocal)
        {
            Report(DiagnosticSeverity.Notice, at, $"({d.Name}) the first IPv6 VIP address should be link local");
        }

        bool nopreempt = d.Nopreempt;
        long preemptDelay = d.PreemptDelayUs;
        if (priority == 255 && nopreempt)
        {
            Warn(Tok(d.Keywords["nopreempt"]), $"({d.Name}) nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        }

        if (state == InitialState.Master)
        {
            if (nopreempt)
            {
                Warn(Tok(d.Keywords["nopreempt"]), $"({d.Name}) Warning - nopreempt will not work with initial state MASTER - clearing");
                nopreempt = false;
            }

            if (preemptDelay != 0)
            {
                Warn(Tok(d.Keywords["preempt_delay"]), $"({d.Name}) Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = 0;
            }
        }

        if (preemptDelay != 0 && nopreempt)
        {
            Warn(Tok(d.Keywords["preempt_delay"]), $"({d.Name}) preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = 0;
        }

        GratuitousArpSettings garp = d.Garp.Over(_globalGarp.Over(GratuitousArpSettings.Default));

        Duration advert = AdvertInterval(d, version);

        var trackIfs = ImmutableArray.CreateBuilder<InterfaceTrack>();
        foreach ((InterfaceTrack t, ConfigToken where) in d.TrackInterfaces)
        {
            if (t.Interface == d.Interface)
            {
                Warn(where, $"({d.Name}) Ignoring track_interface {t.Interface} since own interface");
                continue;
            }

            trackIfs.Add(t);
        }

        var tracks = ImmutableArray.CreateBuilder<ScriptTrack>();
        foreach ((ScriptTrack track, ConfigToken _, ScriptDraft _) in d.TrackScripts)
        {
            tracks.Add(track);
        }

        List<FileTrack> files = [.. d.TrackFiles];

        // A sync group member (without sync_group_tracking_weight) or an address owner cannot have weights.
        string? blocker = weightBlocker ?? (priority == 255 ? "address owner" : null);
        if (blocker is not null)
        {
            for (int i = trackIfs.Count - 1; i >= 0; i--)
            {
                if (trackIfs[i].Weight != 0)
                {
                    bool sync = weightBlocker is not null;
                    Warn(at, $"({d.Name}) ignoring {trackIfs[i].Interface} tracked interface {(sync ? "weight " : "")}due to {(sync ? "SYNC group" : "address owner")}");
                    if (sync)
                    {
                        trackIfs[i] = trackIfs[i] with { Weight = 0 };
                    }
                    else
                    {
                        trackIfs.RemoveAt(i);
                    }
                }
            }

            for (int i = 0; i < tracks.Count;)
            {
                ScriptDraft script = d.TrackScripts.First(t => t.Track == tracks[i]).Script;
                if ((tracks[i].Weight ?? script.Weight) != 0)
                {
                    Warn(at, $"({d.Name}) ignoring tracked script {tracks[i].Name} with weights due to {(weightBlocker is not null ? "SYNC group" : "address_owner")}");
                    tracks.RemoveAt(i);
                    continue;
                }

                i++;
            }

            for (int i = files.Count - 1; i >= 0; i--)
            {
                if (files[i].Weight != 0)
                {
                    Warn(at, $"({d.Name}) ignoring tracked file {files[i].Name} with weight {N(files[i].Weight ?? 1)} due to {(weightBlocker is not null ? "SYNC group" : "address_owner")}");
                    files.RemoveAt(i);
                }
            }
        }

        return new VrrpInstanceConfig
        {
            Name = d.Name,
            Interface = d.Interface!,
            VirtualRouterId = d.Vrid!.Value,
            Priority = priority,
            State = state,
            Version = version,
            AdvertInterval = advert,
            Nopreempt = nopreempt,
            NopreemptWritten = d.Nopreempt,
            PreemptDelay = Duration.FromMicroseconds(preemptDelay),
            AuthType = auth,
            AuthPassword = pass,
            VirtualAddresses = [.. d.Vips],
            ExcludedAddresses = [.. d.ExcludedVips],
            TrackScripts = tracks.ToImmutable(),
            TrackFiles = [.. files],
            TrackProcesses = [.. d.TrackProcesses],
            TrackInterfaces = trackIfs.ToImmutable(),
            UnicastSourceAddress = unicast ? d.UnicastSource : null,
            UnicastPeers = unicast ? [.. d.UnicastPeers] : [],
            MulticastSourceAddress = unicast ? null : d.McastSource,
            GratuitousArp = garp,
            LowerPrioNoAdvert = d.LowerPrioNoAdvert ?? _globalLowerPrioNoAdvert,
            DownTimerAdverts = d.DownTimerAdverts ?? _globalDownTimerAdverts,
            Notify = d.Notify,
        };
    }

    /// <summary>
    /// keepalived rounds a v2 interval to whole seconds and a v3 one to 10 ms (half up, never to 0),
    /// and caps them at 255 s / 40.95 s, warning each time.
    /// </summary>
    private Duration AdvertInterval(InstanceDraft d, VrrpVersion version)
    {
        long us = d.AdvertIntervalUs == 0 ? 1_000_000 : d.AdvertIntervalUs;
        ConfigToken at = d.Keywords.TryGetValue("advert_int", out SourceLocation l) ? Tok(l) : d.Statement.Keyword;
        return Duration.FromMicroseconds(version == VrrpVersion.V2
            ? WholeUnits(at, us, 1_000_000, 255,
                $"({d.Name}) VRRPv2 advertisement interval {Seconds2(us)}s is out of range. Must be less than 256s. Setting to 255s",
                $"({d.Name}) VRRPv2 advertisement interval {Seconds6(us)}s must be an integer. rounding")
            : WholeUnits(at, us, 10_000, 4095,
                $"({d.Name}) VRRPv3 advertisement interval {Seconds2(us)}s is out of range. Must be less than 40.96s. Setting to 40.95s",
                $"({d.Name}) VRRPv3 advertisement interval {Seconds6(us)}s must be in units of 10ms - rounding"));
    }

    /// <summary>
    /// An interval of <paramref name="us"/> in whole <paramref name="unit"/>s: beyond
    /// <paramref name="maxUnits"/> it is capped, else rounded half up (never to 0), each with its message.
    /// </summary>
    private long WholeUnits(ConfigToken at, long us, long unit, long maxUnits, string outOfRange, string rounding)
    {
        if (us >= (maxUnits + 1) * unit)
        {
            Warn(at, outOfRange);
            return maxUnits * unit;
        }

        if (us % unit != 0)
        {
            Warn(at, rounding);
            us += unit / 2;
            us -= us % unit;
            if (us == 0)
            {
                us = unit;
            }
        }

        return us;
    }

    private static string Seconds6(long microseconds) =>
        N(microseconds / 1_000_000) + "." + (microseconds % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Seconds2(long microseconds) =>
        (microseconds / 1_000_000.0).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>keepalived's <c>check_vrid_conflicts</c>: one VRID, family and interface (and both multicast, or both unicast) twice stops VRRP.</summary>
    private bool VridConflict(ImmutableArray<VrrpInstanceConfig>.Builder instances, ImmutableArray<InstanceSyntax>.Builder syntax)
    {
        for (int i = 0; i < instances.Count; i++)
        {
            for (int j = i + 1; j < instances.Count; j++)
            {
                VrrpInstanceConfig a = instances[i];
                VrrpInstanceConfig b = instances[j];
                bool au = !a.UnicastPeers.IsDefaultOrEmpty;
                bool bu = !b.UnicastPeers.IsDefaultOrEmpty;
                if (a.VirtualRouterId != b.VirtualRouterId || a.Family != b.Family || au != bu || a.Interface != b.Interface)
                {
                    continue;
                }

                if (au && !(a.UnicastSourceAddress is { } sa && sa.Equals(b.UnicastSourceAddress)))
                {
                    // Unicast instances conflict only when their source addresses are known and equal.
                    continue;
                }

                string fam = a.Family == AddressFamily.InterNetworkV6 ? "6" : "4";
                Error(Tok(syntax[j].At("virtual_router_id")), $"{a.Name} and {b.Name} both use VRID {a.VirtualRouterId} with IPv{fam} on interface {a.Interface}");
                return true;
            }
        }

        return false;
    }

    private static ConfigToken Tok(SourceLocation l) => new(TokenKind.Word, "", l.File, l.Line, l.Column, false, 0);
}
