using System.Net;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// What an instance is handed with each event (<see cref="VrrpTrigger"/>): the instant, why (the cause a
/// state change records), and for <see cref="VrrpTrigger.AdvertReceived"/> the advert and its source.
/// Passed to the guards and handlers as a parameter, never kept in a field.
/// </summary>
internal readonly record struct InstanceInput(Instant Now, string Cause, Advertisement? Advert = null, IPAddress? Source = null)
{
    /// <summary>The advert (only for <see cref="VrrpTrigger.AdvertReceived"/>).</summary>
    public Advertisement Advertisement => Advert ?? throw new InvalidOperationException("no advertisement with this input");

    /// <summary>The advert's source (only for <see cref="VrrpTrigger.AdvertReceived"/>).</summary>
    public IPAddress From => Source ?? throw new InvalidOperationException("no source with this input");
}
