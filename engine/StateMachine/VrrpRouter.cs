// Over 400 lines: the router's public surface (one method per input, Step) and the services its instances call; the instance logic lives in VrrpInstance.*.cs.
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// One keepalived VRRP process as a pure, clock-injected machine: every method takes the current
/// <see cref="Instant"/> and an input, updates the instances and returns the effects to perform.
/// It never reads a clock, a random source or a socket. The returned list is reused: it is valid
/// until the next call. After every call the driver must wake the router at <see cref="NextDeadline"/>
/// by calling <see cref="AdvanceTo"/> (early or repeated calls are harmless).
/// </summary>
public sealed partial class VrrpRouter
{
    private const int MaxTimerFiringsPerCall = 100_000;
    private const int MaxCachedDropLogs = 256;

    private readonly EffectList _effects = new();
    private readonly VrrpInstance[] _instances;
    private readonly ScriptTracker[] _scripts;
    private readonly Dictionary<string, ScriptTracker> _scriptsByName = new(StringComparer.Ordinal);
    private readonly RouterInterface[] _interfaces;
    private readonly Dictionary<string, bool> _linkUp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fileValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _processQuorum = new(StringComparer.Ordinal);
    private readonly Dictionary<DropLogKey, LogLine> _dropLogs = [];
    private AdvertisementDropped?[] _dropCache = []; // grown on the first drop: most routers of a short run never drop
    private bool _started;
    private bool _stopped;
    private Instant _listenFrom;

    /// <summary>
    /// Whether the router returns keepalived's log lines (<see cref="LogLine"/> effects); on by
    /// default. A caller that discards them (a simulator run without a trace) turns it off and the
    /// text is never built. Nothing else the router does depends on it.
    /// </summary>
    public bool Logging { get; set; } = true;

    /// <summary>Creates a router for <paramref name="config"/> on a host with <paramref name="interfaces"/>.</summary>
    public VrrpRouter(RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        Config = config;
        _interfaces = [.. interfaces];
        foreach (RouterInterface i in _interfaces)
        {
            _linkUp[i.Name] = i.IsUp;
        }

        Screen = new PacketScreen(config, _interfaces);
        _instances = new VrrpInstance[config.Instances.Length];
        for (int k = 0; k < _instances.Length; k++)
        {
            _instances[k] = new VrrpInstance(this, config.Instances[k], k);
        }

        // keepalived runs only the scripts some instance tracks.
        var tracked = new HashSet<string>(config.Instances.SelectMany(i => i.TrackScripts).Select(t => t.Name), StringComparer.Ordinal);
        _scripts = config.Scripts.Where(s => tracked.Contains(s.Name)).Select(s => new ScriptTracker(s)).ToArray();
        foreach (ScriptTracker s in _scripts)
        {
            _scriptsByName.TryAdd(s.Script.Name, s);
        }

        foreach (SyncGroupConfig g in config.SyncGroups)
        {
            VrrpInstance[] members = _instances.Where(i => g.Instances.Contains(i.Name, StringComparer.Ordinal)).ToArray();
            var group = new SyncGroup(this, g, members);
            foreach (VrrpInstance m in members)
            {
                m.Group = group;
            }
        }
    }

    /// <summary>The configuration.</summary>
    public RouterConfig Config { get; }

    /// <summary>The instances, in configuration order.</summary>
    public IReadOnlyList<VrrpInstance> Instances => _instances;

    /// <summary>Whether <see cref="Start"/> was called and <see cref="Shutdown"/> was not.</summary>
    public bool IsRunning => _started && !_stopped;

    /// <summary>The earliest instant at which a timer is due (<see cref="Instant.Never"/> if none).</summary>
    public Instant NextDeadline
    {
        get
        {
            Instant next = Instant.Never;
            foreach (VrrpInstance i in _instances)
            {
                next = Instant.Min(next, i.NextDeadline);
            }

            foreach (ScriptTracker s in _scripts)
            {
                next = Instant.Min(next, s.NextRun);
            }

            return next;
        }
    }

