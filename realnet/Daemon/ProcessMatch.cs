using System.Text;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Whether a process matches a <c>vrrp_track_process</c> (keepalived 2.2.7 track_process.c,
/// <c>check_process</c> and <c>check_params</c>): its name (<c>comm</c>) equals the configured process,
/// or with <c>full_command</c> the first word of its command line (argv[0]) does; configured parameters
/// are then compared with the rest of the command line, word by word: exactly, as its first words
/// (<c>partial</c>), or with the last configured word a prefix of the process's (<c>initial</c>).
/// </summary>
internal static class ProcessMatch
{
    /// <summary>Whether a process with name <paramref name="comm"/> and NUL-separated command line <paramref name="cmdline"/> matches <paramref name="p"/>.</summary>
    public static bool Matches(TrackedProcess p, ReadOnlySpan<byte> comm, ReadOnlySpan<byte> cmdline)
    {
        if (!p.FullCommand)
        {
            return Equal(comm, p.Process);
        }

        int end = cmdline.IndexOf((byte)0);
        ReadOnlySpan<byte> argv0 = end < 0 ? cmdline : cmdline[..end];
        if (!Equal(argv0, p.Process))
        {
            return false;
        }

        if (p.Match == ParamMatch.None)
        {
            return true;
        }

        // keepalived keeps the words NUL-terminated: "a\0b\0"; the kernel's cmdline ends with a NUL too.
        ReadOnlySpan<byte> actual = end < 0 ? [] : cmdline[(end + 1)..];
        byte[] wanted = Encoding.UTF8.GetBytes(p.Parameters.IsDefaultOrEmpty ? "" : string.Concat(p.Parameters.Select(w => w + "\0")));
        if (p.Match == ParamMatch.Exact && wanted.Length == 0 && actual.Length == 0)
        {
            return true;
        }

        if (actual.Length < wanted.Length)
        {
            return false;
        }

        return p.Match switch
        {
            ParamMatch.Exact => actual.SequenceEqual(wanted),
            ParamMatch.Partial => actual[..wanted.Length].SequenceEqual(wanted),
            _ => wanted.Length <= 1 || actual[..(wanted.Length - 1)].SequenceEqual(wanted.AsSpan(0, wanted.Length - 1)),
        };
    }

    private static bool Equal(ReadOnlySpan<byte> bytes, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        int n = Encoding.UTF8.GetByteCount(text);
        return n <= buffer.Length ? bytes.SequenceEqual(buffer[..Encoding.UTF8.GetBytes(text, buffer)]) : bytes.SequenceEqual(Encoding.UTF8.GetBytes(text));
    }
}
