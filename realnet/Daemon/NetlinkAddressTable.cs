using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Native;
using VrrpLab.RealNet.Netlink;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Adds and removes VIPs with RTM_NEWADDR / RTM_DELADDR, like <c>ip addr add|del</c>.</summary>
internal sealed class NetlinkAddressTable(RouteNetlinkSocket socket) : IAddressTable, IDisposable
{
    /// <inheritdoc/>
    public int Add(string device, VirtualAddress address) => Change(add: true, device, address);

    /// <inheritdoc/>
    public int Remove(string device, VirtualAddress address) => Change(add: false, device, address);

    private int Change(bool add, string device, VirtualAddress address)
    {
        uint index = Libc.IfNameToIndex(device);
        if (index == 0)
        {
            return Libc.ENoDev;
        }

        uint seq = socket.NextSequence();
        byte[] request = AddressRequest.Build(add, seq, (int)index, address.Address, address.PrefixLength, address.Label);
        return socket.Request(request, seq);
    }

    /// <inheritdoc/>
    public void Dispose() => socket.Dispose();
}
