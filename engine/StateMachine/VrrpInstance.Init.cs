using Stateless;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>INIT, FAULT and STOP: starting, failing and stopping (keepalived vrrp_init_instance, vrrp_state_fault, shutdown).</summary>
public sealed partial class VrrpInstance
{
    /// <summary>Leaving INIT: the priority tracking gives at start (no change is logged).</summary>
    private void InitialPriority()
    {
        byte updated = _router.TrackedPriority(Config);
        if (updated != EffectivePriority)
        {
            EffectivePriority = updated;
            _cachedAdvert = null;
        }
    }

    /// <summary>keepalived: the address owner sends an advert and takes the addresses at once.</summary>
    private void StartAsOwner()
    {
        InitialPriority();
        SendAdvertisement(EffectivePriority);
    }

    /// <summary>An advert reached an instance that is not BACKUP or MASTER.</summary>
    private void NotListening(in InstanceInput x) => _router.Dropped(this, x.From, AdvertDropReason.NotListening);

    private void EnterFault(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        _router.Log($"({Name}) Entering FAULT STATE");
        if (t.Source == VrrpState.Master)
        {
            // Observed on keepalived 2.2.7: two priority-0 adverts back to back.
            SendAdvertisement(0);
            SendAdvertisement(0);
            _router.Log($"({Name}) sent 0 priority");
            RemoveAddresses();
        }

        Notify(Config.Notify.Fault, "FAULT");
    }

    private void EnterStop(StateMachine<VrrpState, VrrpTrigger>.Transition t)
    {
        _masterDown = Time.Instant.Never;
        if (t.Source == VrrpState.Master)
        {
            SendAdvertisement(0);
            _router.Log($"({Name}) sent 0 priority");
            RemoveAddresses();
        }

        _router.Log($"({Name}) Stopped");
        Notify(Config.Notify.Stop, "STOP");
    }
}