    /// <summary>Starts keepalived: instances enter BACKUP (or MASTER as owner, or FAULT), scripts run.</summary>
    public IReadOnlyList<Effect> Start(Instant now)
    {
        _effects.Clear();
        if (_started)
        {
            return _effects;
        }

        _started = true;
        _listenFrom = now + Config.StartupDelay;
        if (Config.StartupDelay > Duration.Zero)
        {
            Log($"Delaying startup for {Config.StartupDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds");
        }
        foreach (ScriptTracker s in _scripts)
        {
            s.NextRun = now;
        }

        foreach (VrrpInstance i in _instances)
        {
            i.Start(now, PrimaryAddress(i.Config), LinkUp(i.Config.Interface));
        }

        AdvanceCore(now);
        return _effects;
    }

    /// <summary>Graceful shutdown (SIGTERM): a MASTER sends priority 0 and removes its addresses.</summary>
    public IReadOnlyList<Effect> Shutdown(Instant now)
    {
        _effects.Clear();
        if (!_started || _stopped)
        {
            return _effects;
        }

        _stopped = true;
        foreach (ScriptTracker s in _scripts)
        {
            s.NextRun = Instant.Never;
        }

        foreach (VrrpInstance i in _instances)
        {
            i.Shutdown(now);
        }

        return _effects;
    }

    /// <summary>Fires every timer due at or before <paramref name="now"/>, in deadline order.</summary>
    public IReadOnlyList<Effect> AdvanceTo(Instant now)
    {
        _effects.Clear();
        if (IsRunning)
        {
            AdvanceCore(now);
        }

        return _effects;
    }

    /// <summary>
    /// A VRRP packet (IP protocol 112) arrived. The <see cref="Screen"/> judges it first (length, VRID,
    /// TTL for multicast, own address, then the instance's version, authentication, v2 interval, type
    /// and checksum); then the instance must be listening (BACKUP or MASTER, after
    /// <c>vrrp_startup_delay</c>). Every packet not acted on comes back as an
    /// <see cref="AdvertisementDropped"/> with its reason. Under <see cref="PacketPolicy.Keepalived"/> a
    /// dropped packet that names a MASTER's VRID restarts its advert timer, as keepalived 2.2.7 does
    /// (<see cref="AdvertisementDropped.AdvertTimerRestarted"/>); under <see cref="PacketPolicy.Hardened"/>
    /// a dropped packet touches nothing.
    /// </summary>
    public IReadOnlyList<Effect> ReceivePacket(Instant now, string iface, IPAddress source, IPAddress destination, byte ttl, ReadOnlySpan<byte> payload)
    {
        _effects.Clear();
        if (!IsRunning)
        {
            return _effects;
        }

        AdvanceCore(now);
        Span<byte> src = stackalloc byte[16];
        Span<byte> dst = stackalloc byte[16];
        if (!source.TryWriteBytes(src, out int ns) || !destination.TryWriteBytes(dst, out int nd) || ns != nd)
        {
            Dropped(null, iface, source, AdvertDropReason.BadIpHeader, false);
            return _effects;
        }

        PacketVerdict verdict = Screen.Screen(iface, src[..ns], dst[..nd], ttl, payload);
        VrrpInstance? target = verdict.NamesInstance ? _instances[verdict.Instance] : null;
        bool keepalived = Config.PacketPolicy == PacketPolicy.Keepalived;
        switch (verdict.Reason)
        {
            case AdvertDropReason.TooShort when target is null:
            case AdvertDropReason.UnknownVrid:
                Dropped(null, iface, source, verdict.Reason, false);
                return _effects;

            case AdvertDropReason.BadTtl:
                bool restarted = false;
                if (target is { State: VrrpState.Backup or VrrpState.Master })
                {
                    if (Logging)
                    {
                        Emit(CachedLog(verdict, payload, ttl));
                    }

                    restarted = keepalived && target.PacketHeard(now);
                }

                Dropped(target, iface, source, AdvertDropReason.BadTtl, restarted);
                return _effects;

            case AdvertDropReason.OwnAddress:
                // Our own advert looped back, or a forgery: never an advert from a peer.
                Dropped(target, iface, source, AdvertDropReason.OwnAddress, false);
                return _effects;
        }

        if (now < _listenFrom || target!.State is not (VrrpState.Backup or VrrpState.Master))
        {
            Dropped(target, iface, source, AdvertDropReason.NotListening, false);
            return _effects;
        }

        if (!verdict.IsValid)
        {
            if (Logging)
            {
                Emit(CachedLog(verdict, payload, ttl));
            }

            Dropped(target, iface, source, verdict.Reason, keepalived && target.PacketHeard(now));
            return _effects;
        }

        // A peer repeats the same bytes every advert interval: decode them once (steady state allocates nothing).
        Advertisement? advert = target.LastDecoded(payload, source, destination);
        if (advert is null)
        {
            VrrpInstanceConfig c = target.Config;
            var expect = new ReceiverExpectations(c.Version, c.AuthType, c.AuthPassword, c.AdvertInterval);
            if (!AdvertisementCodec.TryDecode(payload, source, destination, expect, out advert, out AdvertDropReason reason))
            {
                // The screen and the codec are one validation: this cannot happen.
                Dropped(target, iface, source, reason, false);
                return _effects;
            }

            target.RememberDecoded(payload, source, destination, advert);
        }

        target.Receive(now, advert, source);
        return _effects;
    }

