using System.Diagnostics.CodeAnalysis;

namespace VrrpLab.Config.FileSystem;

/// <summary>
/// Reads absolute paths under a root directory (<c>/data/check.sh</c> is <c>ROOT/data/check.sh</c>),
/// falling back to <paramref name="inner"/> for anything not found there: for checking configs copied
/// from servers together with the check scripts they name (<c>vrrplab check --script-root</c>).
/// </summary>
/// <param name="inner">The file system used for everything else (and when the rooted path is missing).</param>
/// <param name="root">The directory that stands for <c>/</c>.</param>
public sealed class RootedConfigFileSystem(IConfigFileSystem inner, string root) : IConfigFileSystem
{
    /// <inheritdoc/>
    public bool TryReadAllText(string path, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem) =>
        (path.StartsWith('/') && inner.TryReadAllText(Rooted(path), out text, out problem)) || inner.TryReadAllText(path, out text, out problem);

    /// <inheritdoc/>
    public IReadOnlyList<string> ListEntries(string directory) =>
        directory.StartsWith('/') && inner.IsDirectory(Rooted(directory)) ? inner.ListEntries(Rooted(directory)) : inner.ListEntries(directory);

    /// <inheritdoc/>
    public bool IsDirectory(string path) => (path.StartsWith('/') && inner.IsDirectory(Rooted(path))) || inner.IsDirectory(path);

    private string Rooted(string path) => root.TrimEnd('/') + path;
}
