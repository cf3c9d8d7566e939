using System.Collections.Immutable;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Reading;

/// <summary>
/// The <c>vrrp_track_process</c> handlers and the <c>track_process { }</c> lines of instances and sync
/// groups (keepalived 2.2.7 vrrp_parser.c <c>vrrp_tprocess_*_handler</c>, vrrp_track.c
/// <c>alloc_track_process</c>), with keepalived's messages as <c>keepalived -t</c> prints them.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    // keepalived's track_process lines: only a weight in range counts; an unknown word after it is reported and the line kept.
    private static readonly TrackEntrySyntax ProcessEntry = new("track process", "track_process", "track_process", RunTimeWeight: false, KeepOnUnknownOption: true);

    private readonly List<TrackProcessDraft> _trackProcesses = [];

    private void TrackProcessBlock(ConfigStatement s)
    {
        var d = new TrackProcessDraft(Arg(s, 0));
        foreach (ConfigStatement c in s.Block)
        {
            At(c.Keyword);
            switch (c.Name)
            {
                case "process":
                    if (d.Process is not null)
                    {
                        Warn(c.Keyword, $"Process already set for track process {d.Name} - ignoring {Arg(c, 0)}");
                        break;
                    }

                    d.Process = Arg(c, 0);
                    if (c.Arguments.Length > 1)
                    {
                        d.Parameters = [.. c.Arguments.Skip(1).Select(a => a.Text)];
                        if (d.Match == ParamMatch.None)
                        {
                            d.Match = ParamMatch.Exact;
                        }

                        d.FullCommand = true;
                    }

                    break;
                case "param_match":
                    switch (c.Arguments.IsEmpty ? null : c.Arg(0))
                    {
                        case null:
                            d.Match = ParamMatch.Exact;
                            d.FullCommand = true;
                            break;
                        case "initial":
                            d.Match = ParamMatch.Initial;
                            d.FullCommand = true;
                            break;
                        case "partial":
                            d.Match = ParamMatch.Partial;
                            d.FullCommand = true;
                            break;
                        default:
                            Warn(c.Arguments[0], $"Invalid param_match type {c.Arg(0)} - ignoring");
                            break;
                    }

                    break;
                case "weight":
                    TrackProcessWeight(d, c);
                    break;
                case "quorum":
                    if (Quiet(c, NumberReader.Unsigned(Arg(c, 0), 1, 65535, ignoreError: true)) is not long q)
                    {
                        Warn(ValueAt(c), $"Quorum ({Arg(c, 0)}) for vrrp_track_process {d.Name} must be between [1..65535] inclusive. Ignoring...");
                    }
                    else if (q > d.QuorumMax)
                    {
                        Warn(ValueAt(c), "Quorum is greater than quorum_max - ignoring");
                    }
                    else
                    {
                        d.Quorum = (uint)q;
                    }

                    break;
                case "quorum_max":
                    if (Quiet(c, NumberReader.Unsigned(Arg(c, 0), 0, 65535, ignoreError: true)) is not long qm)
                    {
                        Warn(ValueAt(c), $"quorum_max ({Arg(c, 0)}) for vrrp_track_process {d.Name} must be between [0..65535] inclusive. Ignoring...");
                    }
                    else if ((qm != 0 || d.Quorum > 1) && qm < d.Quorum)
                    {
                        Warn(ValueAt(c), "quorum_max is less than quorum - ignoring");
                    }
                    else
                    {
                        d.QuorumMax = (uint)qm;
                        d.Quorum = qm == 0 ? 0 : Math.Max(d.Quorum, 1);
                    }

                    break;
                case "delay":
                case "terminate_delay":
                case "fork_delay":
                    if (Quiet(c, NumberReader.Decimal(Arg(c, 0), 1, 3600L * 1_000_000, 6, ignoreError: true)) is not long us)
                    {
                        string prefix = c.Name == "delay" ? "" : c.Name[..^"delay".Length];
                        Warn(ValueAt(c), $"{prefix}delay ({Arg(c, 0)}) for vrrp_track_process {d.Name} must be between [0.000001..3600] inclusive. Ignoring...");
                        break;
                    }

                    if (c.Name != "fork_delay")
                    {
                        d.TerminateDelay = Duration.FromMicroseconds(us);
                    }

                    if (c.Name != "terminate_delay")
                    {
                        d.ForkDelay = Duration.FromMicroseconds(us);
                    }

                    break;
                case "full_command":
                    d.FullCommand = true;
                    break;
            }
        }

        // vrrp_tprocess_end_handler.
        _order = s.EndOrder;
        if (d.Process is null)
        {
            Warn(s.Keyword, $"track process '{d.Name}' process name not specified");
            return;
        }

        _trackProcesses.Add(d);
    }

    /// <summary>A number reader's own message (keepalived prints it first); the value when keepalived -t takes it, else null.</summary>
    private long? Quiet(ConfigStatement c, NumberReader.Result r)
    {
        if (r.Message is not null)
        {
            Warn(ValueAt(c), r.Message);
        }

        return r.Accepted ? r.Value : null;
    }

    private void TrackProcessWeight(TrackProcessDraft d, ConfigStatement c)
    {
        if (c.Arguments.IsEmpty)
        {
            Warn(c.Keyword, $"No weight specified for track process {d.Name} - ignoring");
            return;
        }

        if (d.Weight != 0)
        {
            Warn(c.Arguments[0], $"Weight already set for track process {d.Name} - ignoring {c.Arg(0)}");
            return;
        }

        if (Quiet(c, NumberReader.Int(c.Arg(0)!, -254, 254, ignoreError: true)) is not long w)
        {
            Warn(c.Arguments[0], $"Weight ({c.Arg(0)}) for vrrp_track_process {d.Name} must be between [-254..254] inclusive. Ignoring...");
            return;
        }

        if (c.Arguments.Length >= 2)
        {
            if (c.Arg(1) == "reverse")
            {
                d.Reverse = true;
            }
            else
            {
                Warn(c.Arguments[1], $"vrrp_track_process {d.Name} unknown weight option {c.Arg(1)}");
            }
        }

        d.Weight = (int)w;
    }

    /// <summary>
    /// One line of a <c>track_process { }</c> block in an instance or sync group (<c>alloc_track_process</c>):
    /// the block must already be defined; <c>NAME [weight W [reverse|noreverse]]</c>.
    /// </summary>
    private void TrackProcessEntry(List<ProcessTrack> tracks, string owner, ConfigStatement e)
    {
        TrackProcessDraft? process = _trackProcesses.FirstOrDefault(p => p.Name == e.Name);
        if (TrackEntry(ProcessEntry, owner, e, process?.Weight, process?.Reverse ?? false, tracks.Any(t => t.Name == e.Name)) is { } line)
        {
            process!.Tracked = true;
            tracks.Add(new ProcessTrack(e.Name, line.Weight, line.Reverse));
        }
    }

    /// <summary>A sync group's tracked processes count on each member (the member's own line wins).</summary>
    private static void AddGroupProcesses(InstanceDraft member, SyncGroupDraft group)
    {
        foreach (ProcessTrack g in group.TrackProcesses)
        {
            if (!member.TrackProcesses.Any(t => t.Name == g.Name))
            {
                member.TrackProcesses.Add(g);
            }
        }
    }

    private TrackedProcess[] TrackedProcesses() =>
        [.. _trackProcesses.Where(p => p.Tracked).Select(p => new TrackedProcess(
            p.Name, p.Process!, p.Parameters, p.Match, p.Quorum, p.QuorumMax, p.Weight, p.Reverse, p.ForkDelay, p.TerminateDelay, p.FullCommand))];

    /// <summary>A <c>vrrp_track_process</c> block while it is being read (alloc_vrrp_process's defaults).</summary>
    private sealed class TrackProcessDraft(string name)
    {
        public string Name { get; } = name;

        public string? Process { get; set; }

        public ImmutableArray<string> Parameters { get; set; } = [];

        public ParamMatch Match { get; set; }

        public uint Quorum { get; set; } = 1;

        public uint QuorumMax { get; set; } = uint.MaxValue;

        public int Weight { get; set; }

        public bool Reverse { get; set; }

        public Duration ForkDelay { get; set; }

        public Duration TerminateDelay { get; set; }

        public bool FullCommand { get; set; }

        /// <summary>Some instance or sync group tracks it.</summary>
        public bool Tracked { get; set; }
    }
}
