// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_names.c - the names behind enum bpf_cmd, enum bpf_map_type, enum
 * bpf_prog_type and the helper ids, in the order of include/uapi/linux/bpf.h (the values are
 * stable uapi: new ones are only ever appended).
 */
#include <stddef.h>

#include "elf/bpf_names.h"

#define NAME_AT(table, i) \
	((i) < sizeof(table) / sizeof(table[0]) ? table[i] : NULL)

static const char *const cmds[] = {
	"BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM",
	"BPF_MAP_DELETE_ELEM", "BPF_MAP_GET_NEXT_KEY", "BPF_PROG_LOAD",
	"BPF_OBJ_PIN", "BPF_OBJ_GET", "BPF_PROG_ATTACH", "BPF_PROG_DETACH",
	"BPF_PROG_TEST_RUN", "BPF_PROG_GET_NEXT_ID", "BPF_MAP_GET_NEXT_ID",
	"BPF_PROG_GET_FD_BY_ID", "BPF_MAP_GET_FD_BY_ID",
	"BPF_OBJ_GET_INFO_BY_FD", "BPF_PROG_QUERY", "BPF_RAW_TRACEPOINT_OPEN",
	"BPF_BTF_LOAD", "BPF_BTF_GET_FD_BY_ID", "BPF_TASK_FD_QUERY",
	"BPF_MAP_LOOKUP_AND_DELETE_ELEM", "BPF_MAP_FREEZE",
	"BPF_BTF_GET_NEXT_ID", "BPF_MAP_LOOKUP_BATCH",
	"BPF_MAP_LOOKUP_AND_DELETE_BATCH", "BPF_MAP_UPDATE_BATCH",
	"BPF_MAP_DELETE_BATCH", "BPF_LINK_CREATE", "BPF_LINK_UPDATE",
	"BPF_LINK_GET_FD_BY_ID", "BPF_LINK_GET_NEXT_ID", "BPF_ENABLE_STATS",
	"BPF_ITER_CREATE", "BPF_LINK_DETACH", "BPF_PROG_BIND_MAP",
	"BPF_TOKEN_CREATE",
};

static const char *const map_types[] = {
	"unspec", "hash", "array", "prog_array", "perf_event_array",
	"percpu_hash", "percpu_array", "stack_trace", "cgroup_array",
	"lru_hash", "lru_percpu_hash", "lpm_trie", "array_of_maps",
	"hash_of_maps", "devmap", "sockmap", "cpumap", "xskmap", "sockhash",
	"cgroup_storage", "reuseport_sockarray", "percpu_cgroup_storage",
	"queue", "stack", "sk_storage", "devmap_hash", "struct_ops",
	"ringbuf", "inode_storage", "task_storage", "bloom_filter",
	"user_ringbuf", "cgrp_storage", "arena",
};

static const char *const prog_types[] = {
	"unspec", "socket_filter", "kprobe", "sched_cls", "sched_act",
	"tracepoint", "xdp", "perf_event", "cgroup_skb", "cgroup_sock",
	"lwt_in", "lwt_out", "lwt_xmit", "sock_ops", "sk_skb",
	"cgroup_device", "sk_msg", "raw_tracepoint", "cgroup_sock_addr",
	"lwt_seg6local", "lirc_mode2", "sk_reuseport", "flow_dissector",
	"cgroup_sysctl", "raw_tracepoint_writable", "cgroup_sockopt",
	"tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall",
	"netfilter",
};

/* Helpers 0..35 and the ones kernel/bpf_defs.h declares past that. */
static const char *const helpers[] = {
	"unspec", "map_lookup_elem", "map_update_elem", "map_delete_elem",
	"probe_read", "ktime_get_ns", "trace_printk", "get_prandom_u32",
	"get_smp_processor_id", "skb_store_bytes", "l3_csum_replace",
	"l4_csum_replace", "tail_call", "clone_redirect",
	"get_current_pid_tgid", "get_current_uid_gid", "get_current_comm",
	"get_cgroup_classid", "skb_vlan_push", "skb_vlan_pop",
	"skb_get_tunnel_key", "skb_set_tunnel_key", "perf_event_read",
	"redirect", "get_route_realm", "perf_event_output", "skb_load_bytes",
	"get_stackid", "csum_diff", "skb_get_tunnel_opt",
	"skb_set_tunnel_opt", "skb_change_proto", "skb_change_type",
	"skb_under_cgroup", "get_hash_recalc", "get_current_task",
};

const char *bpf_cmd_name(int cmd)
{
	return cmd < 0 ? NULL : NAME_AT(cmds, (uint32_t)cmd);
}

const char *bpf_map_type_name(uint32_t type)
{
	return NAME_AT(map_types, type);
}

const char *bpf_prog_type_name(uint32_t type)
{
	return NAME_AT(prog_types, type);
}

const char *bpf_helper_name(int32_t id)
{
	switch (id) {
	case 113:
		return "probe_read_kernel";
	case 115:
		return "probe_read_kernel_str";
	case 130:
		return "ringbuf_output";
	case 131:
		return "ringbuf_reserve";
	case 132:
		return "ringbuf_submit";
	case 133:
		return "ringbuf_discard";
	}
	return id < 0 ? NULL : NAME_AT(helpers, (uint32_t)id);
}
