using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>An instance carried across a configuration reload (keepalived restore_vrrp_state).</summary>
public sealed partial class VrrpInstance
{
    /// <summary>
    /// Continues <paramref name="previous"/> (the running instance with this one's VRID, family and
    /// interface) under this instance's new configuration: same state, no priority-0 advert, VIPs kept.
    /// </summary>
    internal void Continue(Instant now, VrrpInstance previous, IPAddress? primary, bool interfaceUp)
    {
        if (previous.State is not (VrrpState.Backup or VrrpState.Master or VrrpState.Fault))
        {
            // Still in INIT (waiting for a weight-0 script): start afresh.
            Start(now, primary, interfaceUp);
            return;
        }

        PrimaryAddress = Config.UnicastSourceAddress ?? Config.MulticastSourceAddress ?? primary;
        HasOwnFault = !interfaceUp;
        _startRequested = true;
        EffectivePriority = _router.TrackedPriority(Config);
        _cachedAdvert = null;
        _state = previous.State;
        string renamed = string.Equals(previous.Name, Name, StringComparison.Ordinal) ? "" : $" (was {previous.Name})";
        _router.Log($"({Name}) kept in {StateName(_state)} state across the reload{renamed}");
        switch (_state)
        {
            case VrrpState.Master:
                ContinueAsMaster(now, previous);
                break;
            case VrrpState.Backup:
                // vrrp_init_instance_sands: a fresh Master_Down_Interval from the reload.
                _masterDown = now + MasterDownInterval;
                break;
        }
    }

    /// <summary>
    /// A continued MASTER (keepalived's reload_master): adds the VIPs it did not have, sends gratuitous
    /// ARPs for all of them only when it added one, and advertises at once with the new settings.
    /// </summary>
    private void ContinueAsMaster(Instant now, VrrpInstance previous)
    {
        _router.Log($"({Name}) setting VIPs.");
        bool added = false;
        foreach (VirtualAddress vip in AllAddresses())
        {
            if (!previous.Holds(vip, Config.Interface))
            {
                _router.Emit(new AddVirtualAddress(Name, vip.Device ?? Config.Interface, vip));
                added = true;
            }
        }

        if (added)
        {
            SendGratuitousArps(Config.GratuitousArp.MasterRepeat);
        }

        // keepalived's reload cancels every thread, the delayed repeat of the MASTER entry's gratuitous
        // ARPs (garp_master_delay) with them (observed: none after a reload); the refresh keeps its cadence.
        _garpDelayTimer = Instant.Never;
        _garpRefreshTimer = Config.GratuitousArp.MasterRefresh <= Duration.Zero ? Instant.Never
            : previous._garpRefreshTimer.IsSet ? previous._garpRefreshTimer
            : now + Config.GratuitousArp.MasterRefresh;
        SendAdvertisement(EffectivePriority);
        _advertTimer = now + MasterAdvertIntervalToSend;
        _lastAnswer = Instant.Never;
    }

    /// <summary>
    /// Reload, on the running instance: a MASTER removes the VIPs that <paramref name="next"/> (its
    /// continuation) no longer configures (keepalived clear_diff_vrrp_vip).
    /// </summary>
    internal void RemoveAddressesDroppedBy(VrrpInstanceConfig next)
    {
        if (_state != VrrpState.Master)
        {
            return;
        }

        foreach (VirtualAddress vip in AllAddresses())
        {
            string device = vip.Device ?? Config.Interface;
            bool kept = next.VirtualAddresses.Concat(next.ExcludedAddresses)
                .Any(v => v.Address.Equals(vip.Address) && v.PrefixLength == vip.PrefixLength && string.Equals(v.Device ?? next.Interface, device, StringComparison.Ordinal));
            if (!kept)
            {
                _router.Log($"({Name}) removing VIP {vip} no longer configured");
                _router.Emit(new RemoveVirtualAddress(Name, device, vip));
            }
        }
    }

    /// <summary>Whether this instance, as MASTER, holds <paramref name="vip"/> on the device it names.</summary>
    private bool Holds(VirtualAddress vip, string defaultDevice)
    {
        if (_state != VrrpState.Master)
        {
            return false;
        }

        string device = vip.Device ?? defaultDevice;
        return AllAddresses().Any(v => v.Address.Equals(vip.Address) && v.PrefixLength == vip.PrefixLength
            && string.Equals(v.Device ?? Config.Interface, device, StringComparison.Ordinal));
    }

    private static string StateName(VrrpState state) => state.ToString().ToUpperInvariant();
}
