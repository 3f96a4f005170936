// SPDX-License-Identifier: GPL-2.0
/*
 * execve_counter.bpf.c - the course's counter: every execve() on the
 * machine adds one to a counter kept in a one-slot array map, and the
 * program prints the new count into the kernel's trace buffer.
 *
 * Written as the tutorials write it: vmlinux.h (made from the running
 * kernel's BTF by `barebpf btf dump --format c`) and <bpf/bpf_helpers.h>
 * (barebpf's own, kernel/bpf/).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counter SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execve(struct trace_event_raw_sys_enter *ctx)
{
	__u32 key = 0;
	__u64 *count, now;

	count = bpf_map_lookup_elem(&counter, &key);
	if (!count)
		return 0;
	/* Two CPUs may exec at once: an atomic add gives each its number. */
	now = __sync_fetch_and_add(count, 1) + 1;
	bpf_printk("execve called %llu times", now);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
