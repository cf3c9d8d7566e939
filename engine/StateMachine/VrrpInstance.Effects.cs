using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using VrrpLab.Engine.Configuration;
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

    /// <summary>The effects of the last adverts sent (one per destination) and the source they were encoded for.</summary>
    private SendAdvertisement?[] _cachedSends = [];
    private IPAddress? _cachedSendSource;

    /// <summary>The last advert decoded for this instance, with the bytes, source and destination it came from.</summary>
    private byte[] _decodedBytes = [];
    private IPAddress? _decodedSource;
    private IPAddress? _decodedDestination;
    private Advertisement? _decoded;

    /// <summary>The last <see cref="AdvertisementAccepted"/> effect (reused while the same peer repeats the same advert).</summary>
    internal AdvertisementAccepted? LastAccepted { get; set; }

    /// <summary>The advert decoded earlier from exactly these bytes, source and destination, if any.</summary>
    internal Advertisement? LastDecoded(ReadOnlySpan<byte> payload, IPAddress source, IPAddress destination) =>
        _decoded is not null && payload.SequenceEqual(_decodedBytes) && source.Equals(_decodedSource) && destination.Equals(_decodedDestination)
            ? _decoded
            : null;

    /// <summary>Remembers a decoded advert (the bytes copied: the caller's buffer may be reused).</summary>
    internal void RememberDecoded(ReadOnlySpan<byte> payload, IPAddress source, IPAddress destination, Advertisement advert)
    {
        if (_decodedBytes.Length != payload.Length)
        {
            _decodedBytes = new byte[payload.Length];
        }

        payload.CopyTo(_decodedBytes);
        _decodedSource = source;
        _decodedDestination = destination;
        _decoded = advert;
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
            Array.Clear(_cachedSends);
        }

        if (!ReferenceEquals(_cachedSendSource, PrimaryAddress))
        {
            Array.Clear(_cachedSends);
            _cachedSendSource = PrimaryAddress;
        }

        if (Config.UnicastPeers.IsDefaultOrEmpty)
        {
            IPAddress dst = VrrpWire.MulticastGroupFor(Config.Family);
            Emit(0, dst);
        }
        else
        {
            for (int k = 0; k < Config.UnicastPeers.Length; k++)
            {
                Emit(k, Config.UnicastPeers[k]);
            }
        }

        // The same advert to the same destination encodes to the same bytes: the effect is built once
        // per priority and source address (the payload is never written after it is emitted).
        void Emit(int slot, IPAddress destination)
        {
            if (_cachedSends.Length <= slot)
            {
                Array.Resize(ref _cachedSends, Math.Max(1, Config.UnicastPeers.IsDefaultOrEmpty ? 1 : Config.UnicastPeers.Length));
            }

            if (_cachedSends[slot] is not { } send)
            {
                byte[] payload = AdvertisementCodec.Encode(_cachedAdvert, PrimaryAddress, destination, Config.V3Checksum);
                _cachedSends[slot] = send = new SendAdvertisement(Name, Config.Interface, PrimaryAddress, destination, _cachedAdvert, payload);
            }

            _router.Emit(send);
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
