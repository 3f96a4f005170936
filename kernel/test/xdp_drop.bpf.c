// SPDX-License-Identifier: GPL-2.0
/*
 * xdp_drop.bpf.c - XDP on an interface (issue 16): counts the IPv4
 * packets that arrive (packets[0]) and drops them; everything else (ARP,
 * IPv6) passes.  The test pings across a veth pair it made.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct xdp_md___bb {
	__u32 data;
	__u32 data_end;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} packets SEC(".maps");

#define ETH_HLEN 14
#define XDP_DROP 1
#define XDP_PASS 2

SEC("xdp")
int drop_ipv4(struct xdp_md___bb *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	__u32 zero = 0;
	__u64 *n;

	if (data + ETH_HLEN > end)
		return XDP_PASS;
	if (data[12] != 0x08 || data[13] != 0x00)	/* ETH_P_IP */
		return XDP_PASS;
	n = bpf_map_lookup_elem(&packets, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	return XDP_DROP;
}
