using System.Runtime.InteropServices;

namespace VrrpLab.RealNet.Flood;

/// <summary>
/// Refuses to flood anything but a test network: the process must run in the network namespace the
/// caller names (<c>ip netns exec NAME vrrplab flood --netns NAME ...</c>), and that namespace must not be
/// the host's. Namespaces are compared by their nsfs inode: <c>/proc/self/ns/net</c> against the file
/// <c>ip netns add</c> bind-mounts at <c>/run/netns/NAME</c>, and against PID 1's <c>/proc/1/ns/net</c>.
/// </summary>
internal static partial class NetworkNamespaceGuard
{
    /// <summary>Where <c>ip netns</c> keeps named namespaces.</summary>
    public const string NamedNamespaces = "/run/netns";

    /// <summary>Null when we run inside the named namespace and it is not the host's; otherwise why not.</summary>
    public static string? Check(string name) => Check(name, NamedNamespaces, "/proc/self/ns/net", "/proc/1/ns/net");

    /// <summary>The check with its paths given (tests).</summary>
    public static string? Check(string name, string namespacesDirectory, string self, string host)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            return $"'{name}' is not a network namespace name";
        }

        string named = Path.Combine(namespacesDirectory, name);
        if (Inode(named) is not { } target)
        {
            return $"no network namespace '{name}' ({named} does not exist): create it with 'ip netns add {name}'";
        }

        if (Inode(self) is not { } current)
        {
            return $"cannot read this process's network namespace ({self})";
        }

        if (current != target)
        {
            return $"this process does not run in network namespace '{name}': run it as 'ip netns exec {name} vrrplab flood --netns {name} ...'";
        }

        if (Inode(host) is { } init && init == current)
        {
            return $"network namespace '{name}' is the host's own (the namespace of PID 1): refusing to flood the host's interfaces";
        }

        return null;
    }

    /// <summary>The inode of <paramref name="path"/> (following links: an nsfs inode identifies a namespace), or null.</summary>
    internal static unsafe ulong? Inode(string path)
    {
        // struct stat on LP64 Linux (x86_64 and aarch64 alike) starts with st_dev (8 bytes), then st_ino (8 bytes).
        byte* buffer = stackalloc byte[256];
        return Stat(path, buffer) == 0 ? *(ulong*)(buffer + 8) : null;
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
