using System.Collections.Frozen;

namespace VrrpLab.Config.Reading;

/// <summary>
/// The keywords keepalived 2.2.7's VRRP process knows (Debian build: LVS, VRRP_AUTH, VRRP_VMAC,
/// BFD, nftables, track_process; no linkbeat), level by level, as its <c>init_global_keywords</c>,
/// <c>init_vrrp_keywords</c>, <c>init_check_keywords(false)</c>, <c>init_bfd_keywords</c> and
/// <c>add_track_file_keywords</c> install them. A test asks the real <c>keepalived -t</c> about every
/// keyword here (none is "Unknown keyword") so the table cannot drift from the binary.
/// </summary>
internal static class KeywordSchema
{
    /// <summary>The top-level keywords.</summary>
    public static readonly FrozenDictionary<string, KeywordNode> Root = Table(
    [
        .. Plain("net_namespace net_namespace_ipvs namespace_with_ipsets use_pid_dir instance child_wait_time"),
        .. Values("static_ipaddress static_routes static_rules interface_up_down_delays"),
        Block("global_defs",
            [
                .. Plain("""
                    process_names process_name vrrp_process_name checker_process_name lvs_process_name
                    bfd_process_name router_id notification_email_from smtp_server smtp_helo_name
                    smtp_connect_timeout smtp_alert startup_script startup_script_timeout shutdown_script
                    shutdown_script_timeout max_auto_priority min_auto_priority_delay smtp_alert_vrrp
                    smtp_alert_checker checker_log_all_failures dynamic_interfaces no_email_faults
                    default_interface disable_local_igmp lvs_timeouts lvs_flush lvs_flush_on_stop lvs_flush_onstop
                    lvs_sync_daemon vrrp_mcast_group4 vrrp_mcast_group6 vrrp_garp_master_delay
                    vrrp_garp_master_repeat vrrp_garp_master_refresh vrrp_garp_master_refresh_repeat
                    vrrp_garp_lower_prio_delay vrrp_garp_lower_prio_repeat vrrp_down_timer_adverts
                    vrrp_garp_interval vrrp_gna_interval vrrp_min_garp vrrp_garp_extra_if vrrp_vmac_garp_intvl
                    vrrp_lower_prio_no_advert vrrp_higher_prio_send_advert vrrp_version vrrp_iptables nftables
                    nftables_priority nftables_ifindex nftables_ipvs nftables_ipvs_priority
                    nftables_ipvs_start_fwmark nftables_counters vrrp_check_unicast_src vrrp_skip_check_adv_addr
                    vrrp_strict vrrp_priority vrrp_no_swap vrrp_rt_priority vrrp_cpu_affinity vrrp_rlimit_rttime
                    vrrp_rlimit_rtime notify_fifo notify_fifo_script vrrp_notify_fifo vrrp_notify_fifo_script
                    vrrp_notify_priority_changes fifo_write_vrrp_states_on_reload lvs_notify_fifo
                    lvs_notify_fifo_script checker_priority checker_no_swap checker_rt_priority
                    checker_cpu_affinity checker_rlimit_rttime checker_rlimit_rtime bfd_priority bfd_no_swap
                    bfd_rt_priority bfd_cpu_affinity bfd_rlimit_rttime bfd_rlimit_rtime snmp_socket enable_traps
                    enable_snmp_vrrp enable_snmp_keepalived enable_snmp_rfc enable_snmp_rfcv2 enable_snmp_rfcv3
                    enable_snmp_checker enable_dbus dbus_service_name script_user enable_script_security
                    vrrp_netlink_cmd_rcv_bufs vrrp_netlink_cmd_rcv_bufs_force vrrp_netlink_monitor_rcv_bufs
                    vrrp_netlink_monitor_rcv_bufs_force process_monitor_rcv_bufs process_monitor_rcv_bufs_force
                    lvs_netlink_cmd_rcv_bufs lvs_netlink_cmd_rcv_bufs_force lvs_netlink_monitor_rcv_bufs
                    lvs_netlink_monitor_rcv_bufs_force rs_init_notifies no_checker_emails vrrp_rx_bufs_policy
                    vrrp_rx_bufs_multiplier vrrp_startup_delay log_unknown_vrids vmac_prefix vmac_addr_prefix
                    umask random_seed reload_check_config reload_time_file reload_repeat reload_file include_check
                    config_save_dir tmp_config_directory data_use_instance
                    """),
                .. Values("notification_email"),
            ]),
        Block("track_group",
            [
                .. Values("group"),
            ]),
        Block("vrrp_sync_group",
            [
                .. Plain("""
                    notify_backup notify_master notify_fault notify_stop notify smtp_alert global_tracking
                    sync_group_tracking_weight notify_priority_changes
                    """),
                .. Values("group track_interface track_script track_file track_process track_bfd"),
            ]),
        Block("garp_group",
            [
                .. Plain("garp_interval gna_interval interface"),
                .. Values("interfaces"),
            ]),
        Block("vrrp_instance",
            [
                .. Plain("""
                    use_vmac use_vmac_addr vmac_xmit_base use_ipvlan unicast_fault_no_peer check_unicast_src
                    old_unicast_checksum native_ipv6 state interface vrf dont_track_primary mcast_src_ip
                    unicast_src_ip mcast_dst_ip track_src_ip virtual_router_id unicast_ttl version priority
                    advert_int promote_secondaries accept no_accept skip_check_adv_addr strict_mode preempt
                    nopreempt preempt_delay debug notify_backup notify_master notify_fault notify_stop
                    notify_deleted notify notify_master_rx_lower_pri smtp_alert notify_priority_changes
                    lvs_sync_daemon_interface garp_master_delay garp_master_refresh garp_master_repeat
                    garp_master_refresh_repeat garp_lower_prio_delay garp_lower_prio_repeat down_timer_adverts
                    garp_extra_if vmac_garp_intvl lower_prio_no_advert higher_prio_send_advert kernel_rx_buf_size
                    """),
                .. Values("""
                    unicast_peer track_interface track_script track_file track_process track_bfd virtual_ipaddress
                    virtual_ipaddress_excluded virtual_routes virtual_rules
                    """),
                Block("authentication",
                    [
                        .. Plain("auth_type auth_pass"),
                    ]),
            ]),
        Block("vrrp_script",
            [
                .. Plain("script interval timeout weight rise fall user init_fail"),
            ]),
        Block("vrrp_track_process",
            [
                .. Plain("""
                    process param_match weight quorum quorum_max delay terminate_delay fork_delay full_command
                    """),
            ]),
        Skipped("SSL"),
        Skipped("virtual_server_group"),
        Skipped("virtual_server"),
        Block("bfd_instance",
            [
                .. Plain("""
                    source_ip neighbor_ip neighbour_ip min_rx min_tx idle_tx multiplier passive ttl hoplimit
                    max_hops weight vrrp checker
                    """),
            ]),
        Block("track_file",
            [
                .. Plain("file weight init_file"),
            ]),
        Block("vrrp_track_file",
            [
                .. Plain("file weight init_file"),
            ]),
    ]);

