// SPDX-License-Identifier: GPL-2.0
/*
 * nf_drop.bpf.c - a netfilter program (Linux 6.4+, issue 16): it drops
 * the IPv4 UDP datagrams sent to port 4242 (NF_DROP: at LOCAL_OUT the
 * sender's sendto() fails with EPERM) and lets every other packet go on
 * (NF_ACCEPT).  counts[0] counts the dropped datagrams, counts[1] the
 * other UDP ones.  The hook is the user's: the section names none
 * (tests/kernel/netfilter.c, tests/kernel/run_netfilter.sh).
 *
 * Its context is struct bpf_nf_ctx (include/net/netfilter/nf_bpf_link.h):
 * the hook state and the packet, as pointers the verifier types from
 * the kernel's BTF.  The packet's bytes are read with
 * bpf_probe_read_kernel() from skb->head + skb->network_header (CO-RE
 * finds those fields): the IP header starts there at every hook.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define NF_DROP 0
#define NF_ACCEPT 1
#define PORT 4242

struct nf_hook_state;

struct sk_buff {
	unsigned char *head;
	__u16 network_header;
} __attribute__((preserve_access_index));

/* The uapi-fixed layout: two pointers. */
struct bpf_nf_ctx {
	const struct nf_hook_state *state;
	struct sk_buff *skb;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&counts, &slot);

	if (n)
		__sync_fetch_and_add(n, 1);
}

SEC("netfilter")
int nf_drop(struct bpf_nf_ctx *ctx)
{
	struct sk_buff *skb = ctx->skb;
	unsigned char *ip = skb->head + skb->network_header;
	__u8 hdr[10];
	__u16 dport;

	/* Version and header length, ..., protocol (byte 9). */
	if (bpf_probe_read_kernel(hdr, sizeof(hdr), ip) ||
	    (hdr[0] >> 4) != 4 || hdr[9] != 17)	/* IPPROTO_UDP */
		return NF_ACCEPT;
	if (bpf_probe_read_kernel(&dport, sizeof(dport),
				  ip + (hdr[0] & 0xf) * 4 + 2))
		return NF_ACCEPT;
	if (__builtin_bswap16(dport) != PORT) {
		count(1);
		return NF_ACCEPT;
	}
	count(0);
	return NF_DROP;
}
