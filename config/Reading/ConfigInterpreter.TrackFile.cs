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
    // keepalived's track_file lines: a weight it reads with a warning counts; an unknown word after it drops the line.
    private static readonly TrackEntrySyntax FileEntry = new("track file", "track_file", "track file", RunTimeWeight: true, KeepOnUnknownOption: false);

    private readonly List<TrackFileDraft> _trackFiles = [];

    private void TrackFileBlock(ConfigStatement s)
    {
        var d = new TrackFileDraft(Arg(s, 0));
        bool weightSet = false;
        foreach (ConfigStatement c in s.Block)
        {
            At(c.Keyword);
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
                    if (c.Arguments.IsEmpty)
                    {
                        Warn(c.Keyword, $"No weight specified for track file {d.Name} - ignoring");
                        break;
                    }

                    if (weightSet && d.Weight != 1)
                    {
                        Warn(c.Arguments[0], $"Weight already set for track file {d.Name} - ignoring {c.Arg(0)}");
                        break;
                    }

                    weightSet = true;
                    NumberReader.Result w = NumberReader.Int(c.Arg(0)!, -254, 254, ignoreError: true);
                    if (w.Message is not null)
                    {
                        Warn(c.Arguments[0], w.Message);
                    }

                    if (w.Accepted || w.RunTimeAccepted)
                    {
                        d.Weight = (int)w.Value;
                    }
                    else
                    {
                        Warn(c.Arguments[0], $"Weight ({c.Arg(0)}) for track_file {d.Name} must be between [-254..254] inclusive. Ignoring...");
                        d.Weight = 1;
                    }

                    if (c.Arguments.Length >= 2)
                    {
                        if (c.Arg(1) == "reverse")
                        {
                            d.Reverse = true;
                        }
                        else
                        {
                            Warn(c.Arguments[1], $"track_file {d.Name} unknown weight option {c.Arg(1)}");
                        }
                    }

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

        // track_file_end_handler.
        _order = s.EndOrder;
        if (d.Path is null)
        {
            Warn(s.Keyword, $"No file set for track_file {d.Name} - ignoring");
            return;
        }

        _trackFiles.Add(d);
    }

    /// <summary>
    /// One line of a <c>track_file { }</c> block in an instance or sync group (<c>vrrp_alloc_track_file</c>):
    /// the file must already be defined; <c>NAME [weight W [reverse|noreverse]]</c>.
    /// </summary>
    private void TrackFileEntry(List<FileTrack> tracks, string owner, ConfigStatement e)
    {
        TrackFileDraft? file = _trackFiles.FirstOrDefault(f => f.Name == e.Name);
        if (TrackEntry(FileEntry, owner, e, file?.Weight, file?.Reverse ?? false, tracks.Any(t => t.Name == e.Name)) is { } line)
        {
            file!.Tracked = true;
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
    private sealed class TrackFileDraft(string name)
    {
        public string Name { get; } = name;

        public string? Path { get; set; }

        public int Weight { get; set; } = 1;

        public bool Reverse { get; set; }

        public bool Init { get; set; }

        public long InitValue { get; set; }

        public bool Overwrite { get; set; }

        /// <summary>Some instance or sync group tracks it (keepalived forgets the others).</summary>
        public bool Tracked { get; set; }
    }
}
