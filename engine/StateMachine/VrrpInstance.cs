using System.Net;
using Stateless;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// One <c>vrrp_instance</c> inside a <see cref="VrrpRouter"/>: a Stateless state machine over
/// <see cref="VrrpState"/> with keepalived's semantics (docs/domain.md section 4). Drivers only read it;
/// every input goes through the router.
/// </summary>
/// <remarks>
/// The class is split along the RFC: this file holds the instance's data and turns the router's calls
/// into events; <c>VrrpInstance.Transitions.cs</c> is the state table (guards, what each event does
/// in each state); <c>.Backup.cs</c> and <c>.Master.cs</c> hold those states' handlers, entry and exit
/// actions, <c>.Init.cs</c> those of INIT, FAULT and STOP; <c>.Effects.cs</c> the effects (adverts, addresses,
/// gratuitous ARPs, notify scripts) and the effective priority.
/// </remarks>
public sealed partial class VrrpInstance
{
    private readonly VrrpRouter _router;
    private VrrpState _state = VrrpState.Init;

    // Timers (Instant.Never = disarmed).
    private Instant _masterDown = Instant.Never;
    private Instant _advertTimer = Instant.Never;
    private Instant _garpDelayTimer = Instant.Never;
    private Instant _garpRefreshTimer = Instant.Never;
    private Instant _lowerPrioGarpTimer = Instant.Never;
    private Instant _preemptDelayEnd = Instant.Never;
    private Instant _lastAnswer = Instant.Never;
    private bool _startRequested;
    private bool _vipMismatchLogged;

    internal VrrpInstance(VrrpRouter router, VrrpInstanceConfig config, int index)
    {
        _router = router;
        Config = config;
        Index = index;
        EffectivePriority = config.Priority;
        MasterAdvertInterval = config.AdvertInterval;
    }

    /// <summary>The configuration.</summary>
    public VrrpInstanceConfig Config { get; }

    /// <summary>Instance name.</summary>
    public string Name => Config.Name;

    /// <summary>Current state.</summary>
    public VrrpState State => _state;

    /// <summary>Current priority after tracking (what adverts carry).</summary>
    public byte EffectivePriority { get; private set; }

    /// <summary>The master's advert interval: learned from accepted adverts (v3) or configured.</summary>
    public Duration MasterAdvertInterval { get; private set; }

    /// <summary>Current Skew_Time for the effective priority.</summary>
    public Duration SkewTime => VrrpTimers.SkewTime(Config.Version, EffectivePriority, MasterAdvertInterval);

    /// <summary>Current Master_Down_Interval for the effective priority.</summary>
    public Duration MasterDownInterval =>
        VrrpTimers.MasterDownInterval(Config.Version, EffectivePriority, MasterAdvertInterval, Config.DownTimerAdverts);

    /// <summary>When the BACKUP's down timer fires (<see cref="Instant.Never"/> when disarmed).</summary>
    public Instant MasterDownDeadline => _masterDown;

    /// <summary>The primary address adverts are sent from (and compared on equal priority).</summary>
    public IPAddress? PrimaryAddress { get; private set; }

    internal int Index { get; }

    internal SyncGroup? Group { get; set; }

    /// <summary>Sync groups: this member's down timer fired and it is waiting for the others.</summary>
    internal bool WantsMaster { get; private set; }

    /// <summary>The instance's own interface is down.</summary>
    internal bool HasOwnFault { get; private set; }

