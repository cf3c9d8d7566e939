using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
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
public sealed class VrrpInstance
{
    private static readonly IPAddress MulticastV4 = IPAddress.Parse("224.0.0.18");
    private static readonly IPAddress MulticastV6 = IPAddress.Parse("ff02::12");

    private readonly VrrpRouter _router;
    private readonly StateMachine<VrrpState, VrrpTrigger> _machine;
    private VrrpState _state = VrrpState.Init;

    // Input context for the machine's actions (set just before Fire).
    private Instant _now;
    private Advertisement? _advert;
    private IPAddress? _advertSource;
    private string _cause = "";

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
        _machine = BuildMachine(() => _state, s => _state = s);
        _machine.OnTransitioned(OnTransitioned);
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

    internal Instant NextDeadline =>
        Instant.Min(Instant.Min(_masterDown, _advertTimer),
            Instant.Min(_garpDelayTimer, Instant.Min(_garpRefreshTimer, _lowerPrioGarpTimer)));

    /// <summary>Builds this instance's state machine over the given state storage.</summary>
    private StateMachine<VrrpState, VrrpTrigger> BuildMachine(Func<VrrpState> get, Action<VrrpState> set)
    {
        var m = new StateMachine<VrrpState, VrrpTrigger>(get, set, FiringMode.Immediate);
        Define(m, this);
        return m;
    }

    /// <summary>
    /// The state-preserving (internal) transitions: part of the Stateless definition above, and the
    /// single table the fast path below dispatches from, so the two cannot disagree.
    /// </summary>
    internal static readonly (VrrpState State, VrrpTrigger Trigger, Action<VrrpInstance> Action)[] InternalTransitions =
    [
        (VrrpState.Backup, VrrpTrigger.AdvertAccepted, i => i.BackupAcceptAdvert()),
        (VrrpState.Backup, VrrpTrigger.LowerPriorityAdvertDiscarded, i => i.BackupDiscardLowerPriority()),
        (VrrpState.Backup, VrrpTrigger.ResignationReceived, i => i.BackupHearResignation()),
        (VrrpState.Master, VrrpTrigger.AdvertTimerExpired, i => i.MasterAdvertTimer()),
        (VrrpState.Master, VrrpTrigger.ResignationReceived, i => i.MasterHearResignation()),
        (VrrpState.Master, VrrpTrigger.LowerPriorityAdvert, i => i.MasterHearLowerPriority()),
    ];

    private static readonly Action<VrrpInstance>?[,] InternalByStateAndTrigger = IndexInternalTransitions();

    private static Action<VrrpInstance>?[,] IndexInternalTransitions()
    {
        var table = new Action<VrrpInstance>?[Enum.GetValues<VrrpState>().Length, Enum.GetValues<VrrpTrigger>().Length];
        foreach ((VrrpState state, VrrpTrigger trigger, Action<VrrpInstance> action) in InternalTransitions)
        {
            table[(int)state, (int)trigger] = action;
        }

        return table;
    }

