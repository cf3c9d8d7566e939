using VrrpLab.Config.Syntax;

namespace VrrpLab.Config.Reading;

/// <summary>A named block (<c>vrrp_instance</c>, <c>vrrp_sync_group</c>, <c>vrrp_script</c>) while it is being read.</summary>
internal abstract class BlockDraft(string name, ConfigStatement statement)
{
    public string Name { get; } = name;

    /// <summary>The block's statement (where its messages point when no line of it is to blame).</summary>
    public ConfigStatement Statement { get; } = statement;
}
