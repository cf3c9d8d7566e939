using VrrpLab.Engine.StateMachine;

namespace VrrpLab.RealNet.Daemon;

/// <summary>A datagram whose IP header could not be read (posted by a receiver to be counted and logged).</summary>
internal sealed record MalformedDatagram(string Interface, int Length) : RouterInput;
