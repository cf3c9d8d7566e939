namespace VrrpLab.Engine.Configuration;

/// <summary>
/// One line of an instance's <c>track_script { NAME [weight W] }</c>.
/// </summary>
/// <param name="Name">The <c>vrrp_script</c> name.</param>
/// <param name="Weight">Weight override; null means the script's own weight.</param>
public sealed record ScriptTrack(string Name, int? Weight = null);
