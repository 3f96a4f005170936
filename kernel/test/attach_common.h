/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attach_common.h - what the attach-test programs share: a filter on the
 * test's own process (other programs run on this machine too) and a
 * small array of counters the test reads back.
 *
 *	self[0]       the tgid of the test, written by user space
 *	hits[SLOT]    how many times program SLOT ran for that process
 *	seen[SLOT]    the last value program SLOT saw (an argument, a
 *	              return value, a syscall number)
 */
#ifndef BAREBPF_ATTACH_COMMON_H
#define BAREBPF_ATTACH_COMMON_H

#include "bpf_defs.h"
#include "attach_slots.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} self SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, ATTACH_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, ATTACH_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

static inline __attribute__((always_inline)) int is_self(void)
{
	__u32 zero = 0, *tgid = bpf_map_lookup_elem(&self, &zero);

	return tgid && *tgid && *tgid == bpf_get_current_pid_tgid() >> 32;
}

static inline __attribute__((always_inline)) void record(__u32 slot, __u64 value)
{
	__u64 *n = bpf_map_lookup_elem(&hits, &slot);
	__u64 *v = bpf_map_lookup_elem(&seen, &slot);

	if (n)
		__sync_fetch_and_add(n, 1);
	if (v)
		*v = value;
}

/* struct pt_regs on x86-64: the offsets of the registers we read. */
#define PT_REGS_DI 112		/* first argument */
#define PT_REGS_AX 80		/* return value */

static inline __attribute__((always_inline)) __u64 reg(void *ctx, int off)
{
	return *(__u64 *)((char *)ctx + off);
}

#endif
