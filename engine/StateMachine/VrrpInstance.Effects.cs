using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>What an instance does to the world (adverts, addresses, gratuitous ARPs, notify scripts) and its effective priority.</summary>
public sealed partial class VrrpInstance
{
    private Advertisement? _cachedAdvert;
    private byte _cachedPriority;

    private IEnumerable<VirtualAddress> AllAddresses()
    {
        foreach (VirtualAddress a in Config.VirtualAddresses)
        {
            yield return a;
        }

        foreach (VirtualAddress a in Config.ExcludedAddresses)
        {
            yield return a;
        }
    }

    private void RemoveAddresses()
    {
        _router.Log($"({Name}) removing VIPs.");
        foreach (VirtualAddress vip in AllAddresses())
        {
            _router.Emit(new RemoveVirtualAddress(Name, vip.Device ?? Config.Interface, vip));
        }
    }

    private void SendGratuitousArps(int count)
    {
        if (count <= 0)
        {
            return;
        }

        foreach (VirtualAddress vip in AllAddresses())
        {
            string dev = vip.Device ?? Config.Interface;
            _router.Log($"({Name}) Sending/queueing gratuitous ARPs on {dev} for {vip.Address}");
            for (int k = 0; k < count; k++)
            {
                _router.Log($"Sending gratuitous ARP on {dev} for {vip.Address}");
            }

            _router.Emit(new SendGratuitousArp(Name, dev, vip.Address, count));
        }
    }

    private void SendAdvertisement(byte priority)
    {
        if (PrimaryAddress is null)
        {
            _router.Log($"({Name}) no source address on {Config.Interface} - advert not sent");
            return;
        }

        if (_cachedAdvert is null || _cachedPriority != priority)
        {
            _cachedAdvert = new Advertisement(
                Config.Version,
                Config.VirtualRouterId,
                priority,
                Config.AdvertInterval,
                Config.VirtualAddresses.Select(v => v.Address).ToImmutableArray(),
                Config.Version == VrrpVersion.V2 ? Config.AuthType : AuthType.None,
                Config.Version == VrrpVersion.V2 && Config.AuthType == AuthType.SimpleText ? Config.AuthPassword ?? "" : "");
            _cachedPriority = priority;
        }

        if (Config.UnicastPeers.IsDefaultOrEmpty)
        {
            IPAddress dst = Config.Family == AddressFamily.InterNetworkV6 ? VrrpWire.MulticastGroupV6 : VrrpWire.MulticastGroupV4;
            Emit(dst);
        }
        else
        {
            foreach (IPAddress peer in Config.UnicastPeers)
            {
                Emit(peer);
            }
        }

        void Emit(IPAddress destination)
        {
            byte[] payload = AdvertisementCodec.Encode(_cachedAdvert, PrimaryAddress, destination, Config.V3Checksum);
            _router.Emit(new SendAdvertisement(Name, Config.Interface, PrimaryAddress, destination, _cachedAdvert, payload));
        }
    }

    private void Notify(string? script, string state)
    {
        if (script is not null)
        {
            _router.Emit(new RunNotify(Name, script, []));
        }

        if (Config.Notify.Generic is not null)
        {
            _router.Emit(new RunNotify(Name, Config.Notify.Generic,
                ["INSTANCE", Name, state, EffectivePriority.ToString(CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>Tracking changed: takes the priority tracking gives now, logs and reports a change.</summary>
    /// <returns>True when the priority changed.</returns>
    private bool RecomputePriority()
    {
        byte old = EffectivePriority;
        byte updated = _router.TrackedPriority(Config);
        if (updated == old)
        {
            return false;
        }

        EffectivePriority = updated;
        _cachedAdvert = null;
        _router.Log($"({Name}) Changing effective priority from {old} to {updated}");
        _router.Emit(new PriorityChanged(Name, old, updated));
        return true;
    }
}
