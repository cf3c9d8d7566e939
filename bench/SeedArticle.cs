namespace VrrpLab.Bench;

/// <summary>
/// The seed article's keepalived.conf (shared/seed/real-server1.keepalived.conf, without its comments
/// and global_defs): the chk_nginx script every 2 s and VI_1 (v2, VRID 151, PASS 1111, VIP
/// 192.168.179.199, tracking chk_nginx), state BACKUP. The bench's explore pair and the simulator's
/// steady-state allocation test are built from it (the test compiles this file in).
/// </summary>
internal static class SeedArticle
{
    /// <summary>The configuration on <paramref name="device"/> with VI_1 at <paramref name="priority"/>, <c>nopreempt</c> when
    /// <paramref name="nopreempt"/>, advertising every <paramref name="advertInt"/> seconds; lines end in LF, no final newline.</summary>
    public static string Conf(string device, int priority, bool nopreempt, int advertInt) => $$"""
        vrrp_script chk_nginx {
            script "/data/shell/check_nginx_status.sh"
            interval 2
        }
        vrrp_instance VI_1 {
            state BACKUP
            interface {{device}}
            virtual_router_id 151
            priority {{priority}}{{(nopreempt ? "\n    nopreempt" : "")}}
            advert_int {{advertInt}}
            authentication {
                auth_type PASS
                auth_pass 1111
            }
            virtual_ipaddress {
                192.168.179.199
            }
            track_script {
                chk_nginx
            }
        }
        """;

    /// <summary><paramref name="conf"/> as the lines of a YAML block scalar under a node's <c>keepalived: |</c> (six spaces in, each line ended).</summary>
    public static string YamlBlock(string conf) => string.Concat(conf.Split('\n').Select(l => "      " + l + "\n"));
}