    /// <summary>The configuration-only checks <see cref="ReceivePacket"/> runs first; thread-safe.</summary>
    public PacketScreen Screen { get; }

    /// <summary>A tracked script run finished (a timeout is a failure).</summary>
    public IReadOnlyList<Effect> ScriptCompleted(Instant now, string script, bool success, int? exitStatus = null)
    {
        _effects.Clear();
        if (!IsRunning || FindScript(script) is not { } tracker)
        {
            return _effects;
        }

        AdvanceCore(now);
        if (tracker.Record(success))
        {
            Log(success
                ? $"VRRP_Script({script}) succeeded"
                : exitStatus is int code
                    ? $"VRRP_Script({script}) failed (exited with status {code.ToString(CultureInfo.InvariantCulture)})"
                    : $"VRRP_Script({script}) failed");
            Emit(new ScriptStateChanged(script, success));
            TrackingChanged(now, success ? $"script {script} succeeded" : $"script {script} failed");
        }

        return _effects;
    }

    /// <summary>An interface's carrier changed.</summary>
    public IReadOnlyList<Effect> LinkChanged(Instant now, string iface, bool up)
    {
        _effects.Clear();
        bool known = _linkUp.TryGetValue(iface, out bool was);
        _linkUp[iface] = up;
        if (!IsRunning || (known && was == up))
        {
            return _effects;
        }

        AdvanceCore(now);
        Log($"Netlink reports {iface} {(up ? "up" : "down")}");
        foreach (VrrpInstance i in _instances)
        {
            if (string.Equals(i.Config.Interface, iface, StringComparison.Ordinal))
            {
                i.SetOwnInterface(up);
            }
        }

        TrackingChanged(now, $"interface {iface} {(up ? "up" : "down")}");
        return _effects;
    }

    /// <summary>
    /// A tracked file (<c>track_file</c>) now holds <paramref name="value"/> (the driver reads it when it
    /// changes; a missing or unreadable file is 0). Before <see cref="Start"/> the value is only recorded,
    /// so that instances start with it.
    /// </summary>
    public IReadOnlyList<Effect> TrackedFileChanged(Instant now, string file, long value)
    {
        _effects.Clear();
        bool known = _fileValues.TryGetValue(file, out long was);
        _fileValues[file] = value;
        if (!IsRunning || (known && was == value) || (!known && value == 0))
        {
            return _effects;
        }

        AdvanceCore(now);
        Log($"VRRP_Track_File({file}) value {value.ToString(CultureInfo.InvariantCulture)}");
        TrackingChanged(now, $"tracked file {file} = {value.ToString(CultureInfo.InvariantCulture)}");
        return _effects;
    }

