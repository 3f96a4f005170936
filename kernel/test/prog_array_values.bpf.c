// SPDX-License-Identifier: GPL-2.0
/*
 * prog_array_values.bpf.c - a PROG_ARRAY whose slots are set in C, as
 * libbpf allows: ".values = { [1] = &second }".  clang leaves slot 1 as a
 * relocation against the program's symbol in .rel.maps; the loader puts
 * the program's fd there once every program is loaded.  "first" tail-calls
 * slot 0 (never filled), then slot 1, and returns what it reached.  They
 * are raw_tp programs, run by the test with BPF_PROG_RUN, never attached
 * (tail calls stay within one program type; syscall programs, sleepable,
 * may not use a PROG_ARRAY).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

__u32 second_runs;

SEC("raw_tp/sys_enter")
int second(void *ctx)
{
	(void)ctx;
	second_runs++;
	return 2;
}

SEC("raw_tp/sys_enter")
int third(void *ctx)
{
	(void)ctx;
	return 3;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} jumps SEC(".maps") = {
	.values = { [1] = (void *)&second, [3] = (void *)&third },
};

SEC("raw_tp/sys_enter")
int first(void *ctx)
{
	bpf_tail_call(ctx, &jumps, 0);	/* empty: falls through */
	bpf_tail_call(ctx, &jumps, 1);	/* second: does not return */
	return 1;
}
