using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>MASTER (RFC 9568 section 6.4.3, keepalived vrrp_state_master_rx).</summary>
public sealed partial class VrrpInstance
{
    private Duration MasterAdvertIntervalToSend => Config.AdvertInterval;

    private bool Hardened => _router.Config.PacketPolicy == PacketPolicy.Hardened;

    /// <summary>
    /// MASTER's comparison (RFC 3768 section 6.4.3): a higher priority wins; on equal priority the
    /// higher primary address (unsigned compare) wins.
    /// </summary>
    private bool IsHigherThanUs(byte priority, System.Net.IPAddress source)
    {
        if (priority != EffectivePriority)
        {
            return priority > EffectivePriority;
        }

        return PrimaryAddress is not null && CompareAddresses(source, PrimaryAddress) > 0;
    }

    /// <summary>
    /// Hardened: at most one immediate answer per advert interval (a replayed advert must not turn the
    /// MASTER into an amplifier); its periodic adverts go on regardless.
    /// </summary>
    private bool AnswerRateLimited(in InstanceInput x) =>
        Hardened
        && !IsHigherThanUs(x.Advertisement.Priority, x.From)
        && _lastAnswer.IsSet && x.Now - _lastAnswer < MasterAdvertIntervalToSend;

    private void MasterHearResignation(in InstanceInput x)
    {
        // RFC 3768 6.4.3: priority 0 -> send an advert at once and reset the Adver_Timer (hardened: the
        // timer keeps its period).
        SendAdvertisement(EffectivePriority);
        Answered(x.Now);
        _router.Accepted(this, x.From, x.Advertisement);
    }

    private void MasterHearHigherPriority(in InstanceInput x)
    {
        Advertisement advert = x.Advertisement;
        _router.Log(advert.Priority == EffectivePriority
            ? $"({Name}) Master received advert from {x.Source} with same priority {advert.Priority} but higher IP address than ours"
            : $"({Name}) Master received advert from {x.Source} with higher priority {advert.Priority}, ours {EffectivePriority}");
        if (Config.Version == VrrpVersion.V3)
        {
            MasterAdvertInterval = advert.AdvertInterval;
        }
    }

    /// <summary>After yielding to a higher priority: the advert is accepted, the sync group follows.</summary>
    private void MasterYielded(in InstanceInput x)
    {
        _router.Accepted(this, x.From, x.Advertisement);
        Group?.FollowBackup(x.Now, this);
    }

    private void MasterHearLowerPriority(in InstanceInput x)
    {
        // RFC 9568 6.4.3 / keepalived: stay MASTER, answer at once, and re-announce the addresses.
        _router.Log($"({Name}) Received advert from {x.Source} with lower priority {x.Advertisement.Priority}, ours {EffectivePriority}{(Config.LowerPrioNoAdvert ? "" : ", forcing new election")}");
        if (!Config.LowerPrioNoAdvert)
        {
            SendAdvertisement(EffectivePriority);
            Answered(x.Now);
        }
        else
        {
            _lastAnswer = x.Now;
        }

        SendGratuitousArps(Config.GratuitousArp.LowerPrioRepeat);
        if (Config.GratuitousArp.LowerPrioDelay > Duration.Zero)
        {
            _lowerPrioGarpTimer = x.Now + Config.GratuitousArp.LowerPrioDelay;
        }

        _router.Accepted(this, x.From, x.Advertisement);
    }

    /// <summary>The MASTER just answered a received advert with one of its own.</summary>
    private void Answered(Instant now)
    {
        _lastAnswer = now;
        if (!Hardened)
        {
            _advertTimer = now + MasterAdvertIntervalToSend;
        }
    }

    /// <summary>keepalived: a dropped packet for a MASTER's VRID restarts its advert timer.</summary>
    private void RestartAdvertTimer(in InstanceInput x) => _advertTimer = x.Now + MasterAdvertIntervalToSend;

    private void EnterMaster(in InstanceInput x)
    {
        _router.Log($"({Name}) Entering MASTER STATE");
        _router.Log($"({Name}) setting VIPs.");
        foreach (VirtualAddress vip in AllAddresses())
        {
            _router.Emit(new AddVirtualAddress(Name, vip.Device ?? Config.Interface, vip));
        }

        SendGratuitousArps(Config.GratuitousArp.MasterRepeat);
        if (Config.GratuitousArp.MasterDelay > Duration.Zero)
        {
            _garpDelayTimer = x.Now + Config.GratuitousArp.MasterDelay;
        }

        if (Config.GratuitousArp.MasterRefresh > Duration.Zero)
        {
            _garpRefreshTimer = x.Now + Config.GratuitousArp.MasterRefresh;
        }

        _advertTimer = x.Now + MasterAdvertIntervalToSend;
        _lastAnswer = Instant.Never;
        Notify(Config.Notify.Master, "MASTER");
    }

    private void ExitMaster()
    {
        _advertTimer = Instant.Never;
        _garpDelayTimer = Instant.Never;
        _garpRefreshTimer = Instant.Never;
        _lowerPrioGarpTimer = Instant.Never;
    }
}