    /// <summary>
    /// A tracked process (<c>vrrp_track_process</c>) gained or lost its quorum (the driver counts the
    /// matching processes and applies fork_delay/terminate_delay). Before <see cref="Start"/> the state is
    /// only recorded, so that instances start with it (keepalived scans /proc before it starts them).
    /// </summary>
    public IReadOnlyList<Effect> TrackedProcessChanged(Instant now, string process, bool haveQuorum)
    {
        _effects.Clear();
        bool was = TrackedProcessQuorum(process);
        _processQuorum[process] = haveQuorum;
        if (!IsRunning || was == haveQuorum)
        {
            return _effects;
        }

        AdvanceCore(now);
        Log($"Quorum {(haveQuorum ? "gained" : "lost")} for tracked process {process}");
        TrackingChanged(now, $"tracked process {process} quorum {(haveQuorum ? "gained" : "lost")}");
        return _effects;
    }

    /// <summary>
    /// Whether a tracked process has its quorum: as last given, else as with no process running
    /// (only <c>quorum_max 0</c> has it then).
    /// </summary>
    public bool TrackedProcessQuorum(string process)
    {
        if (_processQuorum.TryGetValue(process, out bool q))
        {
            return q;
        }

        foreach (TrackedProcess p in Config.Processes)
        {
            if (string.Equals(p.Name, process, StringComparison.Ordinal))
            {
                return p.HasQuorum(0);
            }
        }

        return false;
    }

    /// <summary>The value last given for a tracked file (0 when none was).</summary>
    public long TrackedFileValue(string file) => _fileValues.TryGetValue(file, out long v) ? v : 0;

    /// <summary>The sans-IO form: dispatches <paramref name="input"/> (a closed set) to the method above.</summary>
    public IReadOnlyList<Effect> Step(Instant now, RouterInput input) => input switch
    {
        StartInput => Start(now),
        ShutdownInput => Shutdown(now),
        TimersDueInput => AdvanceTo(now),
        PacketInput p => ReceivePacket(now, p.Interface, p.Source, p.Destination, p.Ttl, p.Payload),
        ScriptResultInput s => ScriptCompleted(now, s.Script, s.Success, s.ExitStatus),
        LinkInput l => LinkChanged(now, l.Interface, l.Up),
        TrackedFileInput f => TrackedFileChanged(now, f.File, f.Value),
        TrackedProcessInput p => TrackedProcessChanged(now, p.Process, p.HaveQuorum),
        null => throw new ArgumentNullException(nameof(input)),
        _ => throw new System.Diagnostics.UnreachableException($"RouterInput is closed: {input.GetType().Name}"),
    };

    // ---------------------------------------------------------------- used by instances

    internal void Emit(Effect effect) => _effects.Add(effect);

    internal void Log(string text)
    {
        if (Logging)
        {
            _effects.Add(new LogLine(text));
        }
    }

    /// <summary>A log line built only when <see cref="Logging"/> is on (see <see cref="RouterLogHandler"/>).</summary>
    internal void Log([InterpolatedStringHandlerArgument("")] ref RouterLogHandler text)
    {
        if (Logging)
        {
            _effects.Add(new LogLine(text.ToStringAndClear()));
        }
    }

    internal void Accepted(VrrpInstance i, IPAddress source, Advertisement advert)
    {
        // The same advert from the same peer (decoded once, see ReceivePacket) is the same effect.
        if (i.LastAccepted is not { } last || !ReferenceEquals(last.Advert, advert) || !last.Source.Equals(source))
        {
            i.LastAccepted = last = new AdvertisementAccepted(i.Name, source, advert);
        }

        _effects.Add(last);
    }

    internal void Discarded(VrrpInstance i, IPAddress source, Advertisement advert) =>
        _effects.Add(new AdvertisementDiscarded(i.Name, source, advert, "lower priority"));

    internal void Dropped(VrrpInstance? i, IPAddress source, AdvertDropReason reason) =>
        Dropped(i, i?.Config.Interface ?? "", source, reason, false);

