using System.Diagnostics.CodeAnalysis;

namespace VrrpLab.Config.FileSystem;

/// <summary>
/// Files held in memory, keyed by normalised absolute path (tests, and scenario files that carry
/// keepalived.conf text inline). Directories exist implicitly as the parents of files.
/// </summary>
public sealed class InMemoryConfigFileSystem : IConfigFileSystem
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    /// <summary>Creates an empty file system.</summary>
    public InMemoryConfigFileSystem()
    {
    }

    /// <summary>Creates a file system holding <paramref name="files"/> (path to content).</summary>
    public InMemoryConfigFileSystem(IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (KeyValuePair<string, string> f in files)
        {
            Add(f.Key, f.Value);
        }
    }

    /// <summary>Adds or replaces a file.</summary>
    public InMemoryConfigFileSystem Add(string path, string content)
    {
        _files[Normalise(path)] = content;
        return this;
    }

    /// <inheritdoc/>
    public bool TryReadAllText(string path, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        if (_files.TryGetValue(Normalise(path), out text))
        {
            problem = null;
            return true;
        }

        problem = IsDirectory(path) ? "is a directory" : "No such file or directory";
        return false;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListEntries(string directory)
    {
        string prefix = Normalise(directory).TrimEnd('/') + "/";
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in _files.Keys)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                string rest = path[prefix.Length..];
                int slash = rest.IndexOf('/', StringComparison.Ordinal);
                names.Add(slash < 0 ? rest : rest[..slash]);
            }
        }

        return [.. names];
    }

    /// <inheritdoc/>
    public bool IsDirectory(string path)
    {
        string prefix = Normalise(path).TrimEnd('/') + "/";
        return prefix == "/" || _files.Keys.Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Makes a path absolute ('/' when relative) and removes '.', '..' and repeated '/'.</summary>
    public static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }
}
