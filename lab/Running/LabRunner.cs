// Over 400 lines: one run's life cycle (set-up, the timeline applied in real time, teardown) over the runner's shared state (clock, observations, daemons); the assembly of the event log is in LabRunner.Assemble.cs.

using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Lab.Daemons;
using VrrpLab.Lab.Host;
using VrrpLab.Lab.Network;
using VrrpLab.Lab.Observing;
using VrrpLab.RealNet.Native;
using VrrpLab.Sim.Events;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Lab.Running;

/// <summary>
/// Runs one scenario on real daemons: builds its network from namespaces, starts the observers (daemon
/// logs, address and neighbour monitors, a pinging client per segment, a capture per bridge), applies
/// every timeline action at its time, then turns what it saw into the typed event log the simulator
/// also writes and judges it with the same evaluator, beside the simulator's prediction.
/// </summary>
public sealed partial class LabRunner
{
    /// <summary>Ping interval of the clients.</summary>
    public const string PingInterval = "0.01";

    /// <summary>How long a request waits for its reply before it counts as unanswered.</summary>
    public const long ReplyWaitUs = 1_000_000;

    /// <summary>
    /// The nice value of the thread that applies the actions and launches the daemons and tools (they
    /// inherit it): on a busy machine the lab's timers and the daemons it starts are not starved by
    /// builds; the lab itself mostly sleeps.
    /// </summary>
    public const int Nice = -10;

    /// <summary>How far from a MASTER log line the first advert on the wire may be to time the entry.</summary>
    public const long WireMatchUs = 300_000;