    /// <summary>Keywords that take their value on the same line, e.g. <c>priority 100</c>: whitespace-separated names.</summary>
    private static KeywordNode[] Plain(string names) => Named(names, KeywordShape.Plain);

    /// <summary>Keywords whose values are a <c>{ ... }</c> block of lines, e.g. <c>virtual_ipaddress</c>.</summary>
    private static KeywordNode[] Values(string names) => Named(names, KeywordShape.ValueBlock);

    /// <summary>A block of keywords, e.g. <c>vrrp_instance NAME { ... }</c>.</summary>
    private static KeywordNode Block(string name, KeywordNode[] children) => new(name, KeywordShape.Block, true, Table(children));

    /// <summary>A block the VRRP process skips whole (the checker process's, e.g. <c>virtual_server</c>).</summary>
    private static KeywordNode Skipped(string name) => new(name, KeywordShape.Block, false, Table([]));

    private static KeywordNode[] Named(string names, KeywordShape shape) =>
        [.. names.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(n => new KeywordNode(n, shape, true, Table([])))];

    private static FrozenDictionary<string, KeywordNode> Table(KeywordNode[] nodes)
    {
        var d = new Dictionary<string, KeywordNode>(StringComparer.Ordinal);
        foreach (KeywordNode n in nodes)
        {
            d.TryAdd(n.Name, n);
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
