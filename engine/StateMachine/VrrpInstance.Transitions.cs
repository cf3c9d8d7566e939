using Stateless;
using VrrpLab.Engine.Wire;
using static VrrpLab.Engine.StateMachine.VrrpState;
using static VrrpLab.Engine.StateMachine.VrrpTrigger;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The instance's state table (RFC 3768 / RFC 9568 section 6.4, with keepalived's semantics): for each
/// state and event, the named guards and what follows. The Stateless definition <see cref="Define"/> is
/// built from this table (so <c>vrrplab graph</c> shows every guard) and <see cref="Fire"/> dispatches
/// from it; the two cannot disagree.
/// </summary>
public sealed partial class VrrpInstance
{
    /// <summary>How a row of the table acts.</summary>
    internal enum RowKind
    {
        /// <summary>A state change (through Stateless); <see cref="TransitionRow.Before"/> runs first, <see cref="TransitionRow.After"/> after the new state's entry.</summary>
        Permit,

        /// <summary>Stays in the state and runs <see cref="TransitionRow.Before"/>.</summary>
        Internal,

        /// <summary>The event means nothing in this state.</summary>
        Ignore,
    }

    /// <summary>A guard's condition (the input by reference: no copy per row tried).</summary>
    internal delegate bool GuardCheck(VrrpInstance instance, in InstanceInput input);

    /// <summary>A row's handler (the input by reference).</summary>
    internal delegate void RowAction(VrrpInstance instance, in InstanceInput input);

    /// <summary>A named condition on the instance and its input; the name is what the graph prints.</summary>
    internal sealed record Guard(string Name, GuardCheck Holds);

    /// <summary>One row of the state table.</summary>
    internal sealed record TransitionRow(
        VrrpState State,
        VrrpTrigger Trigger,
        RowKind Kind,
        Guard? Guard = null,
        VrrpState Destination = Init,
        RowAction? Before = null,
        RowAction? After = null,
        Func<InstanceInput, string>? Cause = null);

    // ---------------------------------------------------------------- guards (pure; rows of one state and event are exclusive)

    private static readonly Guard Waiting = new(
        "not started, or a weight-0 tracked script has no result yet",
        (i, in _) => !i._startRequested || i._router.TrackingHolds(i.Config));

    private static readonly Guard StartFaulted = new(
        "a tracked interface or weight-0 script failed",
        (i, in x) => !Waiting.Holds(i, x) && i.IsFaulted);

    private static readonly Guard StartOwner = new(
        "address owner (priority 255)",
        (i, in x) => !Waiting.Holds(i, x) && !i.IsFaulted && i.Config.IsAddressOwner);

    private static readonly Guard StartBackup = new(
        "not the address owner",
        (i, in x) => !Waiting.Holds(i, x) && !i.IsFaulted && !i.Config.IsAddressOwner);

    private static readonly Guard Resignation = new(
        "priority 0",
        (_, in x) => x.Advertisement.IsResignation);

    private static readonly Guard BackupAccepts = new(
        "nopreempt, priority >= ours, or within preempt_delay",
        (i, in x) => !x.Advertisement.IsResignation && i.AcceptsInBackup(x));

    private static readonly Guard BackupPreempts = new(
        "lower priority (preempt)",
        (i, in x) => !x.Advertisement.IsResignation && !i.AcceptsInBackup(x));

    private static readonly Guard RateLimited = new(
        "hardened: answered within the advert interval",
        (i, in x) => i.AnswerRateLimited(x));

    private static readonly Guard ResignationAnswered = new(
        "priority 0",
        (i, in x) => x.Advertisement.IsResignation && !i.AnswerRateLimited(x));

    private static readonly Guard Outranks = new(
        "higher priority, or equal priority from a higher address",
        (i, in x) => i.IsHigherThanUs(x.Advertisement.Priority, x.From));

    private static readonly Guard LowerAnswered = new(
        "lower priority",
        (i, in x) => !x.Advertisement.IsResignation && !i.IsHigherThanUs(x.Advertisement.Priority, x.From) && !i.AnswerRateLimited(x));

    private static readonly Guard NotInGroup = new(
        "not in a sync group",
        (i, in _) => i.Group is null);

    private static readonly Guard GroupReady = new(
        "sync group: every other member wants MASTER",
        (i, in _) => i.Group is not null && i.Group.OthersWantMaster(i));

    private static readonly Guard GroupWaits = new(
        "sync group: a member still waits",
        (i, in _) => i.Group is not null && !i.Group.OthersWantMaster(i));

    private static readonly Guard AnswersDroppedPackets = new(
        "not lower_prio_no_advert",
        (i, in _) => !i.Config.LowerPrioNoAdvert);

