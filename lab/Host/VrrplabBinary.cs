namespace VrrpLab.Lab.Host;

/// <summary>
/// Which vrrplab the lab runs as <c>vrrplab daemon</c> (and <c>vrrplab flood</c>): <c>$VRRPLAB_DAEMON</c> when
/// set; else the NativeAOT executable <c>scripts/publish</c> produced (<c>out/publish/vrrplab</c> of the
/// checkout), when it is at least as new as the build the lab runs from (a stale one would run older
/// code); else the lab's own build (the JIT, which takes seconds to start on a busy machine).
/// </summary>
public static class VrrplabBinary
{
    /// <summary>Where <c>scripts/publish</c> puts the executable, relative to the checkout.</summary>
    public static readonly string PublishedPath = Path.Combine("out", "publish", "vrrplab");

    /// <summary>
    /// The command (before the verb) and what it is, for the output. <paramref name="chosen"/>: <c>$VRRPLAB_DAEMON</c>;
    /// <paramref name="baseDirectory"/>: where the running build's assemblies are; <paramref name="processPath"/>: the running executable.
    /// </summary>
    public static (IReadOnlyList<string> Command, string Description) Resolve(string? chosen, string baseDirectory, string? processPath)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (chosen is { Length: > 0 })
        {
            string full = Path.GetFullPath(chosen);
            return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? (["dotnet", full], $"{full} (JIT, from $VRRPLAB_DAEMON)")
                : ([full], $"{full} (from $VRRPLAB_DAEMON)");
        }

        bool selfIsDotnet = processPath is null || Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        string dll = Path.Combine(baseDirectory, "vrrplab.dll");
        if (!selfIsDotnet && !File.Exists(dll))
        {
            // The lab itself is the native executable.
            return ([processPath!], $"{processPath} (NativeAOT, the lab's own executable)");
        }

        string? root = CheckoutOf(baseDirectory);
        string? native = root is null ? null : Path.Combine(root, PublishedPath);
        string build = File.Exists(dll) ? dll : processPath ?? dll;
        if (native is not null && File.Exists(native))
        {
            DateTime nativeTime = File.GetLastWriteTimeUtc(native);
            DateTime buildTime = File.Exists(build) ? File.GetLastWriteTimeUtc(build) : DateTime.MinValue;
            if (nativeTime >= buildTime)
            {
                return ([native], $"{native} (NativeAOT, from scripts/publish)");
            }

            return Self(selfIsDotnet, dll, processPath, $"; {native} is older than this build, not used: run scripts/publish");
        }

        return Self(selfIsDotnet, dll, processPath, "; no NativeAOT build (scripts/publish makes one)");
    }

    private static (IReadOnlyList<string>, string) Self(bool selfIsDotnet, string dll, string? processPath, string why) =>
        selfIsDotnet || processPath is null
            ? (["dotnet", dll], $"dotnet {dll} (JIT{why})")
            : ([processPath], $"{processPath} (JIT{why})");

    /// <summary>The checkout holding <paramref name="directory"/> (the directory with VrrpLab.sln above it), or null.</summary>
    public static string? CheckoutOf(string directory)
    {
        string? dir = directory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "VrrpLab.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir;
    }
}
