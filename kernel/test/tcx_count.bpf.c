// SPDX-License-Identifier: GPL-2.0
/*
 * tcx_count.bpf.c - a tc program on an interface's ingress, through a
 * tcx link (issue 16): counts the IPv4 packets that arrive (packets[0])
 * and drops them (TCX_DROP); ARP and the rest pass (TCX_NEXT).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct __sk_buff___bb {
	__u32 len;
	__u32 pkt_type;
	__u32 mark;
	__u32 queue_mapping;
	__u32 protocol;		/* network byte order */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} packets SEC(".maps");

#define TCX_NEXT -1
#define TCX_DROP 2

SEC("tcx/ingress")
int count_ipv4(struct __sk_buff___bb *skb)
{
	__u32 zero = 0;
	__u64 *n;

	if (skb->protocol != __builtin_bswap16(0x0800))	/* ETH_P_IP */
		return TCX_NEXT;
	n = bpf_map_lookup_elem(&packets, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	return TCX_DROP;
}
