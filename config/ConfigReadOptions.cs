using VrrpLab.Config.Reading;

namespace VrrpLab.Config;

/// <summary>How <see cref="KeepalivedConfigReader"/> reads a file.</summary>
public sealed record ConfigReadOptions
{
    /// <summary>The default: no config id, the assumed host.</summary>
    public static readonly ConfigReadOptions Default = new();

    /// <summary>
    /// keepalived's config id (<c>keepalived -i ID</c>, by default the host name): a line
    /// <c>@ID ...</c> is read only when it matches, <c>@^ID ...</c> only when it does not. Null: no
    /// <c>@ID</c> line matches.
    /// </summary>
    public string? ConfigId { get; init; }

    /// <summary>The host keepalived starts on (interfaces, users, scripts); null means <see cref="AssumedHost"/>.</summary>
    public IHostEnvironment? Host { get; init; }
}
