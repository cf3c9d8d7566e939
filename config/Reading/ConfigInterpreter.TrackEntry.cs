using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>
/// The <c>NAME [weight W [reverse|noreverse]]</c> line of an instance's or sync group's
/// <c>track_file { }</c> and <c>track_process { }</c> blocks (keepalived 2.2.7
/// <c>vrrp_alloc_track_file</c>, <c>alloc_track_process</c>): one reader, with each block's wording
/// and its two differences (<see cref="TrackEntrySyntax"/>).
/// </summary>
internal sealed partial class ConfigInterpreter
{
    /// <summary>A <c>track_file { }</c> or <c>track_process { }</c> block of instance or sync group <paramref name="owner"/>.</summary>
    private void TrackBlock(ConfigStatement block, List<FileTrack> files, List<ProcessTrack> processes, string owner) =>
        EachEntry(block, e =>
        {
            if (block.Name == "track_file")
            {
                TrackFileEntry(files, owner, e);
            }
            else
            {
                TrackProcessEntry(processes, owner, e);
            }
        });

    /// <summary>
    /// Reads one tracking line naming <paramref name="e"/>'s <see cref="ConfigStatement.Name"/>, whose
    /// definition's weight and reverse flag are the defaults (<paramref name="defined"/> null: not
    /// defined). Returns the line's weight and reverse flag, or null when keepalived ignores the line
    /// (with its message); a line that counts marks the definition tracked.
    /// </summary>
    private (int Weight, bool Reverse)? TrackEntry(TrackEntrySyntax syntax, string owner, ConfigStatement e, TrackedDraft? defined, bool duplicate)
    {
        if (TrackEntryLine(syntax, owner, e, defined, duplicate) is not { } line)
        {
            return null;
        }

        defined!.Tracked = true;
        return line;
    }

    private (int Weight, bool Reverse)? TrackEntryLine(TrackEntrySyntax syntax, string owner, ConfigStatement e, TrackedDraft? defined, bool duplicate)
    {
        string name = e.Name;
        if (defined is null)
        {
            Warn(e.Keyword, $"({owner}) {syntax.Noun} {name} not found, ignoring...");
            return null;
        }

        if (duplicate)
        {
            Warn(e.Keyword, $"({owner}) duplicate {syntax.Keyword} {name} - ignoring");
            return null;
        }

        int weight = defined.Weight;
        bool reverse = defined.Reverse;
        if (e.Arguments.Length == 0)
        {
            return (weight, reverse);
        }

        if (!WeightWord(e, owner, syntax.Noun, $"({owner}) unknown {syntax.Noun} option {e.Arg(0)} - ignoring"))
        {
            return null;
        }

        NumberReader.Result r = NumberReader.Int(e.Arg(1)!, -254, 254, ignoreError: true);
        if (r.Message is not null)
        {
            Warn(e.Arguments[1], r.Message);
        }

        if (r.Accepted || (syntax.RunTimeWeight && r.RunTimeAccepted))
        {
            weight = (int)r.Value;
        }
        else
        {
            Warn(e.Arguments[1], $"({owner}) weight for {syntax.Noun} {name} must be in [-254..254] inclusive. Ignoring...");
        }

        if (e.Arguments.Length >= 3)
        {
            switch (e.Arg(2))
            {
                case "reverse":
                    reverse = true;
                    break;
                case "noreverse":
                    reverse = false;
                    break;
                default:
                    Warn(e.Arguments[2], $"({owner}) unknown {syntax.OptionNoun} {name} weight option {e.Arg(2)} - ignoring");
                    if (!syntax.KeepOnUnknownOption)
                    {
                        return null;
                    }

                    break;
            }
        }

        return (weight, reverse);
    }

