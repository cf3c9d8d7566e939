using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>A <c>vrrp_sync_group</c> while it is being read.</summary>
internal sealed class SyncGroupDraft(string name, ConfigStatement statement) : BlockDraft(name, statement)
{
    public List<string> Members { get; } = [];

    public bool HasGroup { get; set; }

    public bool TrackingWeight { get; set; }

    /// <summary>The group's <c>track_file</c> lines: each member tracks them.</summary>
    public List<FileTrack> TrackFiles { get; } = [];

    /// <summary>The <c>track_process</c> lines.</summary>
    public List<ProcessTrack> TrackProcesses { get; } = [];

    public NotifyScripts Notify { get; set; } = NotifyScripts.None;
}
