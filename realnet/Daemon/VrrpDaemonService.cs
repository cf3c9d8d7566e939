using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Time;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// The daemon's event loop: the only caller of the <see cref="VrrpRouter"/>. Receivers, the link
/// monitor and script runs post inputs to one channel; the loop fires due timers at their exact
/// deadlines (<see cref="TimerPolicy"/>), feeds inputs one at a time, and performs the effects.
/// On stop (SIGTERM/SIGINT) it runs the engine's Shutdown: a MASTER sends priority 0 and removes
/// its VIPs before the process exits.
/// </summary>
internal sealed class VrrpDaemonService : IHostedService, IDisposable
{
    private VrrpRouter _router;
    private readonly MonotonicClock _clock;
    private readonly DaemonInbox _inputs;
    private readonly EffectPerformer _performer;
    private readonly KeepalivedLog _log;
    private readonly IReadOnlyList<VrrpReceiver> _receivers;
    private readonly Action _onStarted;
    private readonly Dictionary<string, int?> _lastScriptStatus = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PosixSignalRegistration? _sigterm;
    private PosixSignalRegistration? _sighup;
    private Instant _last = Instant.Zero;
    private bool _vrrpStarted;
    private int _reloadRequested;

    public VrrpDaemonService(
        VrrpRouter router,
        MonotonicClock clock,
        DaemonInbox inputs,
        EffectPerformer performer,
        KeepalivedLog log,
        IReadOnlyList<VrrpReceiver> receivers,
        Action onStarted)
    {
        _router = router;
        _clock = clock;
        _inputs = inputs;
        _performer = performer;
        _log = log;
        _receivers = receivers;
        _onStarted = onStarted;
    }

    /// <summary>Set when the loop failed with an unexpected exception.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Called from the loop thread when it stopped on its own (an internal error).</summary>
    public Action? StopRequested { get; set; }

    /// <summary>
    /// Starts VRRP and the event loop: the receivers, the engine's Start (instances enter BACKUP and arm
    /// their timers) and the loop thread. The daemon calls it as soon as the sockets are open, before
    /// anything VRRP does not need (libpcap, the link monitor, the host): whoever arms its first timer
    /// first wins a start-up election under <c>nopreempt</c>. Idempotent.
    /// </summary>
    public void StartVrrp()
    {
        if (_vrrpStarted)
        {
            return;
        }

        _vrrpStarted = true;

        // The timers first: the sockets are open and joined, so the kernel queues adverts until the
        // receivers' threads (IPv4 and IPv6 alike) read them; the loop takes them once started.
        // Starting a thread costs about a millisecond on a loaded host; the timers do not wait for it.
        StartEngine();
        foreach (VrrpReceiver receiver in _receivers)
        {
            receiver.Start();
        }

        _log.Write("Startup complete");
        var thread = new Thread(() =>
        {
            if (_router.Config.PacketPolicy == Engine.Configuration.PacketPolicy.Hardened)
            {
                _log.Write(RealtimeScheduling.ApplyToCurrentThread());
            }

            RunAndShutDown(_stopping.Token);
            _stopped.SetResult();
            if (Failure is not null)
            {
                StopRequested?.Invoke();
            }
        })
        {
            Name = "vrrplab event loop",
            IsBackground = true,
        };
        thread.Start();

        // SIGTERM goes straight to the loop (the host's own stop follows and waits for it): the
        // priority-0 advert leaves a few ms sooner than through the host's stop sequence, and the
        // backup's skew timer starts from it. The signal's default handling is not cancelled.
        // Registered before the host's own SIGTERM handler, so it runs first.
        bool realtime = _router.Config.PacketPolicy == Engine.Configuration.PacketPolicy.Hardened;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
        {
            _stopping.Cancel();
            _inputs.Wake();
            if (realtime)
            {
                // The rest of this thread's work is the host's stop sequence: time-sharing will do.
                RealtimeScheduling.RevertCurrentThread();
            }
        });
        if (realtime)
        {
            _ = RealtimeScheduling.ApplyToRuntimeSignalThread();
        }

        // SIGHUP (systemctl reload) must never end the daemon (its default action would, without a
        // priority-0 advert): the loop re-reads the configuration (keepalived's reload). Started under
        // nohup (or by a shell that ignores it), SIGHUP arrives ignored, and the runtime installs no
        // handler over an ignored signal: reset it first, as keepalived's own handlers override it.
        if (Native.Libc.Signal(Native.Libc.SigHup, Native.Libc.SigDfl) == Native.Libc.SigIgn)
        {
            _log.Write("SIGHUP was ignored when the daemon started (nohup?): it reloads the configuration");
        }