    private readonly Scenario _scenario;
    private readonly LabOptions _options;
    private readonly RunLayout _layout;
    private readonly LabClock _clock = new();
    private readonly LabObservations _seen = new();
    private readonly List<LabProcess> _tools = [];
    private readonly Dictionary<string, LabDaemon> _daemons = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Script), ControlledScript> _scripts = [];
    private readonly List<string> _notes = [];
    private readonly string _runId = LabHygiene.NewRunId();
    private LabNetwork? _net;
    private string _workDir = "";
    private long _t0;

    private LabRunner(Scenario scenario, LabOptions options)
    {
        _scenario = scenario;
        _options = options;
        _layout = RunLayout.Of(scenario);
    }

    /// <summary>Runs <paramref name="scenario"/> (checked with <see cref="Runnability"/> first) and judges it.</summary>
    /// <exception cref="LabException">The lab cannot run here (no root, a tool missing, a command failed).</exception>
    /// <exception cref="OperationCanceledException">Ctrl-C: everything was torn down.</exception>
    public static LabRun Run(Scenario scenario, LabOptions options) => new LabRunner(scenario, options).Run();

    private LabRun Run()
    {
        int niceBefore = Libc.GetPriority(Libc.PrioProcess, 0);
        _ = Libc.SetPriority(Libc.PrioProcess, 0, Nice);
        try
        {
            return RunNiced();
        }
        finally
        {
            _ = Libc.SetPriority(Libc.PrioProcess, 0, niceBefore);
        }
    }

    private LabRun RunNiced()
    {
        long setupStart = _clock.NowUs;
        long setupUs;
        long endRaw;
        var applied = new List<AppliedAction>();
        var startsDue = new List<(string Node, int Start, long DueRaw, long ExecRaw)>();
        long teardownStart;
        try
        {
            Setup();
            setupUs = _clock.NowUs - setupStart;
            _options.Progress?.Invoke($"{_scenario.Name}: network ready in {setupUs / 1000} ms; running {_scenario.Duration} of scenario time");
            _t0 = _clock.NowUs + 20_000;
            Execute(applied, startsDue);
            endRaw = _t0 + _scenario.Duration.Microseconds;
            WaitUntil(endRaw);
        }
        finally
        {
            teardownStart = _clock.NowUs;
            Teardown();
        }

        long teardownUs = _clock.NowUs - teardownStart;
        return Assemble(setupUs, teardownUs, applied, startsDue);
    }

    private void Setup()
    {
        LabHygiene.CleanStale();
        _workDir = Path.Combine(LabHygiene.WorkRoot, _runId);
        Directory.CreateDirectory(LabHygiene.WorkRoot);
        Directory.CreateDirectory(_workDir);
        _net = LabNetwork.Build(_runId, _scenario, _layout);
        _net.Keep = _options.Keep;
        foreach (NodeSpec node in _scenario.Nodes)
        {
            string text = node.ConfigText?.Text ?? throw new LabException($"node {node.Name} has no keepalived.conf text");
            (string rewritten, List<ControlledScript> scripts) = ScriptControl.Rewrite(node.Name, text, _workDir);
            foreach (ControlledScript s in scripts)
            {
                _scripts[(node.Name, s.Name)] = s;
                _notes.Add($"{node.Name}: vrrp_script {s.Name} runs the lab's controllable script {s.ScriptPath} (was: {s.Original})");
            }

            NodeImplementation impl = _options.ImplementationOf(node.Name);
            var daemon = new LabDaemon(node.Name, _net.NamespaceOf(node.Name), impl, _workDir, _clock, _options.VrrplabCommand, OnDaemonLine, OnDaemonExit);
            File.WriteAllText(daemon.ConfigPath, rewritten);
            _daemons[node.Name] = daemon;
            string nodeName = node.Name;
            _tools.Add(LabProcess.Start(_net.NamespaceOf(node.Name), ["stdbuf", "-oL", "ip", "-o", "-ts", "monitor", "address"], _clock, (t, line) =>
            {
                if (LineParsers.Address(line) is { } a)
                {
                    _seen.Add(o => o.Addresses.Add((nodeName, _clock.FromUnixUs(a.UnixUs), a)));
                }
            }));
        }

        var listening = new List<(LabProcess Process, ManualResetEventSlim Ready)>();
        foreach (LabSegment seg in _net.Segments)
        {
            string segName = seg.Name;
            _notes.Add($"segment {seg.Name}: bridge in {seg.Namespace}; client {seg.ClientAddress} in {seg.ClientNamespace} pings every VIP every 10 ms");
            var ready = new ManualResetEventSlim();
            IPAddress client = seg.ClientAddress;
            LabProcess tcpdump = LabProcess.Start(seg.Namespace, ["tcpdump", "-i", "br0", "-n", "-l", "-tt", "-p", "--immediate-mode", "-s", "128", LineParsers.CaptureFilter], _clock, (t, line) =>
            {
                if (LineParsers.Vrrp(line) is { } p && p.Source.Equals(client))
                {
                    // The client sends VRRP only as a flood: its datagrams time the flood.
                    _seen.Add(o => o.ClientPackets.Add((segName, _clock.FromUnixUs(p.UnixUs))));
                }
                else if (LineParsers.Advert(line) is { } a)
                {
                    _seen.Add(o => o.Adverts.Add((segName, _clock.FromUnixUs(a.UnixUs), a)));
                }
                else if (LineParsers.Join(line) is { } j)
                {
                    _seen.Add(o => o.Joins.Add((segName, _clock.FromUnixUs(j.UnixUs), j.Source)));
                }
                else
                {
                    if (line.Contains("listening on", StringComparison.Ordinal))
                    {
                        ready.Set();
                    }

                    _seen.Add(o => o.ToolLines.Add($"tcpdump {segName}: {line}"));
                }
            });
            _tools.Add(tcpdump);
            listening.Add((tcpdump, ready));
            _tools.Add(LabProcess.Start(seg.ClientNamespace, ["stdbuf", "-oL", "ip", "-ts", "monitor", "neigh"], _clock, (t, line) =>
            {
                if (LineParsers.Neighbour(line) is { } n)
                {
                    _seen.Add(o => o.Neighbours.Add((segName, _clock.FromUnixUs(n.UnixUs), n)));
                }
            }));
            // The client's traffic: ping every VIP every 10 ms; the replies are timed by the kernel
            // (tcpdump on the client's interface), so a starved ping process cannot fake an outage.
            var vips = _layout.Clients.Where(c => c.Segment == seg.Name).Select(c => c.Vip).ToList();
            var replyReady = new ManualResetEventSlim();
            LabProcess replies = LabProcess.Start(seg.ClientNamespace, ["tcpdump", "-i", "eth0", "-n", "-l", "-tt", "-p", "--immediate-mode", "-s", "96", "icmp[icmptype] == icmp-echoreply or icmp[icmptype] == icmp-echo or (icmp6 and (ip6[40] == 128 or ip6[40] == 129))"], _clock, (t, line) =>
            {
                if (LineParsers.Echo(line) is { } r)
                {
                    if (vips.FirstOrDefault(v => v.Equals(r.Reply ? r.Source : r.Destination)) is { } vip)
                    {
                        _seen.Add(o => o.Echoes.Add((segName, vip, _clock.FromUnixUs(r.UnixUs), r.Reply, r.Sequence)));
                    }
                }
                else if (line.Contains("listening on", StringComparison.Ordinal))
                {
                    replyReady.Set();
                }
            });
            _tools.Add(replies);
            listening.Add((replies, replyReady));
            foreach (IPAddress vip in vips)
            {
                _tools.Add(LabProcess.Start(seg.ClientNamespace, ["ping", "-n", "-q", "-i", PingInterval, "-W", "1", vip.ToString()], _clock, (_, _) => { }));
            }
        }

        foreach ((LabProcess p, ManualResetEventSlim ready) in listening)
        {
            if (!ready.Wait(TimeSpan.FromSeconds(10), _options.Cancel))
            {
                throw new LabException($"tcpdump did not start listening within 10 s ({p.Description})");
            }
        }

        // ip monitor subscribes to its netlink groups as soon as it runs; give it a moment.
        Thread.Sleep(100);
    }

    private void OnDaemonLine(LabDaemon d, long raw, string line)
    {
        int start = d.Starts - 1;
        _seen.Add(o => o.DaemonLines.Add(new DaemonLine(d.Node, start, raw, line)));
    }

    private void OnDaemonExit(LabDaemon d, LabProcess p)
    {
        _seen.Add(o => o.Marks.Add(new LabMark(p.ExitedUs ?? _clock.NowUs, d.Node, "exit", $"status {p.ExitCode}", d.Starts - 1)));
    }

    private void Execute(List<AppliedAction> applied, List<(string Node, int Start, long DueRaw, long ExecRaw)> startsDue)
    {
        var queue = new List<(long AtUs, int Order, TimelineAction Action, bool Internal)>();
        int order = 0;
        if (_scenario.Autostart)
        {
            queue.Add((0, order++, new StartAction([.. _scenario.Nodes.Select(n => n.Name)]), false));
        }

        foreach (TimelineEntry e in _scenario.Timeline)
        {
            queue.Add((e.At.Microseconds, order++, e.Action, false));
            if (e.Action is PauseAction p)
            {
                queue.Add((e.At.Microseconds + p.For.Microseconds, int.MaxValue - 1000 + order, new ResumeAction(p.Node), true));
            }
        }

        queue.Sort((a, b) => a.AtUs != b.AtUs ? a.AtUs.CompareTo(b.AtUs) : a.Order.CompareTo(b.Order));
        foreach ((long at, int _, TimelineAction action, bool isInternal) in queue)
        {
            if (at > _scenario.Duration.Microseconds)
            {
                break;
            }

            long due = _t0 + at;
            _net!.PrepareFilters(action);
            WaitUntil(due);
            long applyAt = _clock.NowUs;
            Apply(action, due, startsDue);
            if (action is PartitionAction or HealAction or LossAction)
            {
                // A bridge filter holds once nft has committed it: its lateness runs to then.
                applyAt = _clock.NowUs;
            }
            if (!isInternal)
            {
                applied.Add(new AppliedAction(at, action, applyAt - due));
                _seen.Add(o => o.Marks.Add(new LabMark(applyAt, ActionRecord.NodeOf(action), "action", null, applied.Count - 1)));
            }
        }

        if (_net!.FilterDurationsUs.Count > 0)
        {
            _notes.Add($"bridge filters (partitions, loss): {_net.FilterDurationsUs.Count} nftables transaction(s), {string.Join(", ", _net.FilterDurationsUs.Select(d => (d / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} ms each from the ruleset written to nft's exit (counted in the action's lateness)");
        }
    }

    private void Apply(TimelineAction action, long due, List<(string Node, int Start, long DueRaw, long ExecRaw)> startsDue)
    {
        LabNetwork net = _net!;
        switch (action)
        {
            case StartAction s:
                foreach (string n in s.Nodes)
                {
                    LabDaemon d = _daemons[n];
                    if (d.Running)
                    {
                        Mark(n, "already running");
                        continue;
                    }

                    if (_down.Remove(n))
                    {
                        net.SetHost(n, up: true);
                        Mark(n, "host up");
                    }

                    long exec = d.Start();
                    startsDue.Add((n, d.Starts - 1, due, exec));
                    _seen.Add(o => o.Marks.Add(new LabMark(exec, n, "started", null, d.Starts - 1)));
                }

                break;
            case StopAction s:
                foreach (string n in s.Nodes)
                {
                    if (!_daemons[n].Running)
                    {
                        Mark(n, "not running");
                        continue;
                    }

                    Mark(n, "sigterm");
                    _daemons[n].Terminate();
                }

                break;
            case KillAction k:
                foreach (string n in k.Nodes)
                {
                    if (_daemons[n].Running)
                    {
                        Mark(n, "sigkill");
                        _daemons[n].Kill();
                    }
                }

                break;
            case CrashAction c:
                // The host vanishes at once: its daemon is frozen first (it cannot react), then its
                // interfaces go down with every address, then the daemon is killed.
                foreach (string n in c.Nodes)
                {
                    bool running = _daemons[n].Running;
                    long frozen = _clock.NowUs;
                    if (running)
                    {
                        _daemons[n].Freeze(true);
                    }

                    bool wasUp = _down.Add(n);
                    if (wasUp)
                    {
                        net.SetHost(n, up: false);
                    }

                    if (running)
                    {
                        _daemons[n].Kill();
                        // The daemon ended when it was frozen: the interface commands and the kill after it
                        // take tens of ms on a busy machine, during which it could not act.
                        MarkAt(frozen, n, "crash-kill");
                    }

                    if (wasUp)
                    {
                        Mark(n, "host down");
                    }
                }

                break;
            case ScriptAction s:
                _scripts[(s.Node, s.Script)].Set(s.Ok);
                break;
            case LinkAction l:
                Mark(l.Node, l.Up ? "link up" : "link down", l.Interface);
                net.SetLink(l.Node, l.Interface, l.Up);
                break;
            case PartitionAction p:
                net.Partition(p);
                break;
            case HealAction:
                net.Heal();
                break;
            case LossAction l:
                net.SetLoss(l.Segment, l.Rate);
                break;
            case LatencyAction l:
                net.SetLatency(l.Segment, l.Value, l.Jitter);
                break;
            case PauseAction p:
                if (_daemons[p.Node].Running)
                {
                    Mark(p.Node, "paused", null, p.For.Microseconds);
                    _daemons[p.Node].Freeze(true);
                }
                else
                {
                    Mark(p.Node, "not running");
                }

                break;
            case ResumeAction r:
                if (_daemons[r.Node].Running)
                {
                    Mark(r.Node, "resumed");
                    _daemons[r.Node].Freeze(false);
                }

                break;
            case FloodAction f:
                StartFlood(f);
                break;
            default:
                throw new LabException($"not runnable in the lab: {action.Keyword}");
        }
    }

    private readonly HashSet<string> _down = new(StringComparer.Ordinal);

    private void Mark(string node, string what, string? detail = null, long? number = null) => MarkAt(_clock.NowUs, node, what, detail, number);

    private void MarkAt(long raw, string node, string what, string? detail = null, long? number = null) =>
        _seen.Add(o => o.Marks.Add(new LabMark(raw, node, what, detail, number)));

    private void StartFlood(FloodAction f)
    {
        LabSegment seg = _net!.Segment(f.Segment);
        VrrpInstanceConfig? target = _scenario.Nodes.SelectMany(n => n.Config.Instances).FirstOrDefault(i => i.VirtualRouterId == f.Vrid);
        var args = new List<string>(_options.VrrplabCommand)
        {
            "flood", "--netns", seg.ClientNamespace, "--dev", "eth0", "--vrid", f.Vrid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--rate", f.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--for", f.For.ToString(), "--kind", f.KindName,
            "--seed", _scenario.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (target is not null)
        {
            args.Add("--cluster-version");
            args.Add(target.Version == VrrpVersion.V3 ? "3" : "2");
            if (target.AuthPassword is { Length: > 0 } pass)
            {
                args.Add("--cluster-pass");
                args.Add(pass);
            }
        }

        string name = f.Segment;
        _tools.Add(LabProcess.Start(seg.ClientNamespace, args, _clock, (t, line) => _seen.Add(o => o.ToolLines.Add($"flood {name}: {line}"))));
    }

    private void WaitUntil(long raw)
    {
        while (true)
        {
            _options.Cancel.ThrowIfCancellationRequested();
            long left = raw - _clock.NowUs;
            if (left <= 0)
            {
                return;
            }

            if (left > 3_000)
            {
                Thread.Sleep(TimeSpan.FromMicroseconds(Math.Min(left - 2_000, 200_000)));
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private void Teardown()
    {
        foreach (LabDaemon d in _daemons.Values)
        {
            d.Dispose();
        }

        foreach (LabProcess p in _tools)
        {
            p.Stop(Libc.SigInt, TimeSpan.FromSeconds(2));
            p.Dispose();
        }

        foreach (((string node, string name), ControlledScript script) in _scripts)
        {
            foreach ((long _, long doneUnixUs, int status) in script.Runs())
            {
                long raw = _clock.FromUnixUs(doneUnixUs);
                _seen.Add(o => o.ScriptRuns.Add((node, name, raw, status)));
            }
        }

        _net?.Dispose();
        if (_net is not null)
        {
            _notes.AddRange(_net.RelayNotes());
        }

        if (!_options.Keep && _workDir.Length > 0)
        {
            LabHygiene.DeleteDirectory(_workDir);
        }
    }

    /// <summary>An internal action: the end of a pause (SIGCONT).</summary>
    private sealed record ResumeAction(string Node) : TimelineAction
    {
        public override string Keyword => "resume";

        public override string Describe() => Node;
    }
}
