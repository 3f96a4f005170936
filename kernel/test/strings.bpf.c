// SPDX-License-Identifier: GPL-2.0
/*
 * strings.bpf.c - global data reached through a section symbol: clang
 * relocates string literals (.rodata.str1.1) and static variables against
 * their section, with the offset in the instruction's imm.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

static volatile int pick;	/* .bss, a local symbol */

SEC("tp/syscalls/sys_enter_getpid")
int print_pick(void *ctx)
{
	const char *s = pick ? "first %d\n" : "other %d\n";

	bpf_trace_printk(s, 10, pick);
	return 0;
}
