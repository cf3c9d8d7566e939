using System.Collections.Immutable;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// A fixed tracking state: every script succeeds and every interface is up, except those listed.
/// What the linter and the fault catalogue ask <see cref="EffectivePriorityRule"/> about
/// ("the priority while healthy", "the priority while chk_nginx fails").
/// </summary>
/// <param name="FailedScripts">Scripts that fail.</param>
/// <param name="DownInterfaces">Interfaces without carrier.</param>
public readonly record struct TrackingSnapshot(ImmutableArray<string> FailedScripts, ImmutableArray<string> DownInterfaces) : ITrackingState
{
    /// <summary>Every script succeeds, every interface is up.</summary>
    public static TrackingSnapshot Healthy => new([], []);

    /// <summary>This state with <paramref name="script"/> failing too.</summary>
    public TrackingSnapshot WithScriptFailed(string script) => this with { FailedScripts = Names(FailedScripts).Add(script) };

    /// <summary>This state with <paramref name="iface"/> down too.</summary>
    public TrackingSnapshot WithInterfaceDown(string iface) => this with { DownInterfaces = Names(DownInterfaces).Add(iface) };

    /// <inheritdoc/>
    public TrackerStatus Script(string name) => Names(FailedScripts).Contains(name, StringComparer.Ordinal) ? TrackerStatus.Failed : TrackerStatus.Ok;

    /// <inheritdoc/>
    public bool InterfaceUp(string name) => !Names(DownInterfaces).Contains(name, StringComparer.Ordinal);

    private static ImmutableArray<string> Names(ImmutableArray<string> list) => list.IsDefault ? [] : list;
}
