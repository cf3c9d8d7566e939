using System.Collections.Immutable;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>Reloading the configuration (SIGHUP, <c>systemctl reload</c>) as keepalived 2.2.7 does.</summary>
public sealed partial class VrrpRouter
{
    /// <summary>
    /// Hands the running instances over to a new router for <paramref name="config"/> (keepalived's
    /// reload): an instance of the new configuration with the same VRID, address family and interface
    /// as a running one continues it (its name and every other setting may change); running instances
    /// with no such counterpart leave; new ones start as at boot. This router is finished afterwards:
    /// the caller drives the returned one.
    /// </summary>
    /// <param name="now">The reload's instant.</param>
    /// <param name="config">The new configuration (already validated by the caller).</param>
    /// <param name="interfaces">The host's interfaces now.</param>
    /// <returns>The new router, the effects to perform (in order), and what happened to each instance.</returns>
    /// <remarks>
    /// keepalived 2.2.7 (vrrp.c <c>vrrp_exist</c>, <c>clear_diff_vrrp</c>, <c>restore_vrrp_state</c>;
    /// vrrp_scheduler.c <c>vrrp_init_state</c>, <c>vrrp_init_instance_sands</c>), confirmed on the Debian
    /// package in network namespaces:
    /// <list type="bullet">
    /// <item>A continued MASTER stays MASTER without a priority-0 advert: VIPs that are no longer configured
    /// are removed, new ones added (and then gratuitous ARPs for all of its VIPs; none when nothing was
    /// added), and it sends an advert at once with its new settings (a lower priority takes effect on the
    /// wire there and then).</item>
    /// <item>A continued BACKUP stays BACKUP with a fresh Master_Down_Interval from the reload; a FAULT
    /// stays FAULT until its tracking says otherwise.</item>
    /// <item>A removed MASTER sends priority 0 and removes its VIPs; a removed BACKUP leaves silently.</item>
    /// <item>A tracked script of the same name keeps its state (keepalived keeps a successful one:
    /// "considered successful on reload").</item>
    /// </list>
    /// </remarks>
    public RouterReload Reload(Instant now, RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        var next = new VrrpRouter(config, interfaces);
        var effects = new List<Effect>();
        var outcomes = ImmutableArray.CreateBuilder<InstanceReload>();
        _effects.Clear();
        if (!IsRunning)
        {
            throw new InvalidOperationException("only a running router can be reloaded");
        }

        // Match each new instance to the first unmatched running one of the same VRID, family and interface.
        var continued = new VrrpInstance?[next._instances.Length];
        var matched = new bool[_instances.Length];
        for (int n = 0; n < next._instances.Length; n++)
        {
            VrrpInstanceConfig c = next._instances[n].Config;
            for (int o = 0; o < _instances.Length; o++)
            {
                VrrpInstanceConfig old = _instances[o].Config;
                if (!matched[o] && old.VirtualRouterId == c.VirtualRouterId && old.Family == c.Family
                    && string.Equals(old.Interface, c.Interface, StringComparison.Ordinal))
                {
                    matched[o] = true;
                    continued[n] = _instances[o];
                    break;
                }
            }
        }

        // Removed instances leave as on SIGTERM; continued MASTERs drop the VIPs the new configuration no longer has.
        _stopped = true;
        for (int o = 0; o < _instances.Length; o++)
        {
            if (!matched[o])
            {
                outcomes.Add(new InstanceReload(_instances[o].Name, null, InstanceReloadKind.Removed, _instances[o].State));
                _instances[o].Shutdown(now);
            }
        }

        for (int n = 0; n < next._instances.Length; n++)
        {
            continued[n]?.RemoveAddressesDroppedBy(next._instances[n].Config);
        }

        effects.AddRange(_effects);
        _effects.Clear();

        next.Continue(now, this, continued);
        effects.AddRange(next._effects);
        next._effects.Clear();
        for (int n = 0; n < next._instances.Length; n++)
        {
            VrrpInstance i = next._instances[n];
            outcomes.Add(continued[n] is { } old
                ? new InstanceReload(i.Name, old.Name, InstanceReloadKind.Continued, i.State)
                : new InstanceReload(i.Name, null, InstanceReloadKind.Added, i.State));
        }

        return new RouterReload(next, effects, outcomes.ToImmutable());
    }

    /// <summary>Starts this (new) router as the continuation of <paramref name="previous"/>.</summary>
    private void Continue(Instant now, VrrpRouter previous, VrrpInstance?[] continued)
    {
        _effects.Clear();
        _started = true;

        // The carriers the previous router was told about stay as it knew them (events may still be queued).
        foreach ((string name, bool up) in previous._linkUp)
        {
            _linkUp[name] = up;
        }

        foreach ((string name, long value) in previous._fileValues)
        {
            _fileValues.TryAdd(name, value);
        }

        foreach ((string name, bool quorum) in previous._processQuorum)
        {
            _processQuorum.TryAdd(name, quorum);
        }

        // vrrp_startup_delay counts from the process start, not from a reload.
        _listenFrom = previous._listenFrom;
        foreach (ScriptTracker s in _scripts)
        {
            if (previous._scriptsByName.TryGetValue(s.Script.Name, out ScriptTracker? old))
            {
                s.ContinueFrom(old);
                if (old.IsOk)
                {
                    Log($"VRRP_Script({s.Script.Name}) considered successful on reload");
                }
            }
            else
            {
                s.NextRun = now;
            }
        }

        for (int n = 0; n < _instances.Length; n++)
        {
            VrrpInstance i = _instances[n];
            if (continued[n] is { } old)
            {
                i.Continue(now, old, PrimaryAddress(i.Config), LinkUp(i.Config.Interface));
            }
            else
            {
                i.Start(now, PrimaryAddress(i.Config), LinkUp(i.Config.Interface));
            }
        }

        // The new tracking (interfaces, scripts, weights) may put an instance in FAULT or take it out.
        foreach (VrrpInstance i in _instances)
        {
            if (i.State != VrrpState.Init)
            {
                i.ApplyFault(now, "reload");
            }
        }

        AdvanceCore(now);
    }
}

/// <summary>The result of <see cref="VrrpRouter.Reload"/>.</summary>
/// <param name="Router">The router to drive from now on.</param>
/// <param name="Effects">What to perform, in order (priority 0 and VIP removals of leaving instances first).</param>
/// <param name="Instances">What happened to each instance: removed ones first, then the new configuration's in order.</param>
public sealed record RouterReload(VrrpRouter Router, IReadOnlyList<Effect> Effects, ImmutableArray<InstanceReload> Instances);

/// <summary>What a reload did to one instance.</summary>
/// <param name="Name">The instance's name (the new one for a continued instance).</param>
/// <param name="PreviousName">The name it ran under before, for a continued instance.</param>
/// <param name="Kind">Continued, added or removed.</param>
/// <param name="State">Its state right after the reload; for a removed instance, the state it left from.</param>
public sealed record InstanceReload(string Name, string? PreviousName, InstanceReloadKind Kind, VrrpState State);

/// <summary>How a reload treated an instance.</summary>
public enum InstanceReloadKind
{
    /// <summary>Same VRID, family and interface as a running instance: it keeps that instance's state and VIPs.</summary>
    Continued,

    /// <summary>New: started as at boot.</summary>
    Added,

    /// <summary>Gone from the configuration: left as on SIGTERM (a MASTER sends priority 0).</summary>
    Removed,
}
