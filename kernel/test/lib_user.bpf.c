// SPDX-License-Identifier: GPL-2.0
/*
 * lib_user.bpf.c - the object programs built against the installed
 * library load (tests/install/, run by tests/kernel/install.sh): a hash
 * map user space writes and reads, and a program that uses it.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}
