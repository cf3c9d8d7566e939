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
    // keepalived's track_process weights: only one in range counts; an unknown word after a line's weight is
    // reported and the line kept; a refused weight in the block drops that line.
    private static readonly TrackEntrySyntax ProcessEntry = new(
        "track process", "track_process", "track_process", "vrrp_track_process", RunTimeWeight: false, KeepOnUnknownOption: true, RefusedWeight: null);

    private readonly List<TrackProcessDraft> _trackProcesses = [];

    private void TrackProcessBlock(ConfigStatement s) => TrackedBlock(s, new TrackProcessDraft(Arg(s, 0)), _trackProcesses, TrackProcessKeyword);

    private void TrackProcessKeyword(TrackProcessDraft d, ConfigStatement c)
    {
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
                DefinitionWeight(ProcessEntry, d, c);
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

    /// <summary>A number reader's own message (keepalived prints it first); the value when keepalived -t takes it, else null.</summary>
    private long? Quiet(ConfigStatement c, NumberReader.Result r)
    {
        if (r.Message is not null)
        {
            Warn(ValueAt(c), r.Message);
        }

        return r.Accepted ? r.Value : null;
    }

    /// <summary>
    /// One line of a <c>track_process { }</c> block in an instance or sync group (<c>alloc_track_process</c>):
    /// the block must already be defined; <c>NAME [weight W [reverse|noreverse]]</c>.
    /// </summary>
    private void TrackProcessEntry(List<ProcessTrack> tracks, string owner, ConfigStatement e)
    {
        if (TrackEntry(ProcessEntry, owner, e, _trackProcesses.FirstOrDefault(p => p.Name == e.Name), tracks.Any(t => t.Name == e.Name)) is { } line)
        {
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
    private sealed class TrackProcessDraft(string name) : TrackedDraft(name, weight: 0)
    {
        public string? Process { get; set; }

        // vrrp_tprocess_end_handler.
        public override string? Incomplete => Process is null ? $"track process '{Name}' process name not specified" : null;

        public ImmutableArray<string> Parameters { get; set; } = [];

        public ParamMatch Match { get; set; }

        public uint Quorum { get; set; } = 1;

        public uint QuorumMax { get; set; } = uint.MaxValue;

        /// <summary>A weight line set a weight other than 0; a later one is refused.</summary>
        public override bool WeightSet => Weight != 0;

        public Duration ForkDelay { get; set; }

        public Duration TerminateDelay { get; set; }

        public bool FullCommand { get; set; }
    }
}