    /// <summary>The effective priority of <paramref name="c"/> now (<see cref="EffectivePriorityRule"/>).</summary>
    internal byte TrackedPriority(VrrpInstanceConfig c) => EffectivePriorityRule.Of(c, Config.Scripts, new LiveTracking(this), FileContributions(c, out _));

    /// <summary>The sum of what <paramref name="c"/>'s tracked files and processes add; <paramref name="fault"/> when one puts it in FAULT.</summary>
    private int FileContributions(VrrpInstanceConfig c, out bool fault)
    {
        fault = false;
        int total = 0;
        foreach (FileTrack t in c.TrackFiles)
        {
            TrackedFile? file = null;
            foreach (TrackedFile f in Config.Files)
            {
                if (string.Equals(f.Name, t.Name, StringComparison.Ordinal))
                {
                    file = f;
                    break;
                }
            }

            if (file is null)
            {
                continue;
            }

            int? contribution = EffectivePriorityRule.FileContribution(TrackedFileValue(t.Name), t.Weight ?? file.Weight, t.Reverse ?? file.Reverse);
            if (contribution is int add)
            {
                total += add;
            }
            else
            {
                fault = true;
            }
        }

        foreach (ProcessTrack t in c.TrackProcesses)
        {
            TrackedProcess? process = null;
            foreach (TrackedProcess p in Config.Processes)
            {
                if (string.Equals(p.Name, t.Name, StringComparison.Ordinal))
                {
                    process = p;
                    break;
                }
            }

            if (process is null)
            {
                continue;
            }

            int? contribution = EffectivePriorityRule.ProcessContribution(TrackedProcessQuorum(t.Name), t.Weight ?? process.Weight, t.Reverse ?? process.Reverse);
            if (contribution is int add)
            {
                total += add;
            }
            else
            {
                fault = true;
            }
        }

        return total;
    }

