using System.Collections.Frozen;

namespace VrrpLab.Config.Reading;

/// <summary>How keepalived reads what follows a keyword.</summary>
internal enum KeywordShape
{
    /// <summary>Its arguments on its own line only.</summary>
    Plain,

    /// <summary>A <c>{ ... }</c> block of values, one entry a line (keepalived's <c>alloc_value_block</c>).</summary>
    ValueBlock,

    /// <summary>A <c>{ ... }</c> block of keywords of its own level (keepalived's sublevel).</summary>
    Block,
}

/// <summary>One keyword of <see cref="KeywordSchema"/>.</summary>
/// <param name="Name">The keyword.</param>
/// <param name="Shape">How its block is read.</param>
/// <param name="Active">False for a keyword of another keepalived process (LVS): keepalived skips it with its block, silently.</param>
/// <param name="Children">The keywords of its block (<see cref="KeywordShape.Block"/>).</param>
internal sealed record KeywordNode(string Name, KeywordShape Shape, bool Active, FrozenDictionary<string, KeywordNode> Children);
