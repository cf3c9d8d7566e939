using System.Collections.Immutable;
using VrrpLab.RealNet.Logging;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>Recording stand-ins for the host (sockets, rtnetlink, pcap, processes).</summary>
internal sealed class FakePorts : IAdvertTransport, IAddressTable, IGratuitousArpSender, IScriptHost
{
    public List<string> Calls { get; } = [];

    public List<byte[]> Sent { get; } = [];

    public SocketError SendResult { get; set; } = SocketError.Success;

    public Dictionary<string, int> AddressErrno { get; } = [];

    public StringWriter Output { get; } = new();

    public KeepalivedLog Log => new(Output, LogFormat.Journal, TimeProvider.System);

    public string[] LogLines => Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public SocketError Send(string interfaceName, IPAddress source, IPAddress destination, ReadOnlySpan<byte> message)
    {
        Calls.Add($"send {interfaceName} {source}>{destination}");
        Sent.Add(message.ToArray());
        return SendResult;
    }

    public int Add(string device, VirtualAddress address)
    {
        Calls.Add($"add {address} {device}");
        return AddressErrno.GetValueOrDefault($"add {address}");
    }

    public int Remove(string device, VirtualAddress address)
    {
        Calls.Add($"del {address} {device}");
        return AddressErrno.GetValueOrDefault($"del {address}");
    }

    string? IGratuitousArpSender.Send(string interfaceName, IPAddress address, int count)
    {
        Calls.Add($"garp {interfaceName} {address} x{count}");
        return null;
    }

    public void StartCheck(string script, string command) => Calls.Add($"check {script}: {command}");

    public string? StartNotify(string instance, string command, ImmutableArray<string> arguments)
    {
        Calls.Add($"notify {command} {string.Join(' ', arguments)}");
        return null;
    }
}