    /// <summary>
    /// keepalived (vrrp_track.c, num_script_init): an instance waits in INIT until every weight-0
    /// script it tracks has reported once.
    /// </summary>
    internal bool TrackingHolds(VrrpInstanceConfig c)
    {
        foreach (ScriptTrack t in c.TrackScripts)
        {
            if (FindScript(t.Name) is { } s && (t.Weight ?? s.Script.Weight) == 0 && s.Status == ScriptStatus.Init)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The tracked script called <paramref name="name"/> (the first of that name, as
    /// <c>_scriptsByName</c> keeps it). A router tracks a handful of scripts and the name asked for is
    /// usually the tracker's own string, so comparing along the array beats hashing the name on every
    /// script result; many scripts go through the dictionary.
    /// </summary>
    private ScriptTracker? FindScript(string name)
    {
        ScriptTracker[] scripts = _scripts;
        if (scripts.Length > 8)
        {
            return _scriptsByName.GetValueOrDefault(name);
        }

        foreach (ScriptTracker s in scripts)
        {
            // The driver usually hands back the name of the RunScript effect: the same string object.
            if (ReferenceEquals(s.Script.Name, name) || string.Equals(s.Script.Name, name, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>When received packets start to count (after <c>vrrp_startup_delay</c>).</summary>
    internal Instant ListenFrom => _listenFrom;

    /// <summary>A weight-0 tracked script failed or a weight-0 tracked interface is down.</summary>
    internal bool TrackingFault(VrrpInstanceConfig c)
    {
        foreach (ScriptTrack t in c.TrackScripts)
        {
            if (FindScript(t.Name) is { } s && (t.Weight ?? s.Script.Weight) == 0 && s.IsFailed)
            {
                return true;
            }
        }

        foreach (InterfaceTrack t in c.TrackInterfaces)
        {
            if (t.Weight == 0 && !LinkUp(t.Interface))
            {
                return true;
            }
        }

        _ = FileContributions(c, out bool fileFault);
        return fileFault;
    }

    // ---------------------------------------------------------------- internals

    /// <summary>
    /// Adds the drop effect. A flood repeats the same drop: the last effect per reason is reused when it
    /// is equal (effects are immutable), so dropping allocates nothing in the steady state.
    /// </summary>
    private void Dropped(VrrpInstance? i, string iface, IPAddress source, AdvertDropReason reason, bool restarted)
    {
        int slot = ((int)reason * 4) + (restarted ? 2 : 0) + (i is null ? 0 : 1);
        if (slot >= _dropCache.Length)
        {
            Array.Resize(ref _dropCache, Math.Max(slot + 1, 80));
        }

        AdvertisementDropped? d = _dropCache[slot];
        if (d is null || !string.Equals(d.Instance, i?.Name, StringComparison.Ordinal)
            || !string.Equals(d.Interface, iface, StringComparison.Ordinal) || !d.Source.Equals(source))
        {
            d = new AdvertisementDropped(i?.Name, iface, source, reason) { AdvertTimerRestarted = restarted };
            _dropCache[slot] = d;
        }

        _effects.Add(d);
    }

    /// <summary>
    /// keepalived's log line for a dropped packet, kept per distinct text (a flood repeats a few shapes):
    /// the cache key holds every byte the text is made of.
    /// </summary>
    private LogLine CachedLog(PacketVerdict verdict, ReadOnlySpan<byte> payload, byte ttl)
    {
        var key = new DropLogKey(verdict.Instance, verdict.Reason, payload[0], payload[3], payload[4], payload[5], payload.Length, ttl);
        if (_dropLogs.TryGetValue(key, out LogLine? line))
        {
            return line;
        }

        if (_dropLogs.Count >= MaxCachedDropLogs)
        {
            _dropLogs.Clear();
        }

        line = new LogLine(Screen.Describe(verdict, payload, ttl));
        _dropLogs[key] = line;
        return line;
    }

    private readonly record struct DropLogKey(int Instance, AdvertDropReason Reason, byte B0, byte B3, byte B4, byte B5, int Length, byte Ttl);

    private void TrackingChanged(Instant now, string cause)
    {
        foreach (VrrpInstance i in _instances)
        {
            if (i.State == VrrpState.Init)
            {
                i.TryLeaveInit(now);
            }
            else
            {
                i.TrackingChanged(now);
            }
        }

        foreach (VrrpInstance i in _instances)
        {
            i.ApplyFault(now, cause);
        }
    }

    private void AdvanceCore(Instant now)
    {
        for (int n = 0; n < MaxTimerFiringsPerCall; n++)
        {
            // Earliest due timer first; ties: instances in configuration order, then scripts.
            Instant best = Instant.Never;
            VrrpInstance? inst = null;
            ScriptTracker? script = null;
            foreach (VrrpInstance i in _instances)
            {
                Instant d = i.NextDeadline;
                if (d <= now && d < best)
                {
                    best = d;
                    inst = i;
                }
            }

            foreach (ScriptTracker s in _scripts)
            {
                if (s.NextRun <= now && s.NextRun < best)
                {
                    best = s.NextRun;
                    inst = null;
                    script = s;
                }
            }

            if (inst is not null)
            {
                inst.AdvanceTo(now);
            }
            else if (script is not null)
            {
                Instant next = script.NextRun + script.Script.Interval;
                script.NextRun = next > now ? next : now + script.Script.Interval;
                Emit(script.Run);
            }
            else
            {
                return;
            }
        }
    }

    private bool LinkUp(string iface) => !_linkUp.TryGetValue(iface, out bool up) || up;

    /// <summary>The running scripts and carriers, as <see cref="EffectivePriorityRule"/> reads them.</summary>
    private readonly struct LiveTracking(VrrpRouter router) : ITrackingState
    {
        public TrackerStatus Script(string name) =>
            !router._scriptsByName.TryGetValue(name, out ScriptTracker? s) ? TrackerStatus.Unknown
            : s.IsOk ? TrackerStatus.Ok
            : s.IsFailed ? TrackerStatus.Failed
            : TrackerStatus.Unknown;

        public bool InterfaceUp(string name) => router.LinkUp(name);
    }

    private IPAddress? PrimaryAddress(VrrpInstanceConfig c) => PacketScreen.PrimaryAddress(c, _interfaces);
}
