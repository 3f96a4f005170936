// SPDX-License-Identifier: GPL-2.0
/*
 * sock_filter.bpf.c - a socket filter (SO_ATTACH_BPF) on a UDP socket
 * (issue 16): datagrams whose payload starts with 'k' are kept, the others
 * dropped (a filter returns how many bytes to keep).  On a UDP socket the
 * filter sees the packet from its UDP header: the payload is at 8.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct __sk_buff___bb {
	__u32 len;
};

SEC("socket")
int keep_k(struct __sk_buff___bb *skb)
{
	char c = 0;

	if (bpf_skb_load_bytes(skb, 8, &c, 1))
		return 0;
	return c == 'k' ? skb->len : 0;
}
