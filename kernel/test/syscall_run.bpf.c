// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_run.bpf.c - a "syscall" program, run from user space with
 * BPF_PROG_RUN (issue 16).  It returns the sum of the squares of 1..n, n
 * a global the test changes between runs, and keeps it in "result".
 * It reads no context: BPF_PROG_RUN then needs none (the kernel refuses
 * a context shorter than the furthest byte the program reads).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

__u32 n = 10;
__u32 result;

SEC("syscall")
int compute(void *ctx)
{
	__u32 i, sum = 0, lim = n;

	(void)ctx;
	for (i = 1; i <= lim && i <= 1000; i++)
		sum += i * i;
	result = sum;
	return sum;
}
