// SPDX-License-Identifier: GPL-2.0
/*
 * tc_drop.bpf.c - tc programs that drop the UDP datagrams sent to one
 * port each (issue 16), counting them in dropped[0..2]; everything else
 * goes on to the next filter (TC_ACT_UNSPEC: another program's filter on
 * the same hook still runs).  A "tc" and a "classifier" program attach
 * as bpf filters on the clsact qdisc through rtnetlink
 * (loader/attach/tc_netlink.c); the "tcx/ingress" one with a tcx link,
 * or, on a kernel before 6.6, as such a filter too.  At a tc hook the
 * packet starts at its Ethernet header (a loopback's too).
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
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

#define TC_ACT_UNSPEC -1
#define TC_ACT_SHOT 2
#define ETH_HLEN 14

/* The UDP destination port of an IPv4 packet, or 0. */
static __always_inline __u16 udp_dport(struct __sk_buff___bb *skb)
{
	__u8 ip[10];
	__u16 port;

	if (skb->protocol != __builtin_bswap16(0x0800))	/* ETH_P_IP */
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, ip, sizeof(ip)) || ip[9] != 17)
		return 0;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + (ip[0] & 0xf) * 4 + 2, &port,
			       sizeof(port)))
		return 0;
	return __builtin_bswap16(port);
}

static __always_inline int drop_port(struct __sk_buff___bb *skb, __u16 port,
				     __u32 slot)
{
	__u64 *n;

	if (udp_dport(skb) != port)
		return TC_ACT_UNSPEC;
	n = bpf_map_lookup_elem(&dropped, &slot);
	if (n)
		__sync_fetch_and_add(n, 1);
	return TC_ACT_SHOT;
}

SEC("tc")
int tc_drop_4001(struct __sk_buff___bb *skb)
{
	return drop_port(skb, 4001, 0);
}

SEC("classifier")
int cls_drop_4002(struct __sk_buff___bb *skb)
{
	return drop_port(skb, 4002, 1);
}

SEC("tcx/ingress")
int tcx_drop_4003(struct __sk_buff___bb *skb)
{
	return drop_port(skb, 4003, 2);	/* TCX_DROP is TC_ACT_SHOT */
}
