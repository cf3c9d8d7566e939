using System.Collections.Immutable;

namespace VrrpLab.Config.Reading;

/// <summary>Where a <c>vrrp_script</c> and each of its keywords were written.</summary>
/// <param name="Name">Script block name.</param>
/// <param name="Location">The <c>vrrp_script</c> keyword.</param>
/// <param name="Keywords">Location of the last occurrence of each keyword in the block.</param>
public sealed record ScriptSyntax(string Name, SourceLocation Location, ImmutableDictionary<string, SourceLocation> Keywords)
{
    /// <summary>The keyword's location, or the block's when it was not written.</summary>
    public SourceLocation At(string keyword) => Keywords.TryGetValue(keyword, out SourceLocation l) ? l : Location;
}
