// Over 400 lines: one pass over the peers of a cluster shared by all lint rules; each rule is a short method beside the others it is ordered with.
using System.Collections.Immutable;
using System.Net;
using VrrpLab.Config.FileSystem;
using VrrpLab.Config.Reading;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;

namespace VrrpLab.Config.Lint;

/// <summary>
/// Finds the configuration mistakes that break failover in the keepalived.conf files of all hosts
/// of a cluster (one file per host). Instances are peers when they have the same VRID and address
/// family on different hosts. Findings come in file order, then line order.
/// </summary>
public static partial class ClusterLinter
{
    private sealed record Member(int Host, string File, VrrpInstanceConfig Config, InstanceSyntax Syntax, RouterConfig Router);

    /// <summary>
    /// Lints <paramref name="hosts"/> (read results whose <see cref="ConfigReadResult.Config"/> is set;
    /// others are skipped). <paramref name="fs"/> is used to read check scripts, when readable.
    /// </summary>
    public static ImmutableArray<LintFinding> Lint(IReadOnlyList<ConfigReadResult> hosts, IConfigFileSystem? fs)
    {
        var findings = new List<LintFinding>();
        var members = new List<Member>();
        for (int h = 0; h < hosts.Count; h++)
        {
            ConfigReadResult r = hosts[h];
            foreach (ConfigDiagnostic d in r.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error))
            {
                findings.Add(FromDiagnostic(d));
            }

            if (r.Config is null)
            {
                continue;
            }

            for (int i = 0; i < r.Config.Instances.Length; i++)
            {
                members.Add(new Member(h, r.Source.File, r.Config.Instances[i], r.Source.Instances[i], r.Config));
            }

            ScriptRules(r, fs, findings);
        }

        foreach (Member m in members)
        {
            SingleInstanceRules(m, members, hosts.Count, findings);
        }

        var groups = members
            .GroupBy(m => (m.Config.VirtualRouterId, m.Config.Family))
            .OrderBy(g => g.Key.VirtualRouterId)
            .ThenBy(g => g.Key.Family)
            .Select(g => g.ToList())
            .ToList();
        foreach (List<Member> group in groups)
        {
            PeerRules(group, findings);
        }

        VridMismatchRule(members, findings);
        if (hosts.Count > 1)
        {
            foreach (Member m in members)
            {
                if (!members.Any(o => o.Host != m.Host && o.Config.VirtualRouterId == m.Config.VirtualRouterId && o.Config.Family == m.Config.Family)
                    && !members.Any(o => o.Host != m.Host && SharesVip(o.Config, m.Config)))
                {
                    findings.Add(new LintFinding(
                        DiagnosticSeverity.Warning,
                        m.Syntax.At("virtual_router_id"),
                        LintRules.NoPeer,
                        $"({m.Config.Name}) VRID {m.Config.VirtualRouterId} has no peer in the other files",
                        "no other host backs up this VIP: it has no failover"));
                }
            }
        }

