using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// A <c>vrrp_sync_group</c> at run time (keepalived vrrp_sync.c): members go MASTER only together
/// (when every member's down timer has fired), and BACKUP or FAULT of one propagates to all.
/// </summary>
internal sealed class SyncGroup(VrrpRouter router, SyncGroupConfig config, IReadOnlyList<VrrpInstance> members)
{
    private VrrpState _reported = VrrpState.Init;

    public string Name => config.Name;

    public IReadOnlyList<VrrpInstance> Members { get; } = members;

    /// <summary>Every member but <paramref name="self"/> wants MASTER or is MASTER (keepalived vrrp_sync_can_goto_master).</summary>
    public bool OthersWantMaster(VrrpInstance self)
    {
        foreach (VrrpInstance m in Members)
        {
            if (!ReferenceEquals(m, self) && !m.WantsMaster && m.State != VrrpState.Master)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A member's own tracking or interface is failed: the whole group is in FAULT.</summary>
    public bool AnyMemberFaulted => Members.Any(m => m.OwnFaulted);

    /// <summary>All BACKUP members become MASTER together.</summary>
    public void GoMaster(Instant now)
    {
        router.Log($"VRRP_Group({Name}) Syncing instances to MASTER state");
        foreach (VrrpInstance m in Members)
        {
            m.JoinGroupMaster(now);
        }
    }

    /// <summary><paramref name="cause"/> went BACKUP: every other MASTER member follows.</summary>
    public void FollowBackup(Instant now, VrrpInstance cause)
    {
        router.Log($"VRRP_Group({Name}) Syncing instances to BACKUP state");
        foreach (VrrpInstance m in Members)
        {
            if (!ReferenceEquals(m, cause))
            {
                m.JoinGroupBackup(now);
            }
        }
    }

    /// <summary>
    /// Runs the group's notify scripts when the whole group has settled in a new state
    /// (keepalived: <c>notify_master</c> etc. of the group, and <c>notify</c> with
    /// <c>GROUP NAME STATE</c>).
    /// </summary>
    public void MemberChangedState()
    {
        VrrpState first = Members[0].State;
        if (first == _reported || Members.Any(m => m.State != first) || first == VrrpState.Init)
        {
            return;
        }

        _reported = first;
        string state = first.ToString().ToUpperInvariant();
        if (first == VrrpState.Fault)
        {
            router.Log($"VRRP_Group({Name}) Syncing instances to FAULT state");
        }

        string? script = first switch
        {
            VrrpState.Master => config.Notify.Master,
            VrrpState.Backup => config.Notify.Backup,
            VrrpState.Fault => config.Notify.Fault,
            VrrpState.Stop => config.Notify.Stop,
            _ => null,
        };
        if (script is not null)
        {
            router.Emit(new RunNotify(Name, script, []));
        }

        if (config.Notify.Generic is not null)
        {
            router.Emit(new RunNotify(Name, config.Notify.Generic, ["GROUP", Name, state]));
        }
    }
}
