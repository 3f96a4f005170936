// SPDX-License-Identifier: GPL-2.0
/*
 * globals.bpf.c - global data and bpf-to-bpf calls, for the tests.
 *
 * count_exec counts the execve calls of one process (filter_tgid, a
 * const volatile knob user space sets before load) into the .bss variable
 * hits, by steps of the .data variable step, through two subprograms:
 * add_twice() calls add().  count_exit shares add() with it.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 filter_tgid = 0;	/* .rodata: 0 counts every process */
__u64 step = 1;				/* .data */
__u64 hits;				/* .bss */
__u32 last_tgid;			/* .bss */
__u64 exits;				/* .bss */

static __attribute__((noinline)) __u64 add(__u64 *where, __u64 n)
{
	*where += n;
	return *where;
}

static __attribute__((noinline)) __u64 add_twice(__u64 *where, __u64 n)
{
	add(where, n);
	return add(where, n);
}

static __attribute__((always_inline)) int wanted(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	return !filter_tgid || tgid == filter_tgid;
}

SEC("tp/syscalls/sys_enter_execve")
int count_exec(void *ctx)
{
	if (!wanted())
		return 0;
	last_tgid = bpf_get_current_pid_tgid() >> 32;
	add_twice(&hits, step);
	return 0;
}

SEC("tp/syscalls/sys_exit_execve")
int count_exit(void *ctx)
{
	if (!wanted())
		return 0;
	add(&exits, 1);
	return 0;
}
