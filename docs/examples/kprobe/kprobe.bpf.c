// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe.bpf.c - the course's kprobe: at blk_mq_start_request(struct
 * request *rq), when the block layer hands a request to the driver, read
 * rq->start_time_ns (when the request was made) with BPF_CORE_READ.  The
 * course prints it with bpf_printk; we count requests and keep the times
 * in a map, which user space (kprobe.c) reads and a test can check.
 *
 * Its twin on the same function through a BPF trampoline, fentry, does
 * the same: user space loads one or the other.  The difference is only
 * how each gets rq: a kprobe gets the CPU registers (the first argument is
 * in di, x86-64 calling convention), fentry the arguments themselves.
 */
#include "bpf_defs.h"
#include "bpf_core.h"
#include "kprobe.h"

char LICENSE[] SEC("license") = "GPL";	/* bpf_probe_read_kernel is GPL-only */

/*
 * Only the field we read, at whatever offset: the loader moves it to
 * where the running kernel's BTF has it (CO-RE, docs/core-and-btf.md).
 */
struct request {
	__u64 start_time_ns;
} __attribute__((preserve_access_index));

/* The registers a kprobe sees, as x86-64's struct pt_regs lays them out. */
struct pt_regs {
	__u64 r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	__u64 ax, cx, dx, si, di;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, struct blk_stats);
} stats SEC(".maps");

static inline __attribute__((always_inline)) void count(__u32 slot, struct request *rq)
{
	struct blk_stats *s = bpf_map_lookup_elem(&stats, &slot);
	__u64 start = BPF_CORE_READ(rq, start_time_ns);
	__u64 now = bpf_ktime_get_ns();

	if (!s)
		return;
	/* Two CPUs may start requests at once. */
	__sync_fetch_and_add(&s->requests, 1);
	/* 0: the queue keeps no times (blk_mq_need_time_stamp()). */
	if (!start || start > now)
		return;
	__sync_fetch_and_add(&s->with_start, 1);
	s->last_start_ns = start;
	if (now - start > s->max_wait_ns)
		s->max_wait_ns = now - start;
}

SEC("kprobe/blk_mq_start_request")
int kprobe_start(struct pt_regs *ctx)
{
	count(SLOT_KPROBE, (struct request *)ctx->di);
	return 0;
}

/* fentry: ctx holds the function's arguments, each as a u64. */
SEC("fentry/blk_mq_start_request")
int fentry_start(__u64 *ctx)
{
	count(SLOT_FENTRY, (struct request *)ctx[0]);
	return 0;
}