    private static readonly Guard IgnoresDroppedPackets = new(
        "lower_prio_no_advert",
        (i, in _) => i.Config.LowerPrioNoAdvert);

    // ---------------------------------------------------------------- the table

    /// <summary>The state table, state by state.</summary>
    internal static readonly TransitionRow[] Transitions =
    [
        // INIT (keepalived vrrp_init_instance): the address owner sends an advert and takes the addresses at once.
        new(Init, Startup, RowKind.Internal, Waiting, Before: static (_, in _) => { }),
        new(Init, Startup, RowKind.Permit, StartFaulted, Fault, Before: static (i, in _) => i.InitialPriority(), Cause: static _ => "init"),
        new(Init, Startup, RowKind.Permit, StartOwner, Master, Before: static (i, in _) => i.StartAsOwner(), Cause: static _ => "init (address owner)"),
        new(Init, Startup, RowKind.Permit, StartBackup, Backup, Before: static (i, in _) => i.InitialPriority(), Cause: static _ => "init"),
        new(Init, AdvertReceived, RowKind.Internal, Before: static (i, in x) => i.NotListening(x)),
        new(Init, VrrpTrigger.TrackingChanged, RowKind.Internal, Before: static (i, in _) => i.RecomputePriority()),
        new(Init, VrrpTrigger.Shutdown, RowKind.Permit, Destination: Stop),
        .. Ignored(Init, MasterDownTimerExpired, AdvertTimerExpired, DroppedPacketHeard, SyncGroupMaster, SyncGroupBackup, FaultDetected, FaultCleared),

        // BACKUP (RFC 9568 6.4.2).
        new(Backup, AdvertReceived, RowKind.Internal, Resignation, Before: static (i, in x) => i.BackupHearResignation(x)),
        new(Backup, AdvertReceived, RowKind.Internal, BackupAccepts, Before: static (i, in x) => i.BackupAcceptAdvert(x)),
        new(Backup, AdvertReceived, RowKind.Internal, BackupPreempts, Before: static (i, in x) => i.BackupDiscardLowerPriority(x)),
        new(Backup, MasterDownTimerExpired, RowKind.Permit, NotInGroup, Master, Before: static (i, in _) => i.MasterDownTimeout()),
        new(Backup, MasterDownTimerExpired, RowKind.Internal, GroupReady, Before: static (i, in x) => i.MasterDownGroupReady(x)),
        new(Backup, MasterDownTimerExpired, RowKind.Internal, GroupWaits, Before: static (i, in x) => i.MasterDownGroupWaits(x)),
        new(Backup, SyncGroupMaster, RowKind.Permit, Destination: Master, Before: static (i, in _) => i.SendAdvertisement(i.EffectivePriority)),
        new(Backup, VrrpTrigger.TrackingChanged, RowKind.Internal, Before: static (i, in x) => i.BackupRecomputePriority(x)),
        new(Backup, FaultDetected, RowKind.Permit, Destination: Fault),
        new(Backup, VrrpTrigger.Shutdown, RowKind.Permit, Destination: Stop),
        .. Ignored(Backup, Startup, AdvertTimerExpired, DroppedPacketHeard, SyncGroupBackup, FaultCleared),

        // MASTER (RFC 9568 6.4.3).
        new(Master, AdvertReceived, RowKind.Internal, RateLimited, Before: static (i, in x) => i._router.Dropped(i, x.From, AdvertDropReason.RateLimited)),
        new(Master, AdvertReceived, RowKind.Internal, ResignationAnswered, Before: static (i, in x) => i.MasterHearResignation(x)),
        new(Master, AdvertReceived, RowKind.Permit, Outranks, Backup,
            Before: static (i, in x) => i.MasterHearHigherPriority(x),
            After: static (i, in x) => i.MasterYielded(x),
            Cause: static x => $"higher priority advert from {x.Source}"),
        new(Master, AdvertReceived, RowKind.Internal, LowerAnswered, Before: static (i, in x) => i.MasterHearLowerPriority(x)),
        new(Master, AdvertTimerExpired, RowKind.Internal, Before: static (i, in _) => i.SendAdvertisement(i.EffectivePriority)),
        new(Master, DroppedPacketHeard, RowKind.Internal, AnswersDroppedPackets, Before: static (i, in x) => i.RestartAdvertTimer(x)),
        new(Master, DroppedPacketHeard, RowKind.Ignore, IgnoresDroppedPackets),
        new(Master, SyncGroupBackup, RowKind.Permit, Destination: Backup),
        new(Master, VrrpTrigger.TrackingChanged, RowKind.Internal, Before: static (i, in _) => i.RecomputePriority()),
        new(Master, FaultDetected, RowKind.Permit, Destination: Fault),
        new(Master, VrrpTrigger.Shutdown, RowKind.Permit, Destination: Stop),
        .. Ignored(Master, Startup, MasterDownTimerExpired, SyncGroupMaster, FaultCleared),

        // FAULT.
        new(Fault, AdvertReceived, RowKind.Internal, Before: static (i, in x) => i.NotListening(x)),
        new(Fault, VrrpTrigger.TrackingChanged, RowKind.Internal, Before: static (i, in _) => i.RecomputePriority()),
        new(Fault, FaultCleared, RowKind.Permit, Destination: Backup),
        new(Fault, VrrpTrigger.Shutdown, RowKind.Permit, Destination: Stop),
        .. Ignored(Fault, Startup, MasterDownTimerExpired, AdvertTimerExpired, DroppedPacketHeard, SyncGroupMaster, SyncGroupBackup, FaultDetected),

        // STOP.
        new(Stop, AdvertReceived, RowKind.Internal, Before: static (i, in x) => i.NotListening(x)),
        .. Ignored(Stop, Startup, MasterDownTimerExpired, AdvertTimerExpired, DroppedPacketHeard, SyncGroupMaster, SyncGroupBackup, VrrpTrigger.TrackingChanged, FaultDetected, FaultCleared, VrrpTrigger.Shutdown),
    ];

