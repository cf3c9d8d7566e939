using System.Collections.Immutable;
using System.Net.Sockets;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// keepalived's post-parse derivations (<c>vrrp_complete_instance</c> in vrrp.c, 2.2.7), in its order.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    private (RouterConfig Config, ConfigSourceMap Source) Complete(string file)
    {
        // vrrp_script end handler and script security (keepalived: check_script_secure / process_threads).
        if (_firstScriptUse is not null && !_enableScriptSecurity)
        {
            Warn(_firstScriptUse.Keyword, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        }
        else if (_firstScriptUse is not null && _scriptUser is null)
        {
            Notice(_firstScriptUse.Keyword, "scripts run as user 'keepalived_script' (no script_user): keepalived removes them if that user does not exist");
        }

        var scripts = ImmutableArray.CreateBuilder<TrackedScript>();
        var scriptSyntax = ImmutableArray.CreateBuilder<ScriptSyntax>();
        foreach (ScriptDraft s in _scripts)
        {
            Duration interval = Duration.FromSeconds(s.IntervalSeconds);
            scripts.Add(new TrackedScript(
                s.Name,
                s.Script!,
                interval,
                s.TimeoutSeconds == 0 ? interval : Duration.FromSeconds(s.TimeoutSeconds),
                s.Weight,
                s.Rise,
                s.Fall,
                s.InitFail,
                s.User ?? _scriptUser));
            scriptSyntax.Add(new ScriptSyntax(s.Name, s.Statement.Location, s.Keywords.ToImmutableDictionary(StringComparer.Ordinal)));
        }

        // Sync group membership first: keepalived ignores weights of members' trackers.
        var groups = ImmutableArray.CreateBuilder<SyncGroupConfig>();
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        var weightedGroupMembers = new HashSet<string>(StringComparer.Ordinal);
        foreach ((SyncGroupConfig group, ConfigStatement at) in _syncGroups)
        {
            var members = new List<string>();
            foreach (string member in group.Instances)
            {
                if (!_instances.Any(i => i.Name == member))
                {
                    Warn(at.Keyword, $"Virtual router {member} specified in sync group {group.Name} doesn't exist - ignoring");
                }
                else if (!grouped.Add(member))
                {
                    Warn(at.Keyword, $"Virtual router {member} cannot exist in more than one sync group; ignoring {group.Name}");
                }
                else
                {
                    members.Add(member);
                }
            }

            if (members.Count == 0)
            {
                Warn(at.Keyword, $"Sync group {group.Name} has no virtual router(s). removing");
                continue;
            }

            if (members.Count == 1)
            {
                Warn(at.Keyword, $"Sync group {group.Name} has only 1 virtual router(s) - this probably isn't what you want");
            }

            if (at.HasBlock && at.Block.Any(c => c.Name == "sync_group_tracking_weight"))
            {
                weightedGroupMembers.UnionWith(members);
            }

            groups.Add(group with { Instances = [.. members] });
        }

        var instances = ImmutableArray.CreateBuilder<VrrpInstanceConfig>();
        var instanceSyntax = ImmutableArray.CreateBuilder<InstanceSyntax>();
        foreach (InstanceDraft d in _instances)
        {
            string? weightBlocker = grouped.Contains(d.Name) && !weightedGroupMembers.Contains(d.Name) ? "SYNC group" : null;
            if (CompleteInstance(d, scripts, weightBlocker) is { } config)
            {
                instances.Add(config);
                instanceSyntax.Add(d.ToSyntax());
            }
        }

        CheckDuplicateVrids(instances, instanceSyntax);

        // Members dropped by completion (errors) leave the groups too.
        for (int g = 0; g < groups.Count; g++)
        {
            groups[g] = groups[g] with { Instances = [.. groups[g].Instances.Where(n => instances.Any(i => i.Name == n))] };
        }

        var config2 = new RouterConfig
        {
            RouterId = _routerId,
            Instances = instances.ToImmutable(),
            Scripts = scripts.ToImmutable(),
            SyncGroups = groups.ToImmutable(),
            StartupDelay = _startupDelay,
            ScriptUser = _scriptUser,
            EnableScriptSecurity = _enableScriptSecurity,
        };
        return (config2, new ConfigSourceMap(file, instanceSyntax.ToImmutable(), scriptSyntax.ToImmutable()));
    }

    private VrrpInstanceConfig? CompleteInstance(InstanceDraft d, ImmutableArray<TrackedScript>.Builder scripts, string? weightBlocker)
    {
        ConfigToken at = d.Statement.Keyword;
        AddressFamily family = d.Family ?? AddressFamily.InterNetwork;

        // Version: explicit, else IPv6 means 3, else global vrrp_version.
        VrrpVersion version = d.Version ?? (family == AddressFamily.InterNetworkV6 ? VrrpVersion.V3 : _globalVersion);

        if (d.Vips.Count == 0)
        {
            if (version == VrrpVersion.V3 || family == AddressFamily.InterNetworkV6)
            {
                Error(at, $"({d.Name}) No VIP specified; at least one is required");
                return null;
            }

            Warn(at, $"({d.Name}) No VIP specified; at least one is sensible");
        }

        // "If no priority has been set, derive it from the initial state" (255 for MASTER, else 100).
        byte priority = d.Priority ?? (d.State == InitialState.Master ? (byte)255 : (byte)100);

        // "If no initial state has been set, derive it from the priority."
        InitialState state = d.State ?? (priority == 255 ? InitialState.Master : InitialState.Backup);

        AuthType auth = d.AuthType;
        string? pass = d.AuthPass;
        if (version == VrrpVersion.V3 && auth != AuthType.None)
        {
            Warn(d.Keywords.TryGetValue("authentication", out SourceLocation al) ? Tok(al) : at, $"({d.Name}) VRRP version 3 does not support authentication. Ignoring.");
            auth = AuthType.None;
            pass = null;
        }
        else if (auth != AuthType.None && string.IsNullOrEmpty(pass))
        {
            Warn(Tok(d.Keywords.GetValueOrDefault("auth_type", d.Statement.Location)), $"({d.Name}) Authentication specified but no password given. Ignoring");
            auth = AuthType.None;
            pass = null;
        }
        else if (auth == AuthType.IpAh && family == AddressFamily.InterNetworkV6)
        {
            Warn(at, $"({d.Name}) Cannot use AH authentication with IPv6 - ignoring");
            auth = AuthType.None;
            pass = null;
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

        // chk_min_cfg
        if (d.Vrid is null)
        {
            Error(at, $"({d.Name}) the virtual router id must be set");
            return null;
        }

        if (d.Interface is null)
        {
            Error(at, d.UnicastSource is null && d.UnicastPeers.Count == 0
                ? $"({d.Name}) Unknown interface!"
                : $"({d.Name}) interface is required by VrrpLab (keepalived would use unicast_src_ip's interface)");
            return null;
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

        Duration advert = AdvertInterval(d, version);

        var tracks = ImmutableArray.CreateBuilder<ScriptTrack>();
        foreach ((ScriptTrack track, ConfigToken where) in d.TrackScripts)
        {
            TrackedScript? script = scripts.FirstOrDefault(s => s.Name == track.Name);
            if (script is null)
            {
                Warn(where, $"({d.Name}) track script {track.Name} not found, ignoring...");
                continue;
            }

            string? blocker = priority == 255 ? "address_owner" : weightBlocker;
            if (blocker is not null && (track.Weight ?? script.Weight) != 0)
            {
                // vrrp.c: an address owner, or a sync group member (without sync_group_tracking_weight),
                // cannot have a weighted tracker.
                Warn(where, $"({d.Name}) ignoring tracked script {track.Name} with weights due to {blocker}");
                continue;
            }

            tracks.Add(track);
        }

        var trackIfs = ImmutableArray.CreateBuilder<InterfaceTrack>();
        foreach (InterfaceTrack t in d.TrackInterfaces)
        {
            if (t.Interface == d.Interface)
            {
                Warn(at, $"({d.Name}) Ignoring track_interface {t.Interface} since own interface");
                continue;
            }

            string? ifBlocker = priority == 255 ? "address_owner" : weightBlocker;
            if (ifBlocker is not null && t.Weight != 0)
            {
                // keepalived keeps the interface tracked but drops the weight: down means FAULT.
                Warn(at, $"({d.Name}) ignoring {t.Interface} tracked interface weight due to {ifBlocker}");
                trackIfs.Add(t with { Weight = 0 });
                continue;
            }

            trackIfs.Add(t);
        }

        GratuitousArpSettings garp = _globalGarp with
        {
            MasterDelay = d.GarpMasterDelay ?? _globalGarp.MasterDelay,
            MasterRepeat = d.GarpMasterRepeat ?? _globalGarp.MasterRepeat,
            MasterRefresh = d.GarpMasterRefresh ?? _globalGarp.MasterRefresh,
            MasterRefreshRepeat = d.GarpMasterRefreshRepeat ?? _globalGarp.MasterRefreshRepeat,
            LowerPrioDelay = d.GarpLowerPrioDelay ?? _globalGarp.LowerPrioDelay,
            LowerPrioRepeat = d.GarpLowerPrioRepeat ?? _globalGarp.LowerPrioRepeat,
        };

        return new VrrpInstanceConfig
        {
            Name = d.Name,
            Interface = d.Interface,
            VirtualRouterId = d.Vrid.Value,
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
            TrackInterfaces = trackIfs.ToImmutable(),
            UnicastSourceAddress = d.UnicastSource,
            UnicastPeers = [.. d.UnicastPeers],
            MulticastSourceAddress = d.McastSource,
            GratuitousArp = garp,
            LowerPrioNoAdvert = d.LowerPrioNoAdvert ?? _globalLowerPrioNoAdvert,
            DownTimerAdverts = d.DownTimerAdverts,
            Notify = d.Notify,
        };
    }

    /// <summary>
    /// keepalived rounds a v2 interval to whole seconds and a v3 one to 10 ms (half up, never to 0),
    /// and caps them at 255 s / 40.95 s, warning each time.
    /// </summary>
    private Duration AdvertInterval(InstanceDraft d, VrrpVersion version)
    {
        long us = d.AdvertIntervalUs ?? 1_000_000;
        ConfigToken at = d.Keywords.TryGetValue("advert_int", out SourceLocation l) ? Tok(l) : d.Statement.Keyword;
        if (version == VrrpVersion.V2)
        {
            if (us >= 256_000_000)
            {
                Warn(at, $"({d.Name}) VRRPv2 advertisement interval {NumberParser.Seconds2(us)}s is out of range. Must be less than 256s. Setting to 255s");
                us = 255_000_000;
            }
            else if (us % 1_000_000 != 0)
            {
                Warn(at, $"({d.Name}) VRRPv2 advertisement interval {NumberParser.Seconds6(us)}s must be an integer. rounding");
                us += 500_000;
                us -= us % 1_000_000;
                if (us == 0)
                {
                    us = 1_000_000;
                }
            }
        }
        else
        {
            if (us >= 4096 * 10_000)
            {
                Warn(at, $"({d.Name}) VRRPv3 advertisement interval {NumberParser.Seconds2(us)}s is out of range. Must be less than 40.96s. Setting to 40.95s");
                us = 4095 * 10_000;
            }
            else if (us % 10_000 != 0)
            {
                Warn(at, $"({d.Name}) VRRPv3 advertisement interval {NumberParser.Seconds6(us)}s must be in units of 10ms - rounding");
                us += 5_000;
                us -= us % 10_000;
                if (us == 0)
                {
                    us = 10_000;
                }
            }
        }

        return Duration.FromMicroseconds(us);
    }

    /// <summary>keepalived refuses two instances with one VRID, family and interface (an error: they would answer each other's adverts).</summary>
    private void CheckDuplicateVrids(ImmutableArray<VrrpInstanceConfig>.Builder instances, ImmutableArray<InstanceSyntax>.Builder syntax)
    {
        for (int i = 0; i < instances.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                VrrpInstanceConfig a = instances[j];
                VrrpInstanceConfig b = instances[i];
                if (a.VirtualRouterId == b.VirtualRouterId && a.Interface == b.Interface && a.Family == b.Family)
                {
                    string fam = a.Family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
                    Error(Tok(syntax[i].At("virtual_router_id")), $"{a.Name} and {b.Name} both use VRID {a.VirtualRouterId} with {fam} on interface {a.Interface}");
                }
            }
        }
    }

    private static ConfigToken Tok(SourceLocation l) => new(TokenKind.Word, "", l.File, l.Line, l.Column, false, 0);
}
