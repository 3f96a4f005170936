// SPDX-License-Identifier: GPL-2.0
/*
 * ksym_errors.bpf.c - kfunc calls for tests/fake/ksym_errors.c, each in a
 * program of its own (the test switches on one at a time):
 *   ksym_unknown   calls a kfunc no kernel has, not declared __weak;
 *   ksym_mismatch  calls bpf_task_acquire declared with one parameter
 *                  too many;
 *   ksym_calls     calls bpf_task_from_pid and bpf_task_release, and a
 *                  weak kfunc no kernel has under bpf_ksym_exists().
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct;

extern int bb_no_such_kfunc_strong(int x) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p, int x) __ksym;
extern struct task_struct *bpf_task_from_pid(__s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern int bb_no_such_kfunc(int x) __ksym __weak;

SEC("raw_tp/sys_enter")
int ksym_unknown(void *ctx)
{
	return bb_no_such_kfunc_strong(1);
}

SEC("raw_tp/sys_enter")
int ksym_mismatch(void *ctx)
{
	return bpf_task_acquire(ctx, 1) != 0;
}

SEC("raw_tp/sys_enter")
int ksym_calls(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);

	if (t)
		bpf_task_release(t);
	if (bpf_ksym_exists(bb_no_such_kfunc))
		return bb_no_such_kfunc(1);
	return 0;
}
