using System.Net.Sockets;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.RealNet.Sockets;

/// <summary>Opens the VRRP sockets a configuration needs: one per interface and address family, each with its filter.</summary>
internal static class VrrpSockets
{
    /// <summary>
    /// One socket per (interface, family) the instances use, filtered for those instances under the
    /// configuration's <see cref="RouterConfig.PacketPolicy"/>. On failure the ones already open are closed.
    /// </summary>
    /// <exception cref="DaemonStartupException">No CAP_NET_RAW, or an interface is gone.</exception>
    public static IReadOnlyList<VrrpSocket> Open(RouterConfig config, IReadOnlyDictionary<string, int> interfaceIndexes)
    {
        var opened = new List<VrrpSocket>();
        try
        {
            foreach (var group in config.Instances.GroupBy(i => (i.Interface, i.Family)).OrderBy(g => g.Key.Interface, StringComparer.Ordinal).ThenBy(g => g.Key.Family))
            {
                (string name, AddressFamily family) = group.Key;
                var targets = group.Select(i => new VrrpSocketFilter.Target(i.Version, i.VirtualRouterId)).ToList();
                opened.Add(VrrpSocket.Open(family, name, interfaceIndexes[name], VrrpSocketFilter.Build(family, config.PacketPolicy, targets)));
            }
        }
        catch
        {
            foreach (VrrpSocket s in opened)
            {
                s.Dispose();
            }

            throw;
        }

        return opened;
    }
}
