using System.Net.Sockets;
using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// Reads up to <see cref="Capacity"/> datagrams with one <c>recvmmsg</c> call into buffers allocated
/// once (native memory, never moved by the GC), and hands each out as a <see cref="ReceivedDatagram"/>
/// view: the same code for IPv4 (the IP header is in the datagram) and IPv6 (source from the address,
/// hop limit and destination from control messages). Used by one receive thread only.
/// </summary>
internal sealed unsafe class VrrpReceiveBatch : IDisposable
{
    /// <summary>Bytes per datagram buffer: the largest VRRP message (v3 over IPv6, 255 addresses) plus an IPv4 header with options.</summary>
    public const int BufferSize = 4160;

    private const int NameSize = 28;
    private const int ControlSize = 128;

    private readonly AddressFamily _family;
    private readonly byte* _memory;
    private readonly Libc.MMsgHdr* _messages;
    private readonly Libc.IoVec* _iov;
    private readonly byte* _data;
    private readonly byte* _names;
    private readonly byte* _controls;
    private readonly byte[] _destination6 = new byte[16];

    /// <summary>Allocates room for <paramref name="capacity"/> datagrams of <paramref name="family"/>.</summary>
    public VrrpReceiveBatch(AddressFamily family, int capacity = 32)
    {
        _family = family;
        Capacity = capacity;
        nuint size = (nuint)(capacity * (sizeof(Libc.MMsgHdr) + sizeof(Libc.IoVec) + BufferSize + NameSize + ControlSize));
        _memory = (byte*)NativeMemory.AllocZeroed(size);
        _messages = (Libc.MMsgHdr*)_memory;
        _iov = (Libc.IoVec*)(_messages + capacity);
        _data = (byte*)(_iov + capacity);
        _names = _data + (capacity * BufferSize);
        _controls = _names + (capacity * NameSize);
    }

    /// <summary>Datagrams one <see cref="Receive"/> reads at most.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Reads what is queued on <paramref name="fd"/> without waiting (MSG_DONTWAIT).
    /// </summary>
    /// <returns>The number of datagrams read, 0 when none was queued, or -errno.</returns>
    public int Receive(int fd)
    {
        for (int i = 0; i < Capacity; i++)
        {
            _iov[i] = new Libc.IoVec { Base = _data + (i * BufferSize), Length = BufferSize };
            _messages[i] = new Libc.MMsgHdr
            {
                Header = new Libc.MsgHdr
                {
                    Name = _names + (i * NameSize),
                    NameLength = NameSize,
                    Iov = _iov + i,
                    IovLength = 1,
                    Control = _family == AddressFamily.InterNetworkV6 ? _controls + (i * ControlSize) : null,
                    ControlLength = _family == AddressFamily.InterNetworkV6 ? (nuint)ControlSize : 0,
                },
            };
        }

        int n = Libc.RecvMMsg(fd, _messages, (uint)Capacity, Libc.MsgDontWait, null);
        if (n >= 0)
        {
            return n;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == Libc.EAgain ? 0 : -errno;
    }

    /// <summary>
    /// The <paramref name="index"/>-th datagram of the last <see cref="Receive"/>, as views of the batch's
    /// buffers (valid until the next <see cref="Receive"/>).
    /// </summary>
    /// <returns>False when it is not a readable VRRP datagram (truncated, a bad IPv4 header, no IPv6 hop limit or destination).</returns>
    public bool TryGet(int index, out ReceivedDatagram datagram)
    {
        datagram = default;
        ref Libc.MMsgHdr m = ref _messages[index];
        if ((m.Header.Flags & Libc.MsgTrunc) != 0 || m.Length > BufferSize)
        {
            return false;
        }

        var bytes = new ReadOnlySpan<byte>(_data + (index * BufferSize), (int)m.Length);
        if (_family == AddressFamily.InterNetwork)
        {
            return Ipv4Datagram.TryRead(bytes, out datagram);
        }

        var control = new ReadOnlySpan<byte>(_controls + (index * ControlSize), (int)m.Header.ControlLength);
        int hopLimit = Ipv6ControlMessages.Read(control, _destination6, out bool hasDestination);
        if (hopLimit < 0 || !hasDestination)
        {
            return false;
        }

        // struct sockaddr_in6: family, port, flow info, then the 16-byte address.
        var source = new ReadOnlySpan<byte>(_names + (index * NameSize) + 8, 16);
        datagram = new ReceivedDatagram(source, _destination6, (byte)Math.Clamp(hopLimit, 0, 255), bytes);
        return true;
    }

    /// <summary>The length of the <paramref name="index"/>-th datagram (for messages about unreadable ones).</summary>
    public int LengthOf(int index) => (int)_messages[index].Length;

    /// <inheritdoc/>
    public void Dispose() => NativeMemory.Free(_memory);
}