    /// <summary>
    /// The state machine's definition. With <paramref name="i"/> null the actions are no-ops and the
    /// guards permissive (the definition is used only for its graph).
    /// </summary>
    internal static void Define(StateMachine<VrrpState, VrrpTrigger> m, VrrpInstance? i)
    {
        m.Configure(VrrpState.Init)
            .Permit(VrrpTrigger.Startup, VrrpState.Backup)
            .Permit(VrrpTrigger.StartupAsOwner, VrrpState.Master)
            .Permit(VrrpTrigger.StartupInFault, VrrpState.Fault)
            .Permit(VrrpTrigger.Shutdown, VrrpState.Stop);

        m.Configure(VrrpState.Backup)
            .OnEntry(t => i?.EnterBackup(t), "arm Master_Down_Timer; remove VIPs if coming from MASTER")
            .OnExit(() => i?.ExitBackup(), "disarm Master_Down_Timer")
            .Permit(VrrpTrigger.MasterDownTimerExpired, VrrpState.Master)
            .Permit(VrrpTrigger.SyncGroupMaster, VrrpState.Master)
            .Permit(VrrpTrigger.FaultDetected, VrrpState.Fault)
            .Permit(VrrpTrigger.Shutdown, VrrpState.Stop)
            .Ignore(VrrpTrigger.SyncGroupBackup);

        m.Configure(VrrpState.Master)
            .OnEntry(() => i?.EnterMaster(), "add VIPs, gratuitous ARPs, arm Adver_Timer")
            .OnExit(() => i?.ExitMaster(), "disarm Adver_Timer and GARP timers")
            .Permit(VrrpTrigger.HigherPriorityAdvert, VrrpState.Backup)
            .Permit(VrrpTrigger.SyncGroupBackup, VrrpState.Backup)
            .Permit(VrrpTrigger.FaultDetected, VrrpState.Fault)
            .Permit(VrrpTrigger.Shutdown, VrrpState.Stop)
            .Ignore(VrrpTrigger.SyncGroupMaster);

        foreach ((VrrpState state, VrrpTrigger trigger, Action<VrrpInstance> action) in InternalTransitions)
        {
            m.Configure(state).InternalTransition(trigger, _ =>
            {
                if (i is not null)
                {
                    action(i);
                }
            });
        }

        m.Configure(VrrpState.Fault)
            .OnEntry(t => i?.EnterFault(t), "priority 0 and remove VIPs if coming from MASTER")
            .Permit(VrrpTrigger.FaultCleared, VrrpState.Backup)
            .Permit(VrrpTrigger.Shutdown, VrrpState.Stop)
            .Ignore(VrrpTrigger.FaultDetected)
            .Ignore(VrrpTrigger.SyncGroupBackup)
            .Ignore(VrrpTrigger.SyncGroupMaster);

        m.Configure(VrrpState.Stop)
            .OnEntry(t => i?.EnterStop(t), "priority 0 and remove VIPs if coming from MASTER")
            .Ignore(VrrpTrigger.Shutdown);
    }

    // ---------------------------------------------------------------- inputs from the router

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
    internal void TryLeaveInit(Instant now)
    {
        if (_state != VrrpState.Init || !_startRequested || _router.TrackingHolds(Config))
        {
            return;
        }

        RecomputePriority(now, initial: true);
        if (IsFaulted)
        {
            Fire(now, VrrpTrigger.StartupInFault, "init");
        }
        else if (Config.IsAddressOwner)
        {
            // keepalived: the address owner sends an advert and takes the addresses at once.
            SendAdvertisement(EffectivePriority);
            Fire(now, VrrpTrigger.StartupAsOwner, "init (address owner)");
        }
        else
        {
            Fire(now, VrrpTrigger.Startup, "init");
        }
    }

    /// <summary>
    /// A packet for this VRID was received and dropped (<see cref="PacketPolicy.Keepalived"/> only).
    /// keepalived (vrrp_scheduler.c, vrrp_dispatcher_read) restarts a MASTER's advert timer after every
    /// packet for its VRID unless <c>lower_prio_no_advert</c>; the valid cases restart it themselves.
    /// </summary>
    /// <returns>True when the advert timer was restarted.</returns>
    internal bool PacketHeard(Instant now)
    {
        if (_state == VrrpState.Master && !Config.LowerPrioNoAdvert)
        {
            _advertTimer = now + MasterAdvertIntervalToSend;
            return true;
        }

        return false;
    }

