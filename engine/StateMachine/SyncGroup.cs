using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// A <c>vrrp_sync_group</c> at run time (keepalived vrrp_sync.c): members go MASTER only together
/// (when every member's down timer has fired), and BACKUP or FAULT of one propagates to all.
/// </summary>
internal sealed class SyncGroup(string name, IReadOnlyList<VrrpInstance> members)
{
    public string Name { get; } = name;

    public IReadOnlyList<VrrpInstance> Members { get; } = members;

    /// <summary>Every member either is MASTER or has had its down timer fire.</summary>
    public bool AllWantMaster => Members.All(m => m.WantsMaster || m.State == VrrpState.Master);

    /// <summary>A member's own tracking or interface is failed: the whole group is in FAULT.</summary>
    public bool AnyMemberFaulted => Members.Any(m => m.OwnFaulted);

    /// <summary>All BACKUP members become MASTER together.</summary>
    public void GoMaster(Instant now)
    {
        foreach (VrrpInstance m in Members)
        {
            m.JoinGroupMaster(now);
        }
    }

    /// <summary><paramref name="cause"/> went BACKUP: every other MASTER member follows.</summary>
    public void FollowBackup(Instant now, VrrpInstance cause)
    {
        foreach (VrrpInstance m in Members)
        {
            if (!ReferenceEquals(m, cause))
            {
                m.JoinGroupBackup(now);
            }
        }
    }
}
