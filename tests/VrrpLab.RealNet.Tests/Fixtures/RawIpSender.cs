using Microsoft.Win32.SafeHandles;

namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// A raw IPv4 socket (<c>socket(AF_INET, SOCK_RAW, IPPROTO_RAW)</c>, so IP_HDRINCL: the caller writes
/// the whole IP header, TTL included) created inside a host's namespace: a dedicated thread enters the
/// namespace with <c>setns</c>, opens the socket (a socket stays in the namespace it was made in) and
/// leaves. Used to send spoofed and malformed VRRP packets from a third host.
/// </summary>
public sealed class RawIpSender : IDisposable
{
    private readonly Socket _socket;

    private RawIpSender(Socket socket) => _socket = socket;

    /// <summary>Opens the socket in <paramref name="host"/>'s namespace.</summary>
    public static RawIpSender Open(LanHost host)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle original = File.OpenHandle("/proc/thread-self/ns/net");
                using SafeFileHandle target = File.OpenHandle($"/var/run/netns/{host.Namespace}");
                if (Libc.SetNs((int)target.DangerousGetHandle(), Libc.CloneNewNet) != 0)
                {
                    throw new FixtureException($"setns into {host.Namespace} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
                }

                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
                }
                finally
                {
                    _ = Libc.SetNs((int)original.DangerousGetHandle(), Libc.CloneNewNet);
                }
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return error is null ? new RawIpSender(socket!) : throw new FixtureException($"cannot open a raw socket in {host.Namespace}: {error.Message}");
    }

    /// <summary>Sends <paramref name="ipPacket"/> (IP header included) towards <paramref name="destination"/>.</summary>
    public void Send(ReadOnlySpan<byte> ipPacket, IPAddress destination) =>
        _socket.SendTo(ipPacket, new IPEndPoint(destination, 0));

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
