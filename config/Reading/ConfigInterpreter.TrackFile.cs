using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>
/// The <c>track_file</c> (and deprecated <c>vrrp_track_file</c>) handlers and the <c>track_file { }</c>
/// lines of instances and sync groups (keepalived 2.2.7 track_file.c: <c>track_file_*_handler</c>,
/// <c>vrrp_alloc_track_file</c>, <c>add_obj_to_track_file</c>), with keepalived's messages as
/// <c>keepalived -t</c> prints them.
/// </summary>
internal sealed partial class ConfigInterpreter
{
    // keepalived's track_file weights: one it reads with a warning counts; an unknown word after a line's weight
    // drops the line; a refused weight in the block is taken as 1.
    private static readonly TrackEntrySyntax FileEntry = new(
        "track file", "track_file", "track file", "track_file", RunTimeWeight: true, KeepOnUnknownOption: false, RefusedWeight: 1);

    private readonly List<TrackFileDraft> _trackFiles = [];

    private void TrackFileBlock(ConfigStatement s) => TrackedBlock(s, new TrackFileDraft(Arg(s, 0)), _trackFiles, TrackFileKeyword);

    private void TrackFileKeyword(TrackFileDraft d, ConfigStatement c)
    {
        switch (c.Name)
        {
            case "file":
                if (c.Arguments.IsEmpty)
                {
                    Warn(c.Keyword, "track file file name missing");
                }
                else if (d.Path is not null)
                {
                    Warn(c.Arguments[0], $"File already set for track file {d.Name} - ignoring {c.Arg(0)}");
                }
                else
                {
                    d.Path = c.Arg(0);
                }

                break;
            case "weight":
                DefinitionWeight(FileEntry, d, c);
                break;
            case "init_file":
                d.Init = true;
                d.InitValue = 0;
                foreach (ConfigToken word in c.Arguments)
                {
                    string text = word.Text.TrimStart();
                    if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-'))
                    {
                        NumberReader.Result v = NumberReader.Int(text, int.MinValue, int.MaxValue, ignoreError: false);
                        if (!v.Accepted)
                        {
                            Warn(word, $"Track file {d.Name} init value {text} is invalid");
                            d.InitValue = 0;
                            continue;
                        }

                        if (v.Value is < -254 or > 254)
                        {
                            Warn(word, $"Track file {d.Name} init value {N(v.Value)} is outside sensible range [-254, 254]");
                        }

                        d.InitValue = v.Value;
                    }
                    else if (text == "overwrite")
                    {
                        d.Overwrite = true;
                    }
                    else
                    {
                        Warn(word, $"Unknown track file init option {text}");
                    }
                }

                break;
        }
    }

    /// <summary>
    /// One line of a <c>track_file { }</c> block in an instance or sync group (<c>vrrp_alloc_track_file</c>):
    /// the file must already be defined; <c>NAME [weight W [reverse|noreverse]]</c>.
    /// </summary>
    private void TrackFileEntry(List<FileTrack> tracks, string owner, ConfigStatement e)
    {
        if (TrackEntry(FileEntry, owner, e, _trackFiles.FirstOrDefault(f => f.Name == e.Name), tracks.Any(t => t.Name == e.Name)) is { } line)
        {
            tracks.Add(new FileTrack(e.Name, line.Weight, line.Reverse));
        }
    }

    /// <summary>
    /// A sync group's tracked files count on each member (<c>add_obj_to_track_file</c>): a file the
    /// member already tracks takes the group's weight unless the member's line has weight 0.
    /// </summary>
    private static void AddGroupFiles(InstanceDraft member, SyncGroupDraft group)
    {
        foreach (FileTrack g in group.TrackFiles)
        {
            int i = member.TrackFiles.FindIndex(t => t.Name == g.Name);
            if (i < 0)
            {
                member.TrackFiles.Add(g);
            }
            else if (member.TrackFiles[i].Weight != 0)
            {
                member.TrackFiles[i] = g;
            }
        }
    }

    private TrackedFile[] TrackedFiles() =>
        [.. _trackFiles.Where(f => f.Tracked).Select(f => new TrackedFile(f.Name, f.Path!, f.Weight, f.Reverse, f.Init ? f.InitValue : null, f.Overwrite))];

    /// <summary>A <c>track_file</c> block while it is being read.</summary>
    private sealed class TrackFileDraft(string name) : TrackedDraft(name, weight: 1)
    {
        public string? Path { get; set; }

        // track_file_end_handler.
        public override string? Incomplete => Path is null ? $"No file set for track_file {Name} - ignoring" : null;

        /// <summary>A weight line was read; a later one is refused unless the weight is still 1.</summary>
        public override bool WeightSet => WeightRead && Weight != 1;

        public bool Init { get; set; }

        public long InitValue { get; set; }

        public bool Overwrite { get; set; }
    }
}
