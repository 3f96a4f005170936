// SPDX-License-Identifier: GPL-2.0
/*
 * execcount.bpf.c - count execve calls, system-wide.
 *
 * The count lives in the one entry of the array map "counter", which user
 * space may preset before attaching (execcount --start N).  Each call
 * also says "execve called N times" in tracefs's trace_pipe, and leaves
 * its caller's pid in the global variable last_pid (.bss).
 *
 * bump() is kept a separate BPF function (noinline), so the loader has a
 * bpf-to-bpf call to resolve; bpf_printk's format is in .rodata and
 * last_pid in .bss, so it has global data to relocate too.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";	/* bpf_trace_printk is GPL-only */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counter SEC(".maps");

__u32 last_pid;

/* Add one to the counter; the new value, or 0 if the map has no entry. */
static __attribute__((noinline)) __u64 bump(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&counter, &zero);

	if (!n)
		return 0;
	/* Two CPUs may exec at once: each gets its own number. */
	return __sync_fetch_and_add(n, 1) + 1;
}

SEC("tp/syscalls/sys_enter_execve")
int count_execve(void *ctx)
{
	__u64 n = bump();

	last_pid = bpf_get_current_pid_tgid() >> 32;
	bpf_printk("execve called %llu times", n);
	return 0;
}