    internal Instant NextDeadline
    {
        // Read for every instance on every router call; the NativeAOT build does not inline it unasked.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => Instant.Min(
            Instant.Min(_masterDown, _advertTimer),
            Instant.Min(_garpDelayTimer, Instant.Min(_garpRefreshTimer, _lowerPrioGarpTimer)));
    }

    /// <summary>Whether this instance (or its sync group) must be in FAULT.</summary>
    internal bool IsFaulted => Group?.AnyMemberFaulted ?? OwnFaulted;

    internal bool OwnFaulted => HasOwnFault || _router.TrackingFault(Config);

    // ---------------------------------------------------------------- inputs from the router, as events

    internal void Start(Instant now, IPAddress? primary, bool interfaceUp)
    {
        PrimaryAddress = Config.UnicastSourceAddress ?? Config.MulticastSourceAddress ?? primary;
        HasOwnFault = !interfaceUp;
        _startRequested = true;
        TryLeaveInit(now);
    }

    /// <summary>
    /// Leaves INIT once started and no weight-0 tracked script is still waiting for its first
    /// result (keepalived holds such instances in INIT).
    /// </summary>
    internal void TryLeaveInit(Instant now) => Fire(VrrpTrigger.Startup, new InstanceInput(now, "init"));

    /// <summary>
    /// A packet for this VRID was received and dropped (<see cref="PacketPolicy.Keepalived"/> only).
    /// keepalived (vrrp_scheduler.c, vrrp_dispatcher_read) restarts a MASTER's advert timer after every
    /// packet for its VRID unless <c>lower_prio_no_advert</c>; the valid cases restart it themselves.
    /// </summary>
    /// <returns>True when the advert timer was restarted.</returns>
    internal bool PacketHeard(Instant now) => Fire(VrrpTrigger.DroppedPacketHeard, new InstanceInput(now, "packet dropped"));

    internal void Shutdown(Instant now) => Fire(VrrpTrigger.Shutdown, new InstanceInput(now, "shutdown"));

    /// <summary>A validated advert for this instance arrived.</summary>
    internal void Receive(Instant now, Advertisement advert, IPAddress source)
    {
        CheckAddressList(advert, source);
        Fire(VrrpTrigger.AdvertReceived, new InstanceInput(now, "advert", advert, source));
    }

    /// <summary>Tracking changed (scripts, interfaces): recompute priority.</summary>
    internal void TrackingChanged(Instant now) => Fire(VrrpTrigger.TrackingChanged, new InstanceInput(now, "tracking"));

    /// <summary>Own interface carrier changed.</summary>
    internal void SetOwnInterface(bool up) => HasOwnFault = !up;

    /// <summary>Enters or leaves FAULT to match <see cref="IsFaulted"/>.</summary>
    internal void ApplyFault(Instant now, string cause) =>
        Fire(IsFaulted ? VrrpTrigger.FaultDetected : VrrpTrigger.FaultCleared, new InstanceInput(now, cause));

    /// <summary>Sync group: become MASTER with the rest of the group.</summary>
    internal void JoinGroupMaster(Instant now) => Fire(VrrpTrigger.SyncGroupMaster, new InstanceInput(now, "sync group"));

    /// <summary>Sync group: become BACKUP with the rest of the group.</summary>
    internal void JoinGroupBackup(Instant now) => Fire(VrrpTrigger.SyncGroupBackup, new InstanceInput(now, "sync group"));

    // ---------------------------------------------------------------- timers

    /// <summary>Fires every due timer of this instance, earliest first.</summary>
    internal void AdvanceTo(Instant now)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            Instant due = NextDeadline;
            if (due > now)
            {
                return;
            }

            if (due == _masterDown)
            {
                _masterDown = Instant.Never;
                Fire(VrrpTrigger.MasterDownTimerExpired, new InstanceInput(now, "master down timer"));
            }
            else if (due == _advertTimer)
            {
                _advertTimer = NextPeriod(_advertTimer, MasterAdvertIntervalToSend, now);
                Fire(VrrpTrigger.AdvertTimerExpired, new InstanceInput(now, "advert timer"));
            }
            else if (due == _garpDelayTimer)
            {
                _garpDelayTimer = Instant.Never;
                SendGratuitousArps(Config.GratuitousArp.MasterRepeat);
            }
            else if (due == _garpRefreshTimer)
            {
                _garpRefreshTimer = NextPeriod(_garpRefreshTimer, Config.GratuitousArp.MasterRefresh, now);
                SendGratuitousArps(Config.GratuitousArp.MasterRefreshRepeat);
            }
            else
            {
                _lowerPrioGarpTimer = Instant.Never;
                SendGratuitousArps(Config.GratuitousArp.LowerPrioRepeat);
            }
        }
    }

    private static Instant NextPeriod(Instant previous, Duration period, Instant now)
    {
        // Keep the cadence of the original schedule (no drift from advert to advert); after a
        // long stall (pause) resume from now rather than firing a burst of overdue periods.
        Instant next = previous + period;
        return next > now ? next : now + period;
    }

    private void OnTransitioned(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        if (t.Source != t.Destination)
        {
            _router.Emit(new StateChanged(Name, t.Source, t.Destination, InputOf(t).Cause));
            Group?.MemberChangedState();
        }
    }

    /// <summary>
    /// domain.md section 4: a VIP-list mismatch is logged, not discarded (keepalived >= 2.3.3).
    /// Logged once until the lists agree again.
    /// </summary>
    private void CheckAddressList(Advertisement advert, IPAddress source)
    {
        if (advert.IsResignation)
        {
            return;
        }

        IPAddress? missing = null;
        foreach (VirtualAddress vip in Config.VirtualAddresses)
        {
            if (!advert.Addresses.Contains(vip.Address))
            {
                missing = vip.Address;
                break;
            }
        }

        bool mismatch = missing is not null || advert.Addresses.Length != Config.VirtualAddresses.Length;
        if (mismatch && !_vipMismatchLogged)
        {
            _router.Log(missing is not null
                ? $"({Name}) ip address associated with VRID {Config.VirtualRouterId} not present in MASTER advert : {missing} (from {source})"
                : $"({Name}) received an unexpected ip number count {advert.Addresses.Length}, expected {Config.VirtualAddresses.Length} (from {source})");
        }

        _vipMismatchLogged = mismatch;
    }

    /// <summary>Unsigned, network-order comparison of two addresses of one family.</summary>
    internal static int CompareAddresses(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        if (!a.TryWriteBytes(x, out int nx) || !b.TryWriteBytes(y, out int ny))
        {
            return 0;
        }

        if (nx != ny)
        {
            return nx.CompareTo(ny);
        }

        return x[..nx].SequenceCompareTo(y[..ny]);
    }
}
