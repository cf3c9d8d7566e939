using System.Net;

namespace VrrpLab.Engine.StateMachine;

/// <summary>An input to <see cref="VrrpRouter.Step"/>: the sans-IO form of the router's methods.</summary>
public abstract record RouterInput;

/// <summary>keepalived starts.</summary>
public sealed record StartInput : RouterInput;

/// <summary>Graceful shutdown (SIGTERM): a MASTER sends priority 0 and removes its addresses.</summary>
public sealed record ShutdownInput : RouterInput;

/// <summary>The clock reached the input's instant: fire every timer that is due.</summary>
public sealed record TimersDueInput : RouterInput;

/// <summary>A packet of IP protocol 112 arrived on <paramref name="Interface"/>.</summary>
/// <param name="Interface">Receiving interface.</param>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination address (224.0.0.18, ff02::12 or ours for unicast).</param>
/// <param name="Ttl">IP TTL / hop limit.</param>
/// <param name="Payload">The VRRP message (IP payload).</param>
public sealed record PacketInput(string Interface, IPAddress Source, IPAddress Destination, byte Ttl, byte[] Payload) : RouterInput;

/// <summary>A tracked script run finished (a timeout counts as failure).</summary>
public sealed record ScriptResultInput(string Script, bool Success) : RouterInput;

/// <summary>An interface's carrier went up or down.</summary>
public sealed record LinkInput(string Interface, bool Up) : RouterInput;
