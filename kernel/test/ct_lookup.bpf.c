// SPDX-License-Identifier: GPL-2.0
/*
 * ct_lookup.bpf.c - a kfunc that a kernel module may define: conntrack's
 * bpf_xdp_ct_lookup() (net/netfilter/nf_conntrack_bpf.c, Linux 6.0+ with
 * this signature).  Built into vmlinux on some kernels (this 6.18 host),
 * in nf_conntrack.ko on others (the 6.1 VM: the loader then finds it in
 * the module's BTF and passes that BTF's fd in fd_array).
 * tests/kernel/ct_lookup.c runs it on a UDP packet it made: it looks the
 * packet's 4-tuple up in conntrack (a connection nobody made, so no
 * entry), releases the entry if there was one, and records the lookup's
 * error (opts.error) and whether it found an entry.  A test gets
 * -ENOENT only if the kernel's own lookup ran.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct xdp_md;
struct nf_conn;

/* Our own copy of the tuple (uapi struct bpf_sock_tuple, its ipv4 part). */
struct ct_tuple4 {
	__u32 saddr;		/* network byte order, as in the packet */
	__u32 daddr;
	__u16 sport;
	__u16 dport;
};

/*
 * struct bpf_ct_opts as Linux 6.0-6.9 have it: 12 bytes, the size the
 * kernel checks opts__sz against.  6.10+ has 16 (ct_zone_id,
 * ct_zone_dir) and still takes the 12-byte one.
 */
struct ct_opts {
	__s32 netns_id;
	__s32 error;
	__u8 l4proto;
	__u8 dir;
	__u8 reserved[2];
};

extern struct nf_conn *bpf_xdp_ct_lookup(struct xdp_md *ctx,
					 struct ct_tuple4 *tuple, __u32 tuple__sz,
					 struct ct_opts *opts, __u32 opts__sz) __ksym;
extern void bpf_ct_release(struct nf_conn *ct) __ksym;

struct xdp_md___ct {
	__u32 data;
	__u32 data_end;
};

#define ETH_HLEN	14
#define IP_HLEN		20	/* the test's packet has no IP options */
#define IPPROTO_UDP	17
#define CURRENT_NETNS	(-1)	/* BPF_F_CURRENT_NETNS */
#define XDP_DROP	1
#define XDP_PASS	2

__s32 ct_error = 1;	/* 1: the lookup did not run */
__u32 ct_found;

SEC("xdp")
int ct_lookup(struct xdp_md___ct *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	struct ct_opts opts = { .netns_id = CURRENT_NETNS, .l4proto = IPPROTO_UDP };
	struct ct_tuple4 t;
	struct nf_conn *ct;

	if (data + ETH_HLEN + IP_HLEN + 8 > end)
		return XDP_DROP;
	__builtin_memcpy(&t.saddr, data + ETH_HLEN + 12, 4);
	__builtin_memcpy(&t.daddr, data + ETH_HLEN + 16, 4);
	__builtin_memcpy(&t.sport, data + ETH_HLEN + IP_HLEN, 2);
	__builtin_memcpy(&t.dport, data + ETH_HLEN + IP_HLEN + 2, 2);
	ct = bpf_xdp_ct_lookup((struct xdp_md *)ctx, &t, sizeof(t), &opts,
			       sizeof(opts));
	ct_error = opts.error;
	/*
	 * One test of ct: the 6.1 verifier does not know that a pointer
	 * found non-NULL stays so, and a second test (as clang makes of
	 * "ct_found = ct != 0; if (ct) ...") leaves it a path that never
	 * releases the reference.
	 */
	if (ct) {
		ct_found = 1;
		bpf_ct_release(ct);
	}
	return XDP_PASS;
}
