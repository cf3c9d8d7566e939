namespace VrrpLab.Engine.Configuration;

/// <summary>
/// A <c>track_file</c> (or <c>vrrp_track_file</c>) block: a file holding a number that moves the
/// priority of the instances tracking it (keepalived 2.2.7 vrrp_track.c, <c>process_update_track_file_status</c>).
/// The driver reads the file whenever it changes and hands the engine its value.
/// </summary>
/// <param name="Name">Block name.</param>
/// <param name="Path">The file (<c>file</c>).</param>
/// <param name="Weight">Default weight of a tracking line (<c>weight</c>, default 1); 0: non-zero means FAULT.</param>
/// <param name="Reverse">The block's <c>weight W reverse</c>: the value counts negated.</param>
/// <param name="InitValue">The value <c>init_file</c> writes when the file does not exist (or always, with <c>overwrite</c>); null without <c>init_file</c>.</param>
/// <param name="Overwrite"><c>init_file VALUE overwrite</c>.</param>
public sealed record TrackedFile(string Name, string Path, int Weight = 1, bool Reverse = false, long? InitValue = null, bool Overwrite = false);
