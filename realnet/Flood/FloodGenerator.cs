using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VrrpLab.Engine.Wire;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Flood;

/// <summary>
/// <c>vrrplab flood</c>: sends the datagrams of a <c>flood</c> (<see cref="FloodDatagrams"/>, the same bytes
/// as the simulator's for the same seed) on one interface of a test namespace, to 224.0.0.18 (or ff02::12)
/// with TTL 255, paced to the rate, for the duration, and stops by itself. Batches of up to 64 datagrams
/// go out with one <c>sendmmsg</c>. Bounded: at most <see cref="FloodOptions.MaxRate"/> datagrams per
/// second, at most <see cref="FloodOptions.MaxDuration"/>, at most rate x duration datagrams, and never
/// more than the duration plus 5 s of wall-clock time; it refuses to start outside the network namespace
/// the caller names (<see cref="NetworkNamespaceGuard"/>).
/// </summary>
public static class FloodGenerator
{
    private const int Batch = 64;
    private const int Slot = Ipv4Datagram.HeaderLength + FloodDatagrams.MaxLength;

    /// <summary>What a flood did.</summary>
    /// <param name="Sent">Datagrams the kernel accepted.</param>
    /// <param name="Failed">Datagrams it refused (e.g. ENOBUFS); not retried, so the rate stays bounded.</param>
    /// <param name="Elapsed">How long it ran.</param>
    public sealed record Report(long Sent, long Failed, TimeSpan Elapsed);

    /// <summary>Checks where we run and what was asked; null when the flood may start, else why not (exit 2).</summary>
    public static string? Refusal(FloodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rate is < 1 or > FloodOptions.MaxRate)
        {
            return $"--rate must be 1..{FloodOptions.MaxRate} datagrams per second (got {options.Rate})";
        }

        if (options.For <= Engine.Time.Duration.Zero || options.For > FloodOptions.MaxDuration)
        {
            return $"--for must be more than 0s and at most {FloodOptions.MaxDuration} (got {options.For})";
        }

        if (options.Vrid == 0)
        {
            return "--vrid must be 1..255";
        }

        if (NetworkNamespaceGuard.Check(options.Namespace) is { } why)
        {
            return why;
        }

