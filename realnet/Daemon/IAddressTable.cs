using VrrpLab.Engine.Configuration;

namespace VrrpLab.RealNet.Daemon;

/// <summary>Adds and removes virtual addresses on interfaces (rtnetlink).</summary>
internal interface IAddressTable
{
    /// <summary>Adds <paramref name="address"/> to <paramref name="device"/>; returns 0 or the errno (EEXIST if present).</summary>
    int Add(string device, VirtualAddress address);

    /// <summary>Removes it; returns 0 or the errno (EADDRNOTAVAIL if absent).</summary>
    int Remove(string device, VirtualAddress address);
}
