namespace VrrpLab.Tests.Shared;

/// <summary>
/// The seed article's pair as scenario-file text, for tests that need a small real run: node1
/// (priority 100) and node2 (priority 50) share VRID 51 and VIP 10.0.0.100 on one segment,
/// advert_int 1, both start at 0; node1 stops at 10 s, so node2 takes over after its Master_Down_Interval.
/// </summary>
internal static class PairScenario
{
    /// <summary>node2 of the pair (priority 50) as an entry of <c>nodes:</c>, for files that pair it with another node1.</summary>
    public static readonly string Node2 = Node("node2", "10.0.0.12/24", 50);

    /// <summary>
    /// A node of the pair as an entry of <c>nodes:</c> (no newline at its end): its address and a
    /// <c>VI_1</c> of VRID 51 at <paramref name="priority"/>, advert_int 1, VIP 10.0.0.100, with the
    /// keepalived lines <paramref name="before"/> above the instance and <paramref name="inside"/> at the
    /// end of its body.
    /// </summary>
    public static string Node(string name, string address, int priority, string[]? before = null, string[]? inside = null)
    {
        string[] keepalived =
        [
            .. before ?? [],
            "vrrp_instance VI_1 {",
            "    interface eth0",
            "    virtual_router_id 51",
            $"    priority {priority}",
            "    advert_int 1",
            "    virtual_ipaddress { 10.0.0.100 }",
            .. (inside ?? []).Select(line => "    " + line),
            "}",
        ];
        return $"  {name}:\n    address: {address}\n    keepalived: |\n" + string.Join("\n", keepalived.Select(line => "      " + line));
    }

    /// <summary>The file's text with <paramref name="expect"/> as its expectations (one YAML list item each, without the dash).</summary>
    public static string Yaml(string name, params string[] expect) => Described(name, null, expect);

    /// <summary>The same with a <c>description:</c> line (a separate name: a second string argument to
    /// <see cref="Yaml"/> is an expectation, never a description).</summary>
    public static string Described(string name, string? description, params string[] expect) =>
        $"name: {name}\n"
        + (description is null ? "" : $"description: {description}\n")
        + """
        duration: 30s
        autostart: true
        nodes:

        """
        + Node("node1", "10.0.0.11/24", 100) + "\n"
        + Node2
        + """

        timeline:
          - { at: 10s, stop: node1 }
        expect:

        """
        + string.Concat(expect.Select(e => "  - " + e + "\n"));
}
