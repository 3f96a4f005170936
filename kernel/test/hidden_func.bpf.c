// SPDX-License-Identifier: GPL-2.0
/*
 * hidden_func.bpf.c - a __hidden global function that is only safe where
 * it is called (issue 16): read_through() dereferences its pointer
 * argument without a NULL check.  Verified alone, as a global function
 * is, the verifier refuses it (the pointer may be NULL); the loader hands
 * it to the kernel as static (as libbpf does), so it is verified in its
 * caller's context, where the pointer is the stack.  add_one() is an
 * ordinary global function, safe alone: it stays global.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define __hidden __attribute__((visibility("hidden")))

__u32 filter_tgid;
__u64 result;

__hidden __attribute__((noinline)) int read_through(int *p)
{
	return *p + 1;
}

__attribute__((noinline)) int add_one(int x)
{
	return x + 1;
}

SEC("tp/syscalls/sys_enter_getpid")
int call_hidden(void *ctx)
{
	int v = 41;

	(void)ctx;
	if (bpf_get_current_pid_tgid() >> 32 != filter_tgid)
		return 0;
	result = read_through(&v) * 1000 + add_one(1);
	return 0;
}