    /// <summary>
    /// The options of a tracking line (<c>track_script</c>, <c>track_interface</c>, <c>track_file</c>,
    /// <c>track_process</c>) must start <c>weight W</c>; false, with keepalived's message
    /// (<paramref name="unknownOption"/> for another word), when the line is dropped.
    /// </summary>
    private bool WeightWord(ConfigStatement e, string owner, string noun, string unknownOption)
    {
        if (e.Arg(0) != "weight")
        {
            Warn(e.Arguments[0], unknownOption);
            return false;
        }

        if (e.Arguments.Length == 1)
        {
            Warn(e.Arguments[0], $"({owner}) weight without value specified for {noun} {e.Name} - ignoring");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A <c>track_file</c> or <c>vrrp_track_process</c> block: its lines, then keepalived's end handler,
    /// which drops it (with its message at the block) when it names no file or process.
    /// </summary>
    private void TrackedBlock<TDraft>(ConfigStatement s, TDraft d, List<TDraft> defined, Action<TDraft, ConfigStatement> line)
        where TDraft : TrackedDraft
    {
        DefinitionLines(s, c => line(d, c));
        if (d.Incomplete is { } message)
        {
            Warn(s.Keyword, message);
            return;
        }

        defined.Add(d);
    }

    /// <summary>
    /// The <c>weight W [reverse]</c> line of a <c>track_file</c> or <c>vrrp_track_process</c> block
    /// (keepalived 2.2.7 <c>track_file_weight_handler</c>, <c>vrrp_tprocess_weight_handler</c>): the
    /// weight and reverse flag the block's users take unless their line gives its own.
    /// </summary>
    private void DefinitionWeight(TrackEntrySyntax syntax, TrackedDraft d, ConfigStatement c)
    {
        if (c.Arguments.IsEmpty)
        {
            Warn(c.Keyword, $"No weight specified for {syntax.Noun} {d.Name} - ignoring");
            return;
        }

        if (d.WeightSet)
        {
            Warn(c.Arguments[0], $"Weight already set for {syntax.Noun} {d.Name} - ignoring {c.Arg(0)}");
            return;
        }

        d.WeightRead = true;
        NumberReader.Result r = NumberReader.Int(c.Arg(0)!, -254, 254, ignoreError: true);
        if (r.Message is not null)
        {
            Warn(c.Arguments[0], r.Message);
        }

        int weight;
        if (r.Accepted || (syntax.RunTimeWeight && r.RunTimeAccepted))
        {
            weight = (int)r.Value;
        }
        else
        {
            Warn(c.Arguments[0], $"Weight ({c.Arg(0)}) for {syntax.Block} {d.Name} must be between [-254..254] inclusive. Ignoring...");
            if (syntax.RefusedWeight is not { } refused)
            {
                return;
            }

            weight = refused;
        }

        if (c.Arguments.Length >= 2)
        {
            if (c.Arg(1) == "reverse")
            {
                d.Reverse = true;
            }
            else
            {
                Warn(c.Arguments[1], $"{syntax.Block} {d.Name} unknown weight option {c.Arg(1)}");
            }
        }

        d.Weight = weight;
    }

    /// <summary>How keepalived words and treats one kind of tracked object's weights.</summary>
    /// <param name="Noun">In most messages: <c>track file</c>, <c>track process</c>.</param>
    /// <param name="Keyword">In the duplicate message: <c>track_file</c>, <c>track_process</c>.</param>
    /// <param name="OptionNoun">In the unknown reverse option's message.</param>
    /// <param name="Block">The defining block in the block's weight messages: <c>track_file</c>, <c>vrrp_track_process</c>.</param>
    /// <param name="RunTimeWeight">A weight accepted only at run time (a number keepalived reads with a warning) counts.</param>
    /// <param name="KeepOnUnknownOption">An unknown word after a line's weight is reported and the line still added.</param>
    /// <param name="RefusedWeight">The weight a refused weight in the block leaves (the line still read on); null: the line is dropped.</param>
    private sealed record TrackEntrySyntax(
        string Noun, string Keyword, string OptionNoun, string Block, bool RunTimeWeight, bool KeepOnUnknownOption, int? RefusedWeight);

    /// <summary>A <c>track_file</c> or <c>vrrp_track_process</c> block while it is being read.</summary>
    private abstract class TrackedDraft(string name, int weight)
    {
        public string Name { get; } = name;

        /// <summary>The weight the block's users take by default.</summary>
        public int Weight { get; set; } = weight;

        public bool Reverse { get; set; }

        /// <summary>A weight line got past the checks before its number was read.</summary>
        public bool WeightRead { get; set; }

        /// <summary>A further weight line is refused.</summary>
        public abstract bool WeightSet { get; }

        /// <summary>At the block's end: why keepalived drops it (no file or process named), else null.</summary>
        public abstract string? Incomplete { get; }

        /// <summary>Some instance or sync group tracks it (keepalived forgets the others).</summary>
        public bool Tracked { get; set; }
    }
}
