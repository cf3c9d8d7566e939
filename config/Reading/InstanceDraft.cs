using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Config.Syntax;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Config.Reading;

/// <summary>A <c>vrrp_instance</c> while it is being read (keepalived's <c>vrrp_t</c> before completion).</summary>
internal sealed class InstanceDraft(string name, ConfigStatement statement) : BlockDraft(name, statement)
{
    public Dictionary<string, SourceLocation> Keywords { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Raw { get; } = new(StringComparer.Ordinal);

    public InitialState? State { get; set; }

    /// <summary>The interface (null when none usable was given).</summary>
    public string? Interface { get; set; }

    public byte? Vrid { get; set; }

    /// <summary>Base priority (0 = not set: derived from the state at completion).</summary>
    public byte Priority { get; set; }

    public VrrpVersion? Version { get; set; }

    /// <summary>Advert interval as written, in microseconds (keepalived keeps TIMER_HZ = 1 MHz); 0 = not set.</summary>
    public long AdvertIntervalUs { get; set; }

    public bool Nopreempt { get; set; }

    public long PreemptDelayUs { get; set; }

    public AuthType AuthType { get; set; } = AuthType.None;

    public string? AuthPass { get; set; }

    public AddressFamily? Family { get; set; }

    public List<VirtualAddress> Vips { get; } = [];

    public List<VirtualAddress> ExcludedVips { get; } = [];

    /// <summary>Tracked scripts resolved when the line was read (keepalived looks them up then).</summary>
    public List<(ScriptTrack Track, ConfigToken At, ScriptDraft Script)> TrackScripts { get; } = [];

    public List<(InterfaceTrack Track, ConfigToken At)> TrackInterfaces { get; } = [];

    /// <summary>Tracked files (<c>track_file</c>), with their weight and reverse resolved.</summary>
    public List<FileTrack> TrackFiles { get; } = [];

    /// <summary>The <c>track_process</c> lines.</summary>
    public List<ProcessTrack> TrackProcesses { get; } = [];

    public IPAddress? UnicastSource { get; set; }

    public IPAddress? McastSource { get; set; }

    /// <summary>A unicast keyword was given (unicast_src_ip, unicast_peer, ...): unicast when there are peers.</summary>
    public bool UnicastConfigured { get; set; }

    public List<IPAddress> UnicastPeers { get; } = [];

    /// <summary>The <c>garp_*</c> lines (over the global <c>vrrp_garp_*</c> ones).</summary>
    public ConfigInterpreter.GarpDraft Garp { get; } = new();

    public bool? LowerPrioNoAdvert { get; set; }

    public int? DownTimerAdverts { get; set; }

    public NotifyScripts Notify { get; set; } = NotifyScripts.None;

    public bool HasNotify => Notify != NotifyScripts.None;

    /// <summary>Notes where a keyword line of the instance (or of its authentication block) was, and its first value as written.</summary>
    public void Record(ConfigStatement line)
    {
        Keywords[line.Name] = line.Location;
        if (line.Arg(0) is { } raw)
        {
            Raw[line.Name] = raw;
        }
    }

    public InstanceSyntax ToSyntax() => new(
        Name,
        Statement.Location,
        Keywords.ToImmutableDictionary(StringComparer.Ordinal),
        Raw.ToImmutableDictionary(StringComparer.Ordinal));
}
