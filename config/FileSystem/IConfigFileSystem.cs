using System.Diagnostics.CodeAnalysis;

namespace VrrpLab.Config.FileSystem;

/// <summary>
/// The files the reader may open: the configuration itself, <c>include</c>d files and (for the
/// linter) check scripts. Keeps the reader free of direct file I/O, so includes are testable
/// with <see cref="InMemoryConfigFileSystem"/> and the simulator can serve inline text.
/// Paths are absolute or relative to the process's working directory, with '/' separators.
/// </summary>
public interface IConfigFileSystem
{
    /// <summary>Reads a whole text file; false (with a reason) when it is missing or unreadable.</summary>
    bool TryReadAllText(string path, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem);

    /// <summary>The names (not paths) of the entries of <paramref name="directory"/>; empty when it does not exist.</summary>
    IReadOnlyList<string> ListEntries(string directory);

    /// <summary>True when <paramref name="path"/> is an existing directory.</summary>
    bool IsDirectory(string path);
}