    private static readonly TransitionRow[][] RowsByStateAndTrigger = IndexTransitions();

    private static IEnumerable<TransitionRow> Ignored(VrrpState state, params VrrpTrigger[] triggers) =>
        triggers.Select(t => new TransitionRow(state, t, RowKind.Ignore));

    private static TransitionRow[][] IndexTransitions()
    {
        int triggers = Enum.GetValues<VrrpTrigger>().Length;
        var index = new TransitionRow[Enum.GetValues<VrrpState>().Length * triggers][];
        for (int k = 0; k < index.Length; k++)
        {
            index[k] = Transitions.Where(r => (int)r.State * triggers + (int)r.Trigger == k).ToArray();
        }

        return index;
    }

    /// <summary>
    /// Runs <paramref name="trigger"/> through the table: the first row of the current state whose guard
    /// holds acts. State changes go through Stateless (which allows only the row chosen here, see <see cref="_firing"/>); internal rows run
    /// their handler directly, without Stateless' per-Fire bookkeeping (about 1 us and 1.3 KB per Fire),
    /// which would otherwise dominate the engine's cost on the hot path (adverts, the advert timer).
    /// </summary>
    /// <returns>False when the event is ignored in the current state.</returns>
    private bool Fire(VrrpTrigger trigger, in InstanceInput input)
    {
        foreach (TransitionRow row in RowsByStateAndTrigger[((int)_state * TriggerCount) + (int)trigger])
        {
            if (row.Guard is not null && !row.Guard.Holds(this, input))
            {
                continue;
            }

            switch (row.Kind)
            {
                case RowKind.Ignore:
                    return false;

                case RowKind.Internal:
                    row.Before!(this, input);
                    return true;

                default:
                    row.Before?.Invoke(this, input);
                    TransitionRow? outer = _firing;
                    _firing = row;
                    try
                    {
                        SharedMachine.ForThisThread.Fire(this, trigger, row.Cause is null ? input : input with { Cause = row.Cause(input) });
                    }
                    finally
                    {
                        _firing = outer;
                    }

                    row.After?.Invoke(this, input);
                    return true;
            }
        }

        throw new InvalidOperationException($"({Name}) {trigger} has no row for state {_state}");
    }

    private static readonly int TriggerCount = Enum.GetValues<VrrpTrigger>().Length;

    /// <summary>
    /// The row <see cref="Fire"/> chose while Stateless carries out its state change: the running machine's
    /// guard for a row is "this is the row the table chose", so Stateless still refuses a change the table
    /// does not define, and still picks exactly one of several guarded rows, but does not evaluate each
    /// row's condition a second time (Stateless evaluates every guard of the event, through LINQ, per Fire:
    /// about 10 us of the NativeAOT build's time per state change, measured with cachegrind).
    /// </summary>
    private TransitionRow? _firing;

