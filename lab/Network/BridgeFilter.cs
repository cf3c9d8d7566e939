using System.Globalization;
using System.Text;

namespace VrrpLab.Lab.Network;

/// <summary>
/// The nftables ruleset of one segment's bridge (bridge family, forward hook: called once per frame and
/// output port, flooded multicast included, so each receiver's copy is judged on its own, as in the
/// simulator). It replaces the whole table in one transaction (<c>nft -f</c>), so a partition, a heal or
/// a loss change takes effect at once on every port pair.
/// <list type="bullet">
/// <item>Partition: a frame from a node's port to a port of a node in another group is dropped. Nodes
/// no group names form one group of their own. The client's port is on no side: it reaches every node
/// (as the simulator's client does).</item>
/// <item>Loss: each copy of a packet the simulator models (VRRP, IP protocol 112, whoever sends it;
/// ARP; IPv6 neighbour solicitations and advertisements) is dropped with the segment's probability,
/// drawn by the kernel (<c>numgen random</c>): not the simulator's seeded sequence. The client's
/// echoes are not lost, as in the simulator, whose client reaches the VIP while its neighbour entry is
/// valid: loss reaches the client through ARP (gratuitous ARPs, probes, replies).</item>
/// <item>Delay (latency, jitter): each copy of the same packets is handed to the segment's
/// <see cref="DelayRelay"/> (nfnetlink_log group <see cref="DelayRelay.Group"/>) and dropped here; the
/// relay sends it out of its port after the delay. After partition and loss, as in the simulator, which
/// decides a packet's fate when it is sent.</item>
/// </list>
/// </summary>
public static class BridgeFilter
{
    /// <summary>The table every segment namespace holds (bridge family).</summary>
    public const string Table = "vrrplab";

    /// <summary>One part per million: the unit of <see cref="Ruleset"/>'s loss.</summary>
    public const long Million = 1_000_000;

    /// <summary>
    /// The ruleset of a segment: <paramref name="groups"/> maps each node port of the segment to its
    /// partition group (null: no partition), <paramref name="lossPpm"/> is the loss in parts per million.
    /// </summary>
    /// <param name="groups">Each node port's partition group (null: no partition).</param>
    /// <param name="lossPpm">The loss in parts per million.</param>
    /// <param name="delayed">The packets the simulator delays go to the segment's <see cref="DelayRelay"/> instead of the output port.</param>
    public static string Ruleset(IReadOnlyDictionary<string, int>? groups, long lossPpm, bool delayed = false)
    {
        if (lossPpm is < 0 or > Million)
        {
            throw new ArgumentOutOfRangeException(nameof(lossPpm), lossPpm, "loss is 0 to 1,000,000 ppm");
        }

        var sb = new StringBuilder();
        // Creating the table first makes the delete valid on the first run; all of it is one transaction.
        sb.Append(CultureInfo.InvariantCulture, $"table bridge {Table}\n");
        sb.Append(CultureInfo.InvariantCulture, $"delete table bridge {Table}\n");
        sb.Append(CultureInfo.InvariantCulture, $"table bridge {Table} {{\n");
        sb.Append("  chain filter {\n");
        sb.Append("    type filter hook forward priority 0; policy accept;\n");
        if (groups is not null)
        {
            foreach (IGrouping<int, string> g in groups.GroupBy(kv => kv.Value, kv => kv.Key).OrderBy(g => g.Key))
            {
                string[] others = [.. groups.Where(kv => kv.Value != g.Key).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
                if (others.Length > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"    iifname {Set(g.Order(StringComparer.Ordinal))} oifname {Set(others)} drop\n");
                }
            }
        }

        if (lossPpm > 0)
        {
            string chance = lossPpm >= Million ? "" : $"numgen random mod {Million} < {lossPpm} ";
            sb.Append(CultureInfo.InvariantCulture, $"    ether type arp {chance}drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"    meta l4proto 112 {chance}drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"    icmpv6 type {{ nd-neighbor-solicit, nd-neighbor-advert }} {chance}drop\n");
        }

        if (delayed)
        {
            string relay = $"log group {DelayRelay.Group} queue-threshold 1 drop";
            sb.Append(CultureInfo.InvariantCulture, $"    ether type arp {relay}\n");
            sb.Append(CultureInfo.InvariantCulture, $"    meta l4proto 112 {relay}\n");
            sb.Append(CultureInfo.InvariantCulture, $"    icmpv6 type {{ nd-neighbor-solicit, nd-neighbor-advert }} {relay}\n");
        }

        sb.Append("  }\n}\n");
        return sb.ToString();
    }

    private static string Set(IEnumerable<string> names) => "{ " + string.Join(", ", names.Select(n => "\"" + n + "\"")) + " }";
}
