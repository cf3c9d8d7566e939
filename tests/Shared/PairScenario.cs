namespace VrrpLab.Tests.Shared;

/// <summary>
/// The seed article's pair as scenario-file text, for tests that need a small real run: node1
/// (priority 100) and node2 (priority 50) share VRID 51 and VIP 10.0.0.100 on one segment,
/// advert_int 1, both start at 0; node1 stops at 10 s, so node2 takes over after its Master_Down_Interval.
/// </summary>
internal static class PairScenario
{
    /// <summary>node2 of the pair (priority 50) as an entry of <c>nodes:</c>, for files that pair it with another node1.</summary>
    public const string Node2 = """
          node2:
            address: 10.0.0.12/24
            keepalived: |
              vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 50
                  advert_int 1
                  virtual_ipaddress { 10.0.0.100 }
              }
        """;

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
          node1:
            address: 10.0.0.11/24
            keepalived: |
              vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 100
                  advert_int 1
                  virtual_ipaddress { 10.0.0.100 }
              }

        """
        + Node2
        + """

        timeline:
          - { at: 10s, stop: node1 }
        expect:

        """
        + string.Concat(expect.Select(e => "  - " + e + "\n"));
}
