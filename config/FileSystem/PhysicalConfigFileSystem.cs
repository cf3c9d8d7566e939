using System.Diagnostics.CodeAnalysis;

namespace VrrpLab.Config.FileSystem;

/// <summary>The real file system (used by the CLI and the daemon).</summary>
public sealed class PhysicalConfigFileSystem : IConfigFileSystem
{
    /// <summary>The shared instance.</summary>
    public static readonly PhysicalConfigFileSystem Instance = new();

    /// <inheritdoc/>
    public bool TryReadAllText(string path, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            if (Directory.Exists(path))
            {
                text = null;
                problem = "is a directory";
                return false;
            }

            text = File.ReadAllText(path);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            text = null;
            problem = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message;
            return false;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListEntries(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? Directory.EnumerateFileSystemEntries(directory).Select(p => Path.GetFileName(p)).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    /// <inheritdoc/>
    public bool IsDirectory(string path)
    {
        try
        {
            return Directory.Exists(path);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