        _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Interlocked.Exchange(ref _reloadRequested, 1);
            _inputs.Wake();
        });
    }

    /// <summary>The engine's Start (instances enter BACKUP and arm their timers), without the loop thread (tests drive <see cref="RunPending"/>).</summary>
    internal void StartEngine()
    {
        Instant now = Stamp(_clock.Now);
        _performer.Perform(_router.Start(now), now);
    }

    /// <summary>
    /// Reloads the configuration on the loop thread: the new router to drive with the effects of the
    /// handover, or null when the reload was refused (the running router goes on). Set before start.
    /// </summary>
    public Func<VrrpRouter, Instant, RouterReload?>? Reloader { get; set; }

    /// <summary>The router the loop drives now (a reload replaces it).</summary>
    public VrrpRouter Router => _router;

    /// <summary>
    /// Starts VRRP if <see cref="StartVrrp"/> was not called yet, then reports the daemon started (pid
    /// file); the host then tells systemd READY=1, so readiness means the instances are running.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartVrrp();
        _onStarted();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells the loop to stop now (SIGTERM caught on the main thread, <see cref="TerminationWait"/>): it runs
    /// the engine's Shutdown (a MASTER's priority-0 advert first) as soon as it wakes. Returns at once; the
    /// host's stop (<see cref="StopAsync"/>) waits for the shutdown to finish. Any thread.
    /// </summary>
    public void RequestStop()
    {
        _stopping.Cancel();
        _inputs.Wake();
    }

    /// <summary>Stops the loop (as a stop through the host would) and waits for its shutdown to finish.</summary>
    public void StopVrrp()
    {
        _stopping.Cancel();
        _inputs.Wake();
        if (_vrrpStarted)
        {
            _stopped.Task.Wait(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// SIGTERM/SIGINT: stops the loop, which runs the engine's Shutdown (a MASTER sends priority 0
    /// and removes its VIPs), and returns when that is done. The loop is our own thread, so a stop
    /// that comes right after the start still shuts down properly.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _inputs.Wake();
        await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RunAndShutDown(CancellationToken stoppingToken)
    {
        try
        {
            RunLoop(stoppingToken);
        }
        catch (Exception e)
        {
            Failure = e;
            _log.Write("vrrplab daemon: internal error: " + e);
        }

        Instant now = Stamp(_clock.Now);
        _log.Write("Stopping");
        try
        {
            _performer.Perform(_router.Shutdown(now), now);
        }
        catch (Exception e)
        {
            Failure ??= e;
            _log.Write("vrrplab daemon: internal error during shutdown: " + e);
        }

        foreach (VrrpReceiver receiver in _receivers)
        {
            receiver.Dispose();
        }

        _log.Write("Stats: " + _performer.Counters.Summary());
        _log.Write("Stopped vrrplab daemon");
    }

    /// <summary>
    /// The loop: inputs in the order they were posted, each after the timers that fell due before it
    /// arrived (not those that fell due while it waited in the queue: a late loop must not let a
    /// Master_Down timer overtake the advert that would have stopped it); then the timers due now;
    /// then sleep until the next input or deadline.
    /// </summary>
    private void RunLoop(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            RunPending(stoppingToken);
            Instant deadline = _router.NextDeadline;
            _inputs.Wait(deadline.IsSet ? deadline - _clock.Now : null);
        }
    }

    /// <summary>One turn of the loop without its sleep: queued inputs (each after the timers due before it was posted), due timers, a requested reload.</summary>
    internal void RunPending(CancellationToken stoppingToken = default)
    {
        while (!stoppingToken.IsCancellationRequested && _inputs.TryTake(out RouterInput? input, out Instant postedAt))
        {
            FireTimers(postedAt, before: true);
            Handle(input!, postedAt);
        }

        FireTimers(_clock.Now, before: false);
        if (Interlocked.Exchange(ref _reloadRequested, 0) == 1)
        {
            Reload();
        }
    }

    private void Reload()
    {
        Instant now = Stamp(_clock.Now);
        if (Reloader?.Invoke(_router, now) is { } reload)
        {
            _router = reload.Router;
            _performer.Perform(reload.Effects, now);
        }
    }

    /// <summary>
    /// Fires the timers due by <paramref name="now"/> (within the OS timer resolution), or with
    /// <paramref name="before"/> those due at or before an input posted at <paramref name="now"/>.
    /// </summary>
    private void FireTimers(Instant now, bool before)
    {
        // Bounded: an engine that kept a deadline in the past must not spin the loop forever.
        for (int i = 0; i < 64; i++)
        {
            Instant deadline = _router.NextDeadline;
            Instant? at = before
                ? TimerPolicy.FiringInstantBefore(deadline, now, _last, out bool late)
                : TimerPolicy.FiringInstant(deadline, now, _last, out late);
            if (at is not { } fire)
            {
                return;
            }

            if (late)
            {
                _performer.LogLimited(
                    "late-timer",
                    $"A thread timer expired {(now - deadline).TotalSeconds:F6} seconds ago",
                    now);
            }

            Instant stamped = Stamp(fire);
            _performer.Perform(_router.AdvanceTo(stamped), stamped);
        }
    }

    /// <summary>Feeds one input to the engine as of the instant it was posted (never before the previous engine call).</summary>
    private void Handle(RouterInput input, Instant postedAt)
    {
        Instant now = Stamp(postedAt);
        if (input is ScriptResultInput s)
        {
            ReportScript(s, now);
        }

        _performer.Perform(_router.Step(now, input), now);
    }

    private void ReportScript(ScriptResultInput s, Instant now)
    {
        if (s.TimedOut)
        {
            _performer.LogLimited("script-timeout:" + s.Script, $"Script `{s.Script}` timed out", now);
        }
        else if (s.Error is not null)
        {
            _performer.LogLimited("script-error:" + s.Script, $"Script `{s.Script}` {s.Describe()}", now);
        }

        // keepalived: "Script `chk_nginx` now returning 1" whenever the exit status changes.
        if (s.ExitStatus is { } status
            && (!_lastScriptStatus.TryGetValue(s.Script, out int? last) || last != status)
            && (_lastScriptStatus.ContainsKey(s.Script) || status != 0))
        {
            _log.Write($"Script `{s.Script}` now returning {status}");
        }

        _lastScriptStatus[s.Script] = s.ExitStatus;
    }

    private Instant Stamp(Instant t)
    {
        if (t > _last)
        {
            _last = t;
        }

        return _last;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sigterm?.Dispose();
        _sighup?.Dispose();
        _stopping.Dispose();
    }
}
