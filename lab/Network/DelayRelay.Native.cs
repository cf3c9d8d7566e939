using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Network;

/// <summary>The relay's own uses of libc (declared in <see cref="Libc"/>): its error texts and setns.</summary>
public sealed partial class DelayRelay
{
    /// <summary>The C library's text for <paramref name="errno"/> and the number, for the relay's messages.</summary>
    internal static string Describe(int errno) => $"{Libc.Describe(errno)} (errno {errno})";

    /// <summary>Moves the calling thread into the network namespace <paramref name="ns"/> (<c>/run/netns/NS</c>).</summary>
    internal static void EnterNamespace(string ns)
    {
        int fd = Libc.Open("/run/netns/" + ns, Libc.OpenReadCloexec);
        if (fd < 0)
        {
            throw new LabException($"cannot open the network namespace {ns}: {Describe(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (Libc.SetNs(fd, Libc.CloneNewNet) != 0)
            {
                throw new LabException($"cannot enter the network namespace {ns}: {Describe(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }
}