    /// <summary>
    /// The Stateless definition, built from <see cref="Transitions"/> plus each state's entry and exit
    /// actions, acting on the instance <paramref name="self"/> returns when called. When it returns null
    /// the actions are no-ops and the guards permissive (the definition is used only for its graph).
    /// </summary>
    /// <returns>The event triggers, each carrying an <see cref="InstanceInput"/>.</returns>
    internal static StateMachine<VrrpState, VrrpTrigger>.TriggerWithParameters<InstanceInput>[] Define(
        StateMachine<VrrpState, VrrpTrigger> m, Func<VrrpInstance?> self)
    {
        StateMachine<VrrpState, VrrpTrigger>.TriggerWithParameters<InstanceInput>[] withInput =
            Enum.GetValues<VrrpTrigger>().Select(m.SetTriggerParameters<InstanceInput>).ToArray();

        m.Configure(Backup)
            .OnEntry(t => self()?.EnterBackup(t, InputOf(t)), "arm Master_Down_Timer; remove VIPs if coming from MASTER")
            .OnExit(() => self()?.ExitBackup(), "disarm Master_Down_Timer");
        m.Configure(Master)
            .OnEntry(t => self()?.EnterMaster(InputOf(t)), "add VIPs, gratuitous ARPs, arm Adver_Timer")
            .OnExit(() => self()?.ExitMaster(), "disarm Adver_Timer and GARP timers");
        m.Configure(Fault)
            .OnEntry(t => self()?.EnterFault(t), "priority 0 and remove VIPs if coming from MASTER");
        m.Configure(Stop)
            .OnEntry(t => self()?.EnterStop(t), "priority 0 and remove VIPs if coming from MASTER");

        foreach (TransitionRow row in Transitions)
        {
            StateMachine<VrrpState, VrrpTrigger>.StateConfiguration state = m.Configure(row.State);
            StateMachine<VrrpState, VrrpTrigger>.TriggerWithParameters<InstanceInput> trigger = withInput[(int)row.Trigger];
            // Running (self() is an instance): the row the table chose (its condition held there); for the graph, permissive.
            Func<InstanceInput, bool> guard = x => self() is not { } i || row.Guard is null || ReferenceEquals(i._firing, row);
            string name = row.Guard?.Name ?? "always";
            switch (row.Kind)
            {
                case RowKind.Permit when row.Guard is null:
                    state.Permit(row.Trigger, row.Destination);
                    break;
                case RowKind.Permit:
                    state.PermitIf(trigger, row.Destination, guard, name);
                    break;
                case RowKind.Internal when row.Guard is null:
                    state.InternalTransition(trigger, (x, _) => row.Before!(self()!, x));
                    break;
                case RowKind.Internal:
                    state.InternalTransitionIf(trigger, guard, (x, _) => row.Before!(self()!, x), name);
                    break;
                case RowKind.Ignore when row.Guard is null:
                    state.Ignore(row.Trigger);
                    break;
                default:
                    state.IgnoreIf(trigger, guard, name);
                    break;
            }
        }

        return withInput;
    }

    /// <summary>
    /// The running Stateless machine: defined once per thread (a definition costs tens of microseconds of
    /// reflection and allocation, which a simulator starting thousands of processes a second cannot pay per
    /// instance) and shared by every instance on the thread. It keeps no state of its own: its state
    /// accessor reads the instance being fired (<see cref="Fire"/> sets it, and restores the outer one
    /// when a transition fires another instance's, as sync groups do).
    /// </summary>
    private sealed class SharedMachine
    {
        [ThreadStatic]
        private static SharedMachine? t_machine;

        private readonly StateMachine<VrrpState, VrrpTrigger> _machine;
        private readonly StateMachine<VrrpState, VrrpTrigger>.TriggerWithParameters<InstanceInput>[] _withInput;
        private VrrpInstance? _current;

        private SharedMachine()
        {
            _machine = new StateMachine<VrrpState, VrrpTrigger>(() => _current?._state ?? Init, s => _current!._state = s, FiringMode.Immediate);
            _withInput = Define(_machine, () => _current);
            _machine.OnTransitioned(t => _current!.OnTransitioned(t));
        }

        /// <summary>This thread's machine (Stateless reads the state once when it is built: INIT).</summary>
        public static SharedMachine ForThisThread => t_machine ??= new SharedMachine();

        /// <summary>Fires <paramref name="trigger"/> on <paramref name="instance"/>.</summary>
        public void Fire(VrrpInstance instance, VrrpTrigger trigger, InstanceInput input)
        {
            VrrpInstance? outer = _current;
            _current = instance;
            try
            {
                _machine.Fire(_withInput[(int)trigger], input);
            }
            finally
            {
                _current = outer;
            }
        }
    }

    private static InstanceInput InputOf(StateMachine<VrrpState, VrrpTrigger>.Transition t) => (InstanceInput)t.Parameters[0];
}
