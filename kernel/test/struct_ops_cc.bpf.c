// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops_cc.bpf.c - a TCP congestion control written in BPF, "bb_cc":
 * Reno's rules (slow start, then one segment per window; halve on loss),
 * registered through a STRUCT_OPS map.  The kernel calls these programs
 * for every socket that chose "bb_cc" (setsockopt(TCP_CONGESTION)); the
 * counters in .bss show that it did.
 *
 * Our struct tcp_congestion_ops names only the members we set, in an
 * order of our own: the loader finds each member of the kernel's struct
 * by name (Linux 6.1 has init, ssthresh, cong_avoid, undo_cwnd, flags and
 * name among others, at other offsets).
 */
#include "bpf_defs.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct sock;

/* The fields we use; CO-RE finds them in the kernel's struct tcp_sock. */
struct tcp_sock {
	__u32 snd_cwnd;
	__u32 snd_cwnd_cnt;
	__u32 snd_cwnd_clamp;
	__u32 snd_ssthresh;
	__u32 prior_cwnd;
} __attribute__((preserve_access_index));

struct tcp_congestion_ops {
	char name[16];
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	void (*init)(struct sock *sk);
	__u32 flags;
};

__u64 inits, ssthreshs, cong_avoids, undos;

SEC("struct_ops/bb_init")
void BPF_PROG(bb_init, struct sock *sk)
{
	__sync_fetch_and_add(&inits, 1);
}

SEC("struct_ops/bb_ssthresh")
__u32 BPF_PROG(bb_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = (void *)sk;
	__u32 half = tp->snd_cwnd >> 1;

	__sync_fetch_and_add(&ssthreshs, 1);
	return half > 2 ? half : 2;
}

SEC("struct_ops/bb_cong_avoid")
void BPF_PROG(bb_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = (void *)sk;

	__sync_fetch_and_add(&cong_avoids, 1);
	if (tp->snd_cwnd < tp->snd_ssthresh) {
		/* Slow start: one more segment per segment acked. */
		tp->snd_cwnd += acked;
	} else if (++tp->snd_cwnd_cnt >= tp->snd_cwnd) {
		/* Congestion avoidance: one more per window acked. */
		tp->snd_cwnd_cnt = 0;
		tp->snd_cwnd++;
	}
	if (tp->snd_cwnd > tp->snd_cwnd_clamp)
		tp->snd_cwnd = tp->snd_cwnd_clamp;
}

SEC("struct_ops/bb_undo_cwnd")
__u32 BPF_PROG(bb_undo_cwnd, struct sock *sk)
{
	const struct tcp_sock *tp = (void *)sk;

	__sync_fetch_and_add(&undos, 1);
	return tp->snd_cwnd > tp->prior_cwnd ? tp->snd_cwnd : tp->prior_cwnd;
}

/* struct_ops_link.bpf.c includes this file with the 6.4 section. */
#ifndef BB_CC_SEC
#define BB_CC_SEC ".struct_ops"
#define BB_CC_NAME "bb_cc"
#endif

SEC(BB_CC_SEC)
struct tcp_congestion_ops bb_cc = {
	.init = (void *)bb_init,
	.ssthresh = (void *)bb_ssthresh,
	.cong_avoid = (void *)bb_cong_avoid,
	.undo_cwnd = (void *)bb_undo_cwnd,
	.name = BB_CC_NAME,
};