        // A keepalived message on a line a specific rule already explains is not repeated.
        var explained = findings.Where(f => f.RuleId is not (LintRules.KeepalivedMessage or LintRules.NotModelled or LintRules.AcceptedNotAsWritten)).Select(f => f.Location).ToHashSet();
        findings.RemoveAll(f => f.RuleId == LintRules.KeepalivedMessage && explained.Contains(f.Location));
        return [.. findings
            .Distinct()
            .OrderBy(f => hosts.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Source.File == f.Location.File).i)
            .ThenBy(f => f.Location.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location.Line)
            .ThenBy(f => f.Location.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A reader diagnostic as a finding: keepalived's own warning (VL000: keepalived -t fails here),
    /// keepalived's own notice (VL000 notice: logged, -t passes), something VrrpLab does not model
    /// (VL017), or something keepalived accepts silently but not as written (VL018).
    /// </summary>
    private static LintFinding FromDiagnostic(ConfigDiagnostic d)
    {
        var at = new SourceLocation(d.File, d.Line, d.Column);
        if (d.Advice)
        {
            return new LintFinding(DiagnosticSeverity.Warning, at, LintRules.AcceptedNotAsWritten, d.Message,
                "keepalived -t says nothing about it, but keepalived does not do what the line seems to say");
        }

        if (d.NotModelled)
        {
            return new LintFinding(DiagnosticSeverity.Notice, at, LintRules.NotModelled, d.Message,
                "keepalived accepts it; VrrpLab does not simulate it, so the fault simulation runs without it");
        }

        return new LintFinding(d.Severity, at, LintRules.KeepalivedMessage, d.Message,
            d.Severity == DiagnosticSeverity.Warning
                ? "keepalived -t fails on this file (keepalived logs this line and carries on with the value shown)"
                : "keepalived logs this at start; keepalived -t does not fail on it");
    }

    private static void SingleInstanceRules(Member m, List<Member> all, int hostCount, List<LintFinding> findings)
    {
        InstanceSyntax s = m.Syntax;
        VrrpInstanceConfig c = m.Config;
        string why = c.State == InitialState.Master ? "state MASTER" : "priority 255";
        bool clearing = c.State == InitialState.Master || c.Priority == 255;
        if (clearing && s.Has("nopreempt") && !WrittenAfter(s, "preempt", "nopreempt"))
        {
            findings.Add(NopreemptCleared(m, all, hostCount, why));
        }

        if (clearing && s.Has("preempt_delay") && s.Raw("preempt_delay") is not ("0" or null))
        {
            findings.Add(new LintFinding(
                DiagnosticSeverity.Error,
                s.At("preempt_delay"),
                LintRules.PreemptDelayCleared,
                $"({c.Name}) preempt_delay with {why}: keepalived clears it (\"preempt delay will not work with initial state MASTER - clearing\")",
                "this host takes the VIP back immediately on return, without the intended delay"));
        }

        if (s.Raw("auth_pass") is { } pass && System.Text.Encoding.UTF8.GetByteCount(pass) > 8 && c.Version == VrrpVersion.V2)
        {
            findings.Add(new LintFinding(
                DiagnosticSeverity.Warning,
                s.At("auth_pass"),
                LintRules.AuthPassTooLong,
                $"({c.Name}) auth_pass is {pass.Length} characters; keepalived uses only the first 8 (\"{c.AuthPassword}\")",
                "peers must agree on the first 8 characters only; a peer configured with the full string by another VRRP implementation rejects every advert"));
        }
    }

    /// <summary>
    /// VL001 where preemption can really happen: a returning BACKUP takes the VIP only from a MASTER
    /// of lower priority (an advert of equal or higher priority is accepted), so the cleared
    /// nopreempt matters only when some peer's healthy priority is below this host's.
    /// </summary>
    private static LintFinding NopreemptCleared(Member m, List<Member> all, int hostCount, string why)
    {
        VrrpInstanceConfig c = m.Config;
        string message = $"({c.Name}) nopreempt with {why}: keepalived clears it (\"nopreempt will not work with initial state MASTER - clearing\")";
        List<Member> peers = [.. all.Where(p => p.Host != m.Host && p.Config.VirtualRouterId == c.VirtualRouterId && p.Config.Family == c.Family)];
        int mine = Healthy(m);
        List<Member> lower = [.. peers.Where(p => Healthy(p) < mine)];
        if (lower.Count > 0)
        {
            return new LintFinding(DiagnosticSeverity.Error, m.Syntax.At("nopreempt"), LintRules.NopreemptCleared, message,
                $"this host preempts after all: returning with priority {mine}, it takes the VIP back from {string.Join(" and ", lower.Select(p => $"{p.File} (priority {Healthy(p)})"))}, an extra interruption nopreempt was meant to avoid");
        }

        if (peers.Count > 0)
        {
            return new LintFinding(DiagnosticSeverity.Notice, m.Syntax.At("nopreempt"), LintRules.NopreemptCleared, message,
                $"no effect here: every peer has a priority of at least {mine} ({string.Join(", ", peers.Select(p => $"{p.File} {Healthy(p)}"))}), so this host never takes the VIP from a live master; it would once a peer's priority drops below {mine}");
        }

        return new LintFinding(hostCount > 1 ? DiagnosticSeverity.Notice : DiagnosticSeverity.Warning, m.Syntax.At("nopreempt"), LintRules.NopreemptCleared, message,
            $"this host takes the VIP back from any master of priority below {mine} whenever it returns (give every host's file to know whether one has)");
    }

    private static bool WrittenAfter(InstanceSyntax s, string later, string earlier)
    {
        if (!s.Has(later) || !s.Has(earlier))
        {
            return false;
        }

        SourceLocation a = s.At(later);
        SourceLocation b = s.At(earlier);
        return a.File == b.File && (a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column));
    }

