// SPDX-License-Identifier: GPL-2.0
/*
 * flow_count.bpf.c - a flow dissector (issue 16) attached to a network
 * namespace: it counts the packets the kernel asks it to dissect
 * (dissected[0]) and declines them all (BPF_DROP: the dissection fails,
 * the packet itself goes on; the kernel's own hash is then 0).  The test
 * makes the kernel dissect: RPS on lo hashes every packet it receives
 * (tests/kernel/flow_dissector.sh).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define BPF_DROP 2

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dissected SEC(".maps");

SEC("flow_dissector")
int count_flows(void *skb)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&dissected, &zero);

	if (n)
		__sync_fetch_and_add(n, 1);
	return BPF_DROP;
}