    internal void Shutdown(Instant now) => Fire(now, VrrpTrigger.Shutdown, "shutdown");

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
                MasterDownTimerFired(now);
            }
            else if (due == _advertTimer)
            {
                _advertTimer = NextPeriod(_advertTimer, MasterAdvertIntervalToSend, now);
                Fire(now, VrrpTrigger.AdvertTimerExpired, "advert timer");
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

    /// <summary>A validated advert for this instance arrived.</summary>
    internal void Receive(Instant now, Advertisement advert, IPAddress source)
    {
        _advert = advert;
        _advertSource = source;
        CheckAddressList(advert, source);
        switch (_state)
        {
            case VrrpState.Backup:
                if (advert.IsResignation)
                {
                    Fire(now, VrrpTrigger.ResignationReceived, "priority 0 received");
                }
                else if (BackupAccepts(now, advert))
                {
                    Fire(now, VrrpTrigger.AdvertAccepted, "advert");
                }
                else
                {
                    Fire(now, VrrpTrigger.LowerPriorityAdvertDiscarded, "lower priority advert");
                }

                break;

            case VrrpState.Master:
                if (Hardened && (advert.IsResignation || !IsHigherThanUs(advert.Priority, source)) && !MayAnswer(now))
                {
                    // Hardened: at most one immediate answer per advert interval (a replayed advert must
                    // not turn the MASTER into an amplifier); its periodic adverts go on regardless.
                    _router.Dropped(this, source, AdvertDropReason.RateLimited);
                }
                else if (advert.IsResignation)
                {
                    Fire(now, VrrpTrigger.ResignationReceived, "priority 0 received");
                }
                else if (IsHigherThanUs(advert.Priority, source))
                {
                    _router.Log(advert.Priority == EffectivePriority
                        ? $"({Name}) Master received advert from {source} with same priority {advert.Priority} but higher IP address than ours"
                        : $"({Name}) Master received advert from {source} with higher priority {advert.Priority}, ours {EffectivePriority}");
                    if (Config.Version == VrrpVersion.V3)
                    {
                        MasterAdvertInterval = advert.AdvertInterval;
                    }

                    Fire(now, VrrpTrigger.HigherPriorityAdvert, $"higher priority advert from {source}");
                    _router.Accepted(this, source, advert);
                    Group?.FollowBackup(now, this);
                }
                else
                {
                    Fire(now, VrrpTrigger.LowerPriorityAdvert, "lower priority advert");
                }

                break;

            default:
                _router.Dropped(this, source, AdvertDropReason.NotListening);
                break;
        }

        _advert = null;
        _advertSource = null;
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

    /// <summary>Tracking changed (scripts, interfaces): recompute priority and FAULT.</summary>
    internal void TrackingChanged(Instant now)
    {
        if (_state == VrrpState.Stop)
        {
            return;
        }

        RecomputePriority(now, initial: false);
    }

    /// <summary>Own interface carrier changed.</summary>
    internal void SetOwnInterface(bool up) => HasOwnFault = !up;

    /// <summary>Whether this instance (or its sync group) must be in FAULT.</summary>
    internal bool IsFaulted => Group?.AnyMemberFaulted ?? OwnFaulted;

    internal bool OwnFaulted => HasOwnFault || _router.TrackingFault(Config);

    /// <summary>Enters or leaves FAULT to match <see cref="IsFaulted"/>.</summary>
    internal void ApplyFault(Instant now, string cause)
    {
        bool faulted = IsFaulted;
        if (faulted && _state is VrrpState.Backup or VrrpState.Master)
        {
            Fire(now, VrrpTrigger.FaultDetected, cause);
        }
        else if (!faulted && _state == VrrpState.Fault)
        {
            Fire(now, VrrpTrigger.FaultCleared, cause);
        }
    }

    /// <summary>Sync group: become MASTER with the rest of the group.</summary>
    internal void JoinGroupMaster(Instant now)
    {
        if (_state == VrrpState.Backup)
        {
            SendAdvertisement(EffectivePriority);
            Fire(now, VrrpTrigger.SyncGroupMaster, "sync group");
        }
    }

    /// <summary>Sync group: become BACKUP with the rest of the group.</summary>
    internal void JoinGroupBackup(Instant now)
    {
        if (_state == VrrpState.Master)
        {
            Fire(now, VrrpTrigger.SyncGroupBackup, "sync group");
        }
    }

    // ---------------------------------------------------------------- rules

    /// <summary>
    /// BACKUP's acceptance rule (RFC 9568 section 6.4.2, keepalived vrrp_state_backup): accept when
    /// nopreempt, when the advert's priority is at least ours, or while a preempt_delay runs;
    /// otherwise discard so that our timer runs out and we take over. No address tie-break in BACKUP.
    /// </summary>
    private bool BackupAccepts(Instant now, Advertisement advert)
    {
        if (Config.EffectiveNopreempt || advert.Priority >= EffectivePriority)
        {
            return true;
        }

        Duration delay = Config.EffectivePreemptDelay;
        if (delay <= Duration.Zero)
        {
            return false;
        }

        if (!_preemptDelayEnd.IsSet)
        {
            // preempt_delay starts at the first lower-priority advert heard (never at startup).
            _preemptDelayEnd = now + delay;
        }

        return now < _preemptDelayEnd;
    }

    /// <summary>
    /// MASTER's comparison (RFC 3768 section 6.4.3): a higher priority wins; on equal priority the
    /// higher primary address (unsigned compare) wins.
    /// </summary>
    private bool IsHigherThanUs(byte priority, IPAddress source)
    {
        if (priority != EffectivePriority)
        {
            return priority > EffectivePriority;
        }

        return PrimaryAddress is not null && CompareAddresses(source, PrimaryAddress) > 0;
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

    private void MasterDownTimerFired(Instant now)
    {
        if (_state != VrrpState.Backup)
        {
            return;
        }

        _router.Log($"({Name}) Receive advertisement timeout");
        if (Group is not null)
        {
            WantsMaster = true;
            if (!Group.AllWantMaster)
            {
                // keepalived vrrp_sync_can_goto_master: wait until every member wants MASTER.
                _masterDown = now + MasterDownInterval;
                return;
            }

            Group.GoMaster(now);
            return;
        }

        // Domain section 4: send an advert first, then enter MASTER.
        SendAdvertisement(EffectivePriority);
        Fire(now, VrrpTrigger.MasterDownTimerExpired, "master down timer");
    }

    private void BackupAcceptAdvert()
    {
        Advertisement a = _advert!;
        if (Config.Version == VrrpVersion.V3)
        {
            // RFC 9568 6.4.2: a backup learns Master_Adver_Interval from each advert it accepts.
            MasterAdvertInterval = a.AdvertInterval;
        }

        if (a.Priority >= EffectivePriority)
        {
            _preemptDelayEnd = Instant.Never;
        }

        WantsMaster = false;
        _masterDown = _now + MasterDownInterval;
        _router.Accepted(this, _advertSource!, a);
    }

    private void BackupDiscardLowerPriority()
    {
        _router.Log($"({Name}) received lower priority ({_advert!.Priority}) advert from {_advertSource} - discarding");
        _router.Discarded(this, _advertSource!, _advert);
    }

    private void BackupHearResignation()
    {
        // RFC 3768 6.4.2: priority 0 -> Master_Down_Timer = Skew_Time (keepalived learns no interval here).
        _masterDown = _now + SkewTime;
        _router.Accepted(this, _advertSource!, _advert!);
    }

    private void MasterAdvertTimer() => SendAdvertisement(EffectivePriority);

    private void MasterHearResignation()
    {
        // RFC 3768 6.4.3: priority 0 -> send an advert at once and reset the Adver_Timer (hardened: the
        // timer keeps its period).
        SendAdvertisement(EffectivePriority);
        Answered();
        _router.Accepted(this, _advertSource!, _advert!);
    }

    /// <summary>The MASTER just answered a received advert with one of its own.</summary>
    private void Answered()
    {
        _lastAnswer = _now;
        if (!Hardened)
        {
            _advertTimer = _now + MasterAdvertIntervalToSend;
        }
    }

    /// <summary>Hardened policy: whether an immediate answer is allowed (none in the last advert interval).</summary>
    private bool MayAnswer(Instant now) => !_lastAnswer.IsSet || now - _lastAnswer >= MasterAdvertIntervalToSend;

    private bool Hardened => _router.Config.PacketPolicy == PacketPolicy.Hardened;

    private void MasterHearLowerPriority()
    {
        // RFC 9568 6.4.3 / keepalived: stay MASTER, answer at once, and re-announce the addresses.
        _router.Log($"({Name}) Received advert from {_advertSource} with lower priority {_advert!.Priority}, ours {EffectivePriority}{(Config.LowerPrioNoAdvert ? "" : ", forcing new election")}");
        if (!Config.LowerPrioNoAdvert)
        {
            SendAdvertisement(EffectivePriority);
            Answered();
        }
        else
        {
            _lastAnswer = _now;
        }

        SendGratuitousArps(Config.GratuitousArp.LowerPrioRepeat);
        if (Config.GratuitousArp.LowerPrioDelay > Duration.Zero)
        {
            _lowerPrioGarpTimer = _now + Config.GratuitousArp.LowerPrioDelay;
        }

        _router.Accepted(this, _advertSource!, _advert);
    }

    // ---------------------------------------------------------------- state entry and exit

    private void EnterBackup(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        if (t.Source == VrrpState.Fault || t.Source == VrrpState.Init)
        {
            // Leaving FAULT (or starting) resets the learned interval to the configured one.
            MasterAdvertInterval = Config.AdvertInterval;
        }

        WantsMaster = false;
        _preemptDelayEnd = Instant.Never;

        // keepalived (vrrp_init_instance_sands): at start a backup cannot time out before the end
        // of vrrp_startup_delay plus one Master_Down_Interval.
        Instant from = t.Source == VrrpState.Init ? Instant.Max(_now, _router.ListenFrom) : _now;
        _masterDown = from + MasterDownInterval;
        _router.Log(t.Source == VrrpState.Init
            ? $"({Name}) Entering BACKUP STATE (init)"
            : $"({Name}) Entering BACKUP STATE");
        if (t.Source == VrrpState.Master)
        {
            RemoveAddresses();
        }

        Notify(Config.Notify.Backup, "BACKUP");
    }

    private void ExitBackup()
    {
        _masterDown = Instant.Never;
        _preemptDelayEnd = Instant.Never;
        WantsMaster = false;
    }

    private void EnterMaster()
    {
        _router.Log($"({Name}) Entering MASTER STATE");
        _router.Log($"({Name}) setting VIPs.");
        foreach (VirtualAddress vip in AllAddresses())
        {
            _router.Emit(new AddVirtualAddress(Name, vip.Device ?? Config.Interface, vip));
        }

        SendGratuitousArps(Config.GratuitousArp.MasterRepeat);
        if (Config.GratuitousArp.MasterDelay > Duration.Zero)
        {
            _garpDelayTimer = _now + Config.GratuitousArp.MasterDelay;
        }

        if (Config.GratuitousArp.MasterRefresh > Duration.Zero)
        {
            _garpRefreshTimer = _now + Config.GratuitousArp.MasterRefresh;
        }

        _advertTimer = _now + MasterAdvertIntervalToSend;
        _lastAnswer = Instant.Never;
        Notify(Config.Notify.Master, "MASTER");
    }

    private void ExitMaster()
    {
        _advertTimer = Instant.Never;
        _garpDelayTimer = Instant.Never;
        _garpRefreshTimer = Instant.Never;
        _lowerPrioGarpTimer = Instant.Never;
    }

    private void EnterFault(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        _router.Log($"({Name}) Entering FAULT STATE");
        if (t.Source == VrrpState.Master)
        {
            // Observed on keepalived 2.2.7: two priority-0 adverts back to back.
            SendAdvertisement(0);
            SendAdvertisement(0);
            _router.Log($"({Name}) sent 0 priority");
            RemoveAddresses();
        }

        Notify(Config.Notify.Fault, "FAULT");
    }

    private void EnterStop(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        _masterDown = Instant.Never;
        if (t.Source == VrrpState.Master)
        {
            SendAdvertisement(0);
            _router.Log($"({Name}) sent 0 priority");
            RemoveAddresses();
        }

        _router.Log($"({Name}) Stopped");
        Notify(Config.Notify.Stop, "STOP");
    }

    private void OnTransitioned(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        if (t.Source != t.Destination)
        {
            _router.Emit(new StateChanged(Name, t.Source, t.Destination, _cause));
            Group?.MemberChangedState();
        }
    }

    // ---------------------------------------------------------------- effects

    private Duration MasterAdvertIntervalToSend => Config.AdvertInterval;

    private IEnumerable<VirtualAddress> AllAddresses()
    {
        foreach (VirtualAddress a in Config.VirtualAddresses)
        {
            yield return a;
        }

        foreach (VirtualAddress a in Config.ExcludedAddresses)
        {
            yield return a;
        }
    }

    private void RemoveAddresses()
    {
        _router.Log($"({Name}) removing VIPs.");
        foreach (VirtualAddress vip in AllAddresses())
        {
            _router.Emit(new RemoveVirtualAddress(Name, vip.Device ?? Config.Interface, vip));
        }
    }

    private void SendGratuitousArps(int count)
    {
        if (count <= 0)
        {
            return;
        }

        foreach (VirtualAddress vip in AllAddresses())
        {
            string dev = vip.Device ?? Config.Interface;
            _router.Log($"({Name}) Sending/queueing gratuitous ARPs on {dev} for {vip.Address}");
            for (int k = 0; k < count; k++)
            {
                _router.Log($"Sending gratuitous ARP on {dev} for {vip.Address}");
            }

            _router.Emit(new SendGratuitousArp(Name, dev, vip.Address, count));
        }
    }

    private Advertisement? _cachedAdvert;
    private byte _cachedPriority;

    /// <summary>The effects of the last adverts sent (one per destination) and the source they were encoded for.</summary>
    private SendAdvertisement?[] _cachedSends = [];
    private IPAddress? _cachedSendSource;

    /// <summary>The last advert decoded for this instance, with the bytes, source and destination it came from.</summary>
    private byte[] _decodedBytes = [];
    private IPAddress? _decodedSource;
    private IPAddress? _decodedDestination;
    private Advertisement? _decoded;

    /// <summary>The last <see cref="AdvertisementAccepted"/> effect (reused while the same peer repeats the same advert).</summary>
    internal AdvertisementAccepted? LastAccepted { get; set; }

    /// <summary>The advert decoded earlier from exactly these bytes, source and destination, if any.</summary>
    internal Advertisement? LastDecoded(ReadOnlySpan<byte> payload, IPAddress source, IPAddress destination) =>
        _decoded is not null && payload.SequenceEqual(_decodedBytes) && source.Equals(_decodedSource) && destination.Equals(_decodedDestination)
            ? _decoded
            : null;

    /// <summary>Remembers a decoded advert (the bytes copied: the caller's buffer may be reused).</summary>
    internal void RememberDecoded(ReadOnlySpan<byte> payload, IPAddress source, IPAddress destination, Advertisement advert)
    {
        if (_decodedBytes.Length != payload.Length)
        {
            _decodedBytes = new byte[payload.Length];
        }

        payload.CopyTo(_decodedBytes);
        _decodedSource = source;
        _decodedDestination = destination;
        _decoded = advert;
    }

    private void SendAdvertisement(byte priority)
    {
        if (PrimaryAddress is null)
        {
            _router.Log($"({Name}) no source address on {Config.Interface} - advert not sent");
            return;
        }

        if (_cachedAdvert is null || _cachedPriority != priority)
        {
            _cachedAdvert = new Advertisement(
                Config.Version,
                Config.VirtualRouterId,
                priority,
                Config.AdvertInterval,
                Config.VirtualAddresses.Select(v => v.Address).ToImmutableArray(),
                Config.Version == VrrpVersion.V2 ? Config.AuthType : AuthType.None,
                Config.Version == VrrpVersion.V2 && Config.AuthType == AuthType.SimpleText ? Config.AuthPassword ?? "" : "");
            _cachedPriority = priority;
            Array.Clear(_cachedSends);
        }

        if (!ReferenceEquals(_cachedSendSource, PrimaryAddress))
        {
            Array.Clear(_cachedSends);
            _cachedSendSource = PrimaryAddress;
        }

        if (Config.UnicastPeers.IsDefaultOrEmpty)
        {
            IPAddress dst = Config.Family == AddressFamily.InterNetworkV6 ? MulticastV6 : MulticastV4;
            Emit(0, dst);
        }
        else
        {
            for (int k = 0; k < Config.UnicastPeers.Length; k++)
            {
                Emit(k, Config.UnicastPeers[k]);
            }
        }

        // The same advert to the same destination encodes to the same bytes: the effect is built once
        // per priority and source address (the payload is never written after it is emitted).
        void Emit(int slot, IPAddress destination)
        {
            if (_cachedSends.Length <= slot)
            {
                Array.Resize(ref _cachedSends, Math.Max(1, Config.UnicastPeers.IsDefaultOrEmpty ? 1 : Config.UnicastPeers.Length));
            }

            if (_cachedSends[slot] is not { } send)
            {
                byte[] payload = AdvertisementCodec.Encode(_cachedAdvert, PrimaryAddress, destination, Config.V3Checksum);
                _cachedSends[slot] = send = new SendAdvertisement(Name, Config.Interface, PrimaryAddress, destination, _cachedAdvert, payload);
            }

            _router.Emit(send);
        }
    }

    private void Notify(string? script, string state)
    {
        if (script is not null)
        {
            _router.Emit(new RunNotify(Name, script, []));
        }

        if (Config.Notify.Generic is not null)
        {
            _router.Emit(new RunNotify(Name, Config.Notify.Generic,
                ["INSTANCE", Name, state, EffectivePriority.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
    }

    // ---------------------------------------------------------------- tracking

    private void RecomputePriority(Instant now, bool initial)
    {
        byte old = EffectivePriority;
        byte updated = _router.TrackedPriority(Config);
        if (updated == old)
        {
            return;
        }

        Duration oldSkew = SkewTime;
        EffectivePriority = updated;
        _cachedAdvert = null;
        if (initial)
        {
            return;
        }

        _router.Log($"({Name}) Changing effective priority from {old} to {updated}");
        _router.Emit(new PriorityChanged(Name, old, updated));
        if (_state == VrrpState.Backup && _masterDown.IsSet)
        {
            // Domain section 4: in BACKUP a priority change shifts the down timer by the change in skew.
            _masterDown = _masterDown + (SkewTime - oldSkew);
            if (_masterDown < now)
            {
                _masterDown = now;
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    /// <summary>
    /// Fires <paramref name="trigger"/>. Every state change goes through Stateless. An internal
    /// transition of the current state (the hot path: an accepted advert, the advert timer) runs its
    /// action from the same table Stateless was configured with, without Stateless' per-Fire
    /// bookkeeping (about 1 us and 1.3 KB per Fire), which would otherwise dominate the engine's cost.
    /// </summary>
    private void Fire(Instant now, VrrpTrigger trigger, string cause)
    {
        _now = now;
        _cause = cause;
        Action<VrrpInstance>? internalAction = InternalByStateAndTrigger[(int)_state, (int)trigger];
        if (internalAction is not null)
        {
            internalAction(this);
            return;
        }

        _machine.Fire(trigger);
    }

    private static Instant NextPeriod(Instant previous, Duration period, Instant now)
    {
        // Keep the cadence of the original schedule (no drift from advert to advert); after a
        // long stall (pause) resume from now rather than firing a burst of overdue periods.
        Instant next = previous + period;
        return next > now ? next : now + period;
    }
}
