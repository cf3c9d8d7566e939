namespace VrrpLab.Engine.Configuration;

/// <summary>One line of an instance's <c>track_file { NAME [weight W [reverse|noreverse]] }</c>.</summary>
/// <param name="Name">The <c>track_file</c> block's name.</param>
/// <param name="Weight">The line's weight; null: the block's.</param>
/// <param name="Reverse">The line's <c>reverse</c>/<c>noreverse</c>; null: the block's.</param>
public sealed record FileTrack(string Name, int? Weight = null, bool? Reverse = null);
