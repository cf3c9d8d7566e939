using System.Collections.Frozen;

namespace VrrpLab.Config.Reading;

/// <summary>
/// keepalived 2.2.7 keywords that VrrpLab does not model. They are valid for keepalived, so they
/// are skipped with a notice (not the "Unknown keyword" warning keepalived gives for real typos).
/// </summary>
internal static class KeepalivedKeywords
{
    /// <summary>Top-level blocks outside the VRRP subset (LVS, static addresses, BFD, tracking files...).</summary>
    public static readonly FrozenSet<string> OtherTopLevel = FrozenSet.ToFrozenSet(
    [
        "virtual_server", "virtual_server_group", "static_ipaddress", "static_routes", "static_rules",
        "vrrp_track_file", "track_file", "vrrp_track_process", "linkbeat_interfaces", "bfd_instance",
        "garp_group", "net_namespace", "net_namespace_ipvs", "instance", "use_pid_dir", "namespace_with_ipsets",
        "real_server", "SSL",
    ], StringComparer.Ordinal);

    /// <summary><c>global_defs</c> keywords that do not change VRRP behaviour in VrrpLab.</summary>
    public static readonly FrozenSet<string> OtherGlobal = FrozenSet.ToFrozenSet(
    [
        "notification_email", "notification_email_from", "smtp_server", "smtp_helo_name", "smtp_connect_timeout",
        "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "checker_log_all_failures", "no_email_faults",
        "lvs_timeouts", "lvs_flush", "lvs_flush_onstop", "lvs_sync_daemon", "vrrp_mcast_group4", "vrrp_mcast_group6",
        "vrrp_skip_check_adv_addr", "vrrp_strict", "vrrp_iptables", "vrrp_ipsets", "vrrp_check_unicast_src",
        "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
        "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority", "vrrp_rlimit_rtime", "checker_rlimit_rtime",
        "snmp_socket", "enable_snmp_vrrp", "enable_snmp_keepalived", "enable_snmp_checker", "enable_snmp_rfc",
        "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_traps", "enable_dbus", "dynamic_interfaces",
        "max_auto_priority", "min_auto_priority_delay", "notify_fifo", "notify_fifo_script", "vrrp_notify_fifo",
        "vrrp_notify_fifo_script", "lvs_notify_fifo", "lvs_notify_fifo_script", "script_security",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs", "default_interface", "vrrp_garp_interval",
        "vrrp_gna_interval", "vrrp_min_garp", "vrrp_notify_priority_changes", "vrrp_higher_prio_send_advert",
        "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "umask", "process_names", "process_name",
        "vrrp_process_name", "checker_process_name", "bfd_process_name", "nftables", "nftables_priority",
        "nftables_ifindex", "nftables_counters", "vrrp_down_timer_adverts", "random_seed", "data_use_instance",
        "reload_time_file", "reload_check_config", "vrrp_startup_delay_log", "vrrp_log_unknown_vrids",
        "disable_local_igmp", "vrrp_owner_ignore_adverts", "fifo_write_vrrp_states_on_reload", "config_save_dir",
        "tmp_config_directory", "linkbeat_use_polling", "local_name", "instance",
    ], StringComparer.Ordinal);

    /// <summary><c>vrrp_instance</c> keywords that VrrpLab does not model.</summary>
    public static readonly FrozenSet<string> OtherInstance = FrozenSet.ToFrozenSet(
    [
        "use_vmac", "vmac_xmit_base", "use_ipvlan", "dont_track_primary", "track_file", "track_process", "track_bfd",
        "smtp_alert", "virtual_routes", "virtual_rules", "accept", "no_accept", "strict_mode", "promote_secondaries",
        "debug", "native_ipv6", "check_unicast_src", "unicast_ttl", "mcast_dst_ip", "skip_check_adv_addr",
        "higher_prio_send_advert", "notify_priority_changes", "kernel_rx_buf_size", "linkbeat_use_polling",
        "track_src_ip", "notify_deleted", "notify_master_rx_lower_pri", "old_unicast_checksum", "unicast_fault_no_peer",
        "garp_extra_if", "vmac_garp_intvl", "lvs_sync_daemon_interface", "vrrp_track_file", "ttl", "version_compat",
    ], StringComparer.Ordinal);

    /// <summary><c>virtual_ipaddress</c> options that take a value.</summary>
    public static readonly FrozenSet<string> VipOptionsWithValue = FrozenSet.ToFrozenSet(
        ["scope", "brd", "broadcast", "peer", "preferred_lft", "track_group", "metric"], StringComparer.Ordinal);

    /// <summary><c>virtual_ipaddress</c> options that are flags.</summary>
    public static readonly FrozenSet<string> VipFlags = FrozenSet.ToFrozenSet(
        ["home", "-nodad", "nodad", "noprefixroute", "autojoin", "no_track"], StringComparer.Ordinal);

    /// <summary><c>vrrp_sync_group</c> keywords that VrrpLab does not model.</summary>
    public static readonly FrozenSet<string> OtherSyncGroup = FrozenSet.ToFrozenSet(
    [
        "track_script", "track_interface", "track_file", "track_process", "track_bfd", "smtp_alert",
        "global_tracking", "notify_priority_changes",
    ], StringComparer.Ordinal);
}
