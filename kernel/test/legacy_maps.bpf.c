// SPDX-License-Identifier: GPL-2.0
/*
 * legacy_maps.bpf.c - a map declared the old way (issue 16): a struct
 * bpf_map_def in a section named "maps", as samples/bpf and
 * iproute2-style objects still do (libbpf 1.x refuses them).  The
 * program counts the test's getpid() calls in it.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") calls = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

struct bpf_map_def SEC("maps") unused_hash = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = 16,
	.max_entries = 8,
};

__u32 filter_tgid;

SEC("tp/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	__u32 zero = 0;
	__u64 *n;

	(void)ctx;
	if (bpf_get_current_pid_tgid() >> 32 != filter_tgid)
		return 0;
	n = bpf_map_lookup_elem(&calls, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}
