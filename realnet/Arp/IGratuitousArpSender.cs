using System.Net;

namespace VrrpLab.RealNet.Arp;

/// <summary>Sends gratuitous ARPs on an interface.</summary>
internal interface IGratuitousArpSender
{
    /// <summary>Sends <paramref name="count"/> gratuitous ARPs for <paramref name="address"/> now.</summary>
    /// <returns>Null on success, else why it failed.</returns>
    string? Send(string interfaceName, IPAddress address, int count);
}