        NetworkInterface? nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == options.Interface);
        if (nic is null || Libc.IfNameToIndex(options.Interface) == 0)
        {
            return $"no interface '{options.Interface}' in network namespace '{options.Namespace}'";
        }

        if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
        {
            return $"'{options.Interface}' is a loopback interface";
        }

        return SourceOf(nic, options.Ipv6) is null
            ? $"interface '{options.Interface}' has no {(options.Ipv6 ? "IPv6 link-local" : "IPv4")} address to send from"
            : null;
    }

    /// <summary>
    /// Floods as <paramref name="options"/> says; <paramref name="entropy"/> gives one random word per
    /// datagram (the garbage bytes). Call <see cref="Refusal"/> first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The socket could not be opened or configured (message says why).</exception>
    public static unsafe Report Run(FloodOptions options, Func<ulong> entropy, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(entropy);
        NetworkInterface nic = NetworkInterface.GetAllNetworkInterfaces().First(n => n.Name == options.Interface);
        IPAddress source = SourceOf(nic, options.Ipv6) ?? throw new InvalidOperationException("no source address");
        IPAddress destination = options.Ipv6 ? VrrpSocket.MulticastGroup6 : VrrpSocket.MulticastGroup;
        int index = (int)Libc.IfNameToIndex(options.Interface);
        using SafeFileDescriptor fd = OpenSocket(options.Ipv6, options.Interface, index);
        byte[] sourceBytes = source.GetAddressBytes();
        byte[] destinationBytes = destination.GetAddressBytes();

        byte* memory = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * (Slot + sizeof(Libc.IoVec) + sizeof(Libc.MMsgHdr)) + 28));
        try
        {
            byte* data = memory;
            var iov = (Libc.IoVec*)(data + (Batch * Slot));
            var messages = (Libc.MMsgHdr*)(iov + Batch);
            byte* name = (byte*)(messages + Batch);
            uint nameLength;
            if (options.Ipv6)
            {
                *(ushort*)name = Libc.AfInet6;
                destination.TryWriteBytes(new Span<byte>(name + 8, 16), out _);
                *(uint*)(name + 24) = (uint)index;
                nameLength = 28;
            }
            else
            {
                *(ushort*)name = Libc.AfInet;
                destination.TryWriteBytes(new Span<byte>(name + 4, 4), out _);
                nameLength = 16;
            }

            int headerLength = options.Ipv6 ? 0 : Ipv4Datagram.HeaderLength;
            long total = options.Total;
            long rate = options.Rate;
            long start = Stopwatch.GetTimestamp();
            long hardStop = (long)((options.For.TotalSeconds + 5) * Stopwatch.Frequency);
            long sent = 0, failed = 0, attempted = 0;
            using SafeFileDescriptor.Lease lease = fd.Acquire();
            while (attempted < total && !cancellation.IsCancellationRequested)
            {
                long elapsedTicks = Stopwatch.GetTimestamp() - start;
                if (elapsedTicks > hardStop)
                {
                    break;
                }

                long elapsedUs = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
                long due = Math.Min(total, (elapsedUs * rate / 1_000_000) + 1);
                int n = (int)Math.Min(due - attempted, Batch);
                if (n <= 0)
                {
                    long nextUs = attempted * 1_000_000 / rate;
                    long waitUs = nextUs - elapsedUs;
                    if (waitUs > 100)
                    {
                        Thread.Sleep(TimeSpan.FromMicroseconds(waitUs));
                    }
                    else
                    {
                        Thread.Yield();
                    }

                    continue;
                }

                for (int i = 0; i < n; i++)
                {
                    var slot = new Span<byte>(data + (i * Slot), Slot);
                    int length = FloodDatagrams.Write(options.Kind, options.Vrid, options.ClusterVersion, options.ClusterPassword, entropy(),
                        sourceBytes, destinationBytes, slot[headerLength..]);
                    if (!options.Ipv6)
                    {
                        Ipv4Datagram.WriteHeader(slot, source, destination, length);
                    }

                    iov[i] = new Libc.IoVec { Base = data + (i * Slot), Length = (nuint)(headerLength + length) };
                    messages[i] = new Libc.MMsgHdr { Header = new Libc.MsgHdr { Name = name, NameLength = nameLength, Iov = iov + i, IovLength = 1 } };
                }

                int accepted = Libc.SendMMsg(lease.Number, messages, (uint)n, 0);
                attempted += n;
                if (accepted < 0)
                {
                    failed += n;
                }
                else
                {
                    sent += accepted;
                    failed += n - accepted;
                }
            }

            return new Report(sent, failed, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    private static IPAddress? SourceOf(NetworkInterface nic, bool ipv6) => nic.GetIPProperties().UnicastAddresses
        .Select(u => u.Address)
        .FirstOrDefault(a => ipv6 ? a.IsIPv6LinkLocal : a.AddressFamily == AddressFamily.InterNetwork);

    private static SafeFileDescriptor OpenSocket(bool ipv6, string interfaceName, int index)
    {
        int raw = Libc.Socket(ipv6 ? Libc.AfInet6 : Libc.AfInet, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoVrrp);
        if (raw < 0)
        {
            throw new InvalidOperationException("cannot open a raw socket: " + Libc.Describe(Marshal.GetLastPInvokeError()) + " (needs CAP_NET_RAW)");
        }

        var fd = new SafeFileDescriptor(raw);
        try
        {
            Check(Libc.BindToDevice(raw, interfaceName), "SO_BINDTODEVICE");
            if (ipv6)
            {
                Check(Libc.SetIntOption(raw, Libc.IpProtoIpv6, Libc.Ipv6MulticastHops, 255), "IPV6_MULTICAST_HOPS");
                Check(Libc.SetIntOption(raw, Libc.IpProtoIpv6, Libc.Ipv6MulticastIf, index), "IPV6_MULTICAST_IF");
                Check(Libc.SetIntOption(raw, Libc.IpProtoIpv6, Libc.Ipv6MulticastLoop, 0), "IPV6_MULTICAST_LOOP");
            }
            else
            {
                Check(Libc.SetIntOption(raw, Libc.IpProtoIp, Libc.IpHdrIncl, 1), "IP_HDRINCL");
                Check(Libc.SetIntOption(raw, Libc.IpProtoIp, Libc.IpMulticastLoop, 0), "IP_MULTICAST_LOOP");
                Span<byte> mreqn = stackalloc byte[12];
                mreqn.Clear();
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(mreqn[8..], index);
                Check(Libc.SetBytesOption(raw, Libc.IpProtoIp, Libc.IpMulticastIf, mreqn), "IP_MULTICAST_IF");
            }
        }
        catch
        {
            fd.Dispose();
            throw;
        }

        return fd;
    }

    private static void Check(int errno, string what)
    {
        if (errno != 0)
        {
            throw new InvalidOperationException($"cannot set {what}: {Libc.Describe(errno)}");
        }
    }
}
