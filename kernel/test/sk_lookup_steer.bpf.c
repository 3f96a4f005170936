// SPDX-License-Identifier: GPL-2.0
/*
 * sk_lookup_steer.bpf.c - an sk_lookup program (Linux 5.9+) on a network
 * namespace (issue 16): a TCP connection to port `port`, where nobody
 * listens, is handed to the listening socket the test put in `listener`
 * (tests/kernel/sk_lookup.c).  `steered` counts them.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define BPF_MAP_TYPE_SOCKMAP 15
#define IPPROTO_TCP 6
#define SK_DROP 0
#define SK_PASS 1

/* The uapi's struct bpf_sk_lookup up to local_port (offset 60). */
struct bpf_sk_lookup___bb {
	__u64 sk;
	__u32 family;
	__u32 protocol;
	__u32 remote_ip4;
	__u32 remote_ip6[4];
	__u16 remote_port;
	__u16 pad;
	__u32 local_ip4;
	__u32 local_ip6[4];
	__u32 local_port;	/* host byte order */
};

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} listener SEC(".maps");

__u32 port;
__u64 steered;

SEC("sk_lookup")
int steer(struct bpf_sk_lookup___bb *ctx)
{
	__u32 zero = 0;
	void *sk;
	long ret;

	if (ctx->protocol != IPPROTO_TCP || ctx->local_port != port)
		return SK_PASS;
	sk = bpf_map_lookup_elem(&listener, &zero);
	if (!sk)
		return SK_PASS;
	ret = bpf_sk_assign((void *)ctx, sk, 0);
	bpf_sk_release(sk);
	if (ret)
		return SK_DROP;
	__sync_fetch_and_add(&steered, 1);
	return SK_PASS;
}
