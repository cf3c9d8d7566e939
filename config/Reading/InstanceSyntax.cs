using System.Collections.Immutable;

namespace VrrpLab.Config.Reading;

/// <summary>
/// Where a <c>vrrp_instance</c> and each of its keywords were written, and the raw first argument
/// of each keyword before keepalived's derivations (e.g. the untruncated <c>auth_pass</c>).
/// The linter uses it to point at the line that causes a finding.
/// </summary>
/// <param name="Name">Instance name.</param>
/// <param name="Location">The <c>vrrp_instance</c> keyword.</param>
/// <param name="Keywords">Location of the last occurrence of each keyword in the block (keepalived: the last one wins).</param>
/// <param name="RawValues">The first argument of the last occurrence of each keyword, as written.</param>
public sealed record InstanceSyntax(
    string Name,
    SourceLocation Location,
    ImmutableDictionary<string, SourceLocation> Keywords,
    ImmutableDictionary<string, string> RawValues)
{
    /// <summary>True when the keyword was written in the instance block.</summary>
    public bool Has(string keyword) => Keywords.ContainsKey(keyword);

    /// <summary>The keyword's location, or the instance's when it was not written.</summary>
    public SourceLocation At(string keyword) => Keywords.TryGetValue(keyword, out SourceLocation l) ? l : Location;

    /// <summary>The raw first argument of a keyword, or null.</summary>
    public string? Raw(string keyword) => RawValues.TryGetValue(keyword, out string? v) ? v : null;
}
