namespace VrrpLab.Engine.Configuration;

/// <summary>
/// One line of <c>track_interface { IF [weight W] }</c>. Weight 0 (default): the interface going
/// down puts the instance in FAULT; otherwise a negative weight is subtracted while it is down
/// and a positive one added while it is up.
/// </summary>
public sealed record InterfaceTrack(string Interface, int Weight = 0);
