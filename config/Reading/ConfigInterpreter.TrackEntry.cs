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
    /// definition's weight and reverse flag are the defaults (<paramref name="defaultWeight"/> null: not
    /// defined). Returns the line's weight and reverse flag, or null when keepalived ignores the line
    /// (with its message).
    /// </summary>
    private (int Weight, bool Reverse)? TrackEntry(TrackEntrySyntax syntax, string owner, ConfigStatement e, int? defaultWeight, bool defaultReverse, bool duplicate)
    {
        string name = e.Name;
        if (defaultWeight is not { } weight)
        {
            Warn(e.Keyword, $"({owner}) {syntax.Noun} {name} not found, ignoring...");
            return null;
        }

        if (duplicate)
        {
            Warn(e.Keyword, $"({owner}) duplicate {syntax.Keyword} {name} - ignoring");
            return null;
        }

        bool reverse = defaultReverse;
        if (e.Arguments.Length == 0)
        {
            return (weight, reverse);
        }

        if (e.Arg(0) != "weight")
        {
            Warn(e.Arguments[0], $"({owner}) unknown {syntax.Noun} option {e.Arg(0)} - ignoring");
            return null;
        }

        if (e.Arguments.Length == 1)
        {
            Warn(e.Arguments[0], $"({owner}) weight without value specified for {syntax.Noun} {name} - ignoring");
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

    /// <summary>How keepalived words and treats one kind of tracking line.</summary>
    /// <param name="Noun">In most messages: <c>track file</c>, <c>track process</c>.</param>
    /// <param name="Keyword">In the duplicate message: <c>track_file</c>, <c>track_process</c>.</param>
    /// <param name="OptionNoun">In the unknown reverse option's message.</param>
    /// <param name="RunTimeWeight">A weight accepted only at run time (a number keepalived reads with a warning) counts.</param>
    /// <param name="KeepOnUnknownOption">An unknown word after the weight is reported and the line still added.</param>
    private sealed record TrackEntrySyntax(string Noun, string Keyword, string OptionNoun, bool RunTimeWeight, bool KeepOnUnknownOption);
}
