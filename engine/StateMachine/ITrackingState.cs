namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// The state of what an instance tracks, as <see cref="EffectivePriorityRule.Of{TState}"/> reads it:
/// the engine answers from its running scripts and carriers, the linter and the fault catalogue
/// from a <see cref="TrackingSnapshot"/> ("every check healthy", "chk_nginx failing", ...).
/// </summary>
public interface ITrackingState
{
    /// <summary>The interpreted state of the <c>vrrp_script</c> called <paramref name="name"/>.</summary>
    TrackerStatus Script(string name);

    /// <summary>Whether the interface called <paramref name="name"/> has carrier.</summary>
    bool InterfaceUp(string name);
}
