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
 * how each gets rq: a kprobe gets the CPU registers (BPF_KPROBE takes the
 * first argument from di, x86-64's calling convention), fentry the
 * arguments themselves (BPF_PROG names them).
 *
 * Written as the tutorials write it: vmlinux.h (made from the running
 * kernel's BTF by `barebpf btf dump --format c`) and <bpf/...> (barebpf's
 * own, kernel/bpf/).  struct request's layout comes from the build
 * machine's kernel; the loader moves the read to where the running
 * kernel has the field (CO-RE, docs/core-and-btf.md).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

#include "kprobe.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, __u32);
	__type(value, struct blk_stats);
} stats SEC(".maps");

static __always_inline void count(__u32 slot, struct request *rq)
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
int BPF_KPROBE(kprobe_start, struct request *rq)
{
	count(SLOT_KPROBE, rq);
	return 0;
}

SEC("fentry/blk_mq_start_request")
int BPF_PROG(fentry_start, struct request *rq)
{
	count(SLOT_FENTRY, rq);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";	/* bpf_probe_read_kernel is GPL-only */
