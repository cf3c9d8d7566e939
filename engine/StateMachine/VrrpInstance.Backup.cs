using Stateless;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>BACKUP (RFC 9568 section 6.4.2, keepalived vrrp_state_backup).</summary>
public sealed partial class VrrpInstance
{
    /// <summary>
    /// BACKUP's acceptance rule: accept when nopreempt, when the advert's priority is at least ours, or
    /// while a preempt_delay runs (it starts at the first lower-priority advert heard, never at startup);
    /// otherwise discard so that our timer runs out and we take over. No address tie-break in BACKUP.
    /// </summary>
    private bool AcceptsInBackup(in InstanceInput x)
    {
        if (Config.EffectiveNopreempt || x.Advertisement.Priority >= EffectivePriority)
        {
            return true;
        }

        Duration delay = Config.EffectivePreemptDelay;
        return delay > Duration.Zero && (!_preemptDelayEnd.IsSet || x.Now < _preemptDelayEnd);
    }

    private void BackupAcceptAdvert(in InstanceInput x)
    {
        Advertisement a = x.Advertisement;
        if (Config.Version == VrrpVersion.V3)
        {
            // RFC 9568 6.4.2: a backup learns Master_Adver_Interval from each advert it accepts.
            MasterAdvertInterval = a.AdvertInterval;
        }

        if (a.Priority >= EffectivePriority)
        {
            _preemptDelayEnd = Instant.Never;
        }
        else if (!Config.EffectiveNopreempt && !_preemptDelayEnd.IsSet)
        {
            // A lower priority accepted only because of preempt_delay: its first starts the delay.
            _preemptDelayEnd = x.Now + Config.EffectivePreemptDelay;
        }

        WantsMaster = false;
        _masterDown = x.Now + MasterDownInterval;
        _router.Accepted(this, x.From, a);
    }

    private void BackupDiscardLowerPriority(in InstanceInput x)
    {
        _router.Log($"({Name}) received lower priority ({x.Advertisement.Priority}) advert from {x.Source} - discarding");
        _router.Discarded(this, x.From, x.Advertisement);
    }

    private void BackupHearResignation(in InstanceInput x)
    {
        // RFC 3768 6.4.2: priority 0 -> Master_Down_Timer = Skew_Time (keepalived learns no interval here).
        _masterDown = x.Now + SkewTime;
        _router.Accepted(this, x.From, x.Advertisement);
    }

    /// <summary>Domain section 4: the down timer ran out; send an advert first, then enter MASTER.</summary>
    private void MasterDownTimeout()
    {
        _router.Log($"({Name}) Receive advertisement timeout");
        SendAdvertisement(EffectivePriority);
    }

    /// <summary>keepalived vrrp_sync_can_goto_master: the last member to want MASTER takes the group there.</summary>
    private void MasterDownGroupReady(in InstanceInput x)
    {
        _router.Log($"({Name}) Receive advertisement timeout");
        WantsMaster = true;
        Group!.GoMaster(x.Now);
    }

    /// <summary>keepalived vrrp_sync_can_goto_master: wait until every member wants MASTER.</summary>
    private void MasterDownGroupWaits(in InstanceInput x)
    {
        _router.Log($"({Name}) Receive advertisement timeout");
        WantsMaster = true;
        _masterDown = x.Now + MasterDownInterval;
    }

    /// <summary>Domain section 4: in BACKUP a priority change shifts the down timer by the change in skew.</summary>
    private void BackupRecomputePriority(in InstanceInput x)
    {
        Duration oldSkew = SkewTime;
        if (RecomputePriority() && _masterDown.IsSet)
        {
            _masterDown = _masterDown + (SkewTime - oldSkew);
            if (_masterDown < x.Now)
            {
                _masterDown = x.Now;
            }
        }
    }

    private void EnterBackup(StateMachine<VrrpState, VrrpTrigger>.Transition t, InstanceInput x)
    {
        if (t.Source == VrrpState.Fault || t.Source == VrrpState.Init)
        {
            // Leaving FAULT (or starting) resets the learned interval to the configured one.
            MasterAdvertInterval = Config.AdvertInterval;
        }

        WantsMaster = false;
        _preemptDelayEnd = Instant.Never;

        // keepalived (vrrp_init_instance_sands): at start a backup cannot time out before the end
        // of vrrp_startup_delay plus one Master_Down_Interval.
        Instant from = t.Source == VrrpState.Init ? Instant.Max(x.Now, _router.ListenFrom) : x.Now;
        _masterDown = from + MasterDownInterval;
        _router.Log(t.Source == VrrpState.Init
            ? $"({Name}) Entering BACKUP STATE (init)"
            : $"({Name}) Entering BACKUP STATE");
        if (t.Source == VrrpState.Master)
        {
            RemoveAddresses();
        }

        Notify(Config.Notify.Backup, "BACKUP");
    }

    private void ExitBackup()
    {
        _masterDown = Instant.Never;
        _preemptDelayEnd = Instant.Never;
        WantsMaster = false;
    }
}
