// SPDX-License-Identifier: GPL-2.0
/*
 * connect_refuse.bpf.c - cgroup/connect4 (issue 16): a connect() to port
 * 7 (echo) from a process of the cgroup is refused (returning 0 makes
 * connect() fail with EPERM); others go on.  refused[0] counts them.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_sock_addr___bb {
	__u32 user_family;
	__u32 user_ip4;
	__u32 user_ip6[4];
	__u32 user_port;	/* network byte order */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} refused SEC(".maps");

SEC("cgroup/connect4")
int refuse_port7(struct bpf_sock_addr___bb *ctx)
{
	__u32 zero = 0;
	__u64 *n;

	if (ctx->user_port != __builtin_bswap16(7))
		return 1;
	n = bpf_map_lookup_elem(&refused, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}