    private static void PeerRules(List<Member> group, List<LintFinding> findings)
    {
        if (group.Select(m => m.Host).Distinct().Count() < 2)
        {
            return;
        }

        Member first = group[0];
        foreach (Member m in group.Skip(1).Where(m => m.Host != first.Host))
        {
            string pair = $"{m.Config.Name} (VRID {m.Config.VirtualRouterId})";
            if (m.Config.Version != first.Config.Version)
            {
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Error,
                    m.Syntax.At("version"),
                    LintRules.VersionMismatch,
                    $"{pair} uses VRRPv{(int)m.Config.Version} here but VRRPv{(int)first.Config.Version} in {first.File} ({first.Syntax.At("version")})",
                    "each host drops the other's adverts (\"wrong version\"): both become MASTER (split brain)"));
            }
            else if (m.Config.AdvertInterval != first.Config.AdvertInterval)
            {
                bool v2 = m.Config.Version == VrrpVersion.V2;
                findings.Add(new LintFinding(
                    v2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    m.Syntax.At("advert_int"),
                    LintRules.AdvertIntervalMismatch,
                    $"{pair} advert_int is {m.Config.AdvertInterval} here but {first.Config.AdvertInterval} in {first.File} ({first.Syntax.At("advert_int")})",
                    v2
                        ? "VRRPv2 adverts with another interval are dropped (\"advertisement interval mismatch\"): both hosts become MASTER (split brain)"
                        : "VRRPv3 backups adopt the master's interval, but takeover times differ by host"));
            }

            if (m.Config.Version == VrrpVersion.V2 && first.Config.Version == VrrpVersion.V2
                && (m.Config.AuthType != first.Config.AuthType || !string.Equals(m.Config.AuthPassword, first.Config.AuthPassword, StringComparison.Ordinal)))
            {
                string what = m.Config.AuthType != first.Config.AuthType
                    ? $"auth_type {AuthName(m.Config.AuthType)} here but {AuthName(first.Config.AuthType)}"
                    : "auth_pass differs from the one";
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Error,
                    m.Syntax.Has("auth_pass") ? m.Syntax.At("auth_pass") : m.Syntax.At("authentication"),
                    LintRules.AuthenticationMismatch,
                    $"{pair} {what} in {first.File} ({first.Syntax.At("authentication")})",
                    "each host drops the other's adverts (\"received an invalid passwd\" / auth type mismatch): both become MASTER (split brain)"));
            }

            if (!SameVips(m.Config, first.Config))
            {
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Error,
                    m.Syntax.At("virtual_ipaddress"),
                    LintRules.VipListMismatch,
                    $"{pair} virtual_ipaddress [{VipList(m.Config)}] differs from [{VipList(first.Config)}] in {first.File} ({first.Syntax.At("virtual_ipaddress")})",
                    "keepalived 2.2.7 drops adverts whose address list differs (\"ip address associated with VRID not present in MASTER advert\"): both become MASTER"));
            }

            UnicastRules(m, first, findings);
        }

        var byPriority = group.GroupBy(m => m.Config.Priority).Where(g => g.Select(x => x.Host).Distinct().Count() > 1);
        foreach (IGrouping<byte, Member> same in byPriority)
        {
            List<Member> list = [.. same];
            foreach (Member m in list.Skip(1))
            {
                bool owners = same.Key == 255;
                findings.Add(new LintFinding(
                    owners ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    m.Syntax.At("priority"),
                    owners ? LintRules.TwoAddressOwners : LintRules.EqualPriorities,
                    $"{m.Config.Name} (VRID {m.Config.VirtualRouterId}) has priority {same.Key} here and in {list[0].File} ({list[0].Syntax.At("priority")})",
                    owners
                        ? "both hosts are address owners and go MASTER at once on start (\"both configured as address owner\"): split brain until one backs off"
                        : "the election falls to the higher IP address; started together, both take over after the same skew"));
            }
        }

        foreach (Member m in group)
        {
            WeightRules(m, group, findings);
        }
    }

    private static void UnicastRules(Member m, Member first, List<LintFinding> findings)
    {
        bool mu = !m.Config.UnicastPeers.IsDefaultOrEmpty;
        bool fu = !first.Config.UnicastPeers.IsDefaultOrEmpty;
        if (mu != fu)
        {
            findings.Add(new LintFinding(
                DiagnosticSeverity.Error,
                mu ? m.Syntax.At("unicast_peer") : m.Syntax.Location,
                LintRules.UnicastMulticastMix,
                $"{m.Config.Name} (VRID {m.Config.VirtualRouterId}) uses {(mu ? "unicast" : "multicast")} here but {(fu ? "unicast" : "multicast")} in {first.File}",
                "the unicast host never sends to the multicast group and ignores it: both become MASTER"));
            return;
        }

        if (!mu)
        {
            return;
        }

        CheckLists(m, first, findings);
        CheckLists(first, m, findings);
    }

    private static void CheckLists(Member a, Member b, List<LintFinding> findings)
    {
        if (b.Config.UnicastSourceAddress is { } src && !a.Config.UnicastPeers.Contains(src))
        {
            findings.Add(new LintFinding(
                DiagnosticSeverity.Error,
                a.Syntax.At("unicast_peer"),
                LintRules.UnicastPeersMismatch,
                $"{a.Config.Name} unicast_peer does not list {src}, the unicast_src_ip of {b.File} ({b.Syntax.At("unicast_src_ip")})",
                "adverts between the two hosts do not arrive (or are not sent): both become MASTER"));
        }
    }

    private static void WeightRules(Member m, List<Member> group, List<LintFinding> findings)
    {
        List<Member> peers = group.Where(p => p.Host != m.Host).ToList();
        if (peers.Count == 0 || m.Config.IsAddressOwner)
        {
            return;
        }

        foreach (ScriptTrack t in m.Config.TrackScripts)
        {
            TrackedScript? script = m.Router.Scripts.FirstOrDefault(s => s.Name == t.Name);
            int weight = EffectivePriorityRule.Weight(t, script);
            if (weight == 0)
            {
                continue;
            }

            int healthy = Healthy(m);
            int failed = EffectivePriorityRule.Of(m.Config, m.Router.Scripts, TrackingSnapshot.Healthy.WithScriptFailed(t.Name));
            var preempting = peers.Where(p => !p.Config.EffectiveNopreempt).ToList();
            SourceLocation at = TrackLocation(m, t.Name);
            if (preempting.Count == 0)
            {
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Error,
                    at,
                    LintRules.WeightBlockedByNopreempt,
                    $"({m.Config.Name}) track_script {t.Name} has weight {weight}, but every peer of VRID {m.Config.VirtualRouterId} has nopreempt",
                    "a nopreempt backup accepts a lower-priority master: when the check fails the VIP never moves"));
            }
            else if (!preempting.Any(p => Healthy(p) > failed))
            {
                int best = preempting.Max(Healthy);
                findings.Add(new LintFinding(
                    DiagnosticSeverity.Warning,
                    at,
                    LintRules.WeightTooSmall,
                    $"({m.Config.Name}) track_script {t.Name} weight {weight} takes priority {healthy} only to {failed}, not below the best peer's {best}",
                    "when the check fails this host stays MASTER: the VIP does not move"));
            }
        }
    }

    private static SourceLocation TrackLocation(Member m, string name) => m.Syntax.At("track_script");

    /// <summary>The effective priority while every check succeeds and every tracked interface is up.</summary>
    private static int Healthy(Member m) => EffectivePriorityRule.Of(m.Config, m.Router.Scripts, TrackingSnapshot.Healthy);

    private static void VridMismatchRule(List<Member> members, List<LintFinding> findings)
    {
        for (int i = 0; i < members.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Member a = members[j];
                Member b = members[i];
                if (a.Host != b.Host && a.Config.VirtualRouterId != b.Config.VirtualRouterId && SharesVip(a.Config, b.Config))
                {
                    var shared = b.Config.VirtualAddresses.Where(x => a.Config.VirtualAddresses.Any(y => y.Address.Equals(x.Address))).Select(x => x.Address.ToString()).ToList();
                    string vips = shared.Count == 1 ? $"VIP {shared[0]}" : $"VIPs {string.Join(", ", shared)}";
                    findings.Add(new LintFinding(
                        DiagnosticSeverity.Error,
                        b.Syntax.At("virtual_router_id"),
                        LintRules.VridMismatch,
                        $"{b.Config.Name} puts {vips} under VRID {b.Config.VirtualRouterId} here but {a.Config.Name} puts {(shared.Count == 1 ? "it" : "them")} under VRID {a.Config.VirtualRouterId} in {a.File} ({a.Syntax.At("virtual_router_id")})",
                        $"the two hosts are different virtual routers and never hear each other: both become MASTER and both answer ARP for {vips} (split brain from the start)"));
                }
            }
        }
    }

    private static bool SharesVip(VrrpInstanceConfig a, VrrpInstanceConfig b) =>
        a.VirtualAddresses.Any(x => b.VirtualAddresses.Any(y => x.Address.Equals(y.Address)));

    private static bool SameVips(VrrpInstanceConfig a, VrrpInstanceConfig b)
    {
        IEnumerable<IPAddress> x = a.VirtualAddresses.Select(v => v.Address).OrderBy(v => v.ToString(), StringComparer.Ordinal);
        IEnumerable<IPAddress> y = b.VirtualAddresses.Select(v => v.Address).OrderBy(v => v.ToString(), StringComparer.Ordinal);
        return x.SequenceEqual(y);
    }

    private static string VipList(VrrpInstanceConfig c) => string.Join(", ", c.VirtualAddresses.Select(v => v.Address.ToString()));

    private static string AuthName(AuthType t) => t switch
    {
        AuthType.SimpleText => "PASS",
        AuthType.IpAh => "AH",
        _ => "none",
    };
}
