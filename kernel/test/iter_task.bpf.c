// SPDX-License-Identifier: GPL-2.0
/*
 * iter_task.bpf.c - an iterator over every task (issue 16): one line
 * "TGID PID COMM" per thread, which the test compares with /proc.  The
 * task's fields are read at the offsets of the running kernel (CO-RE:
 * our own small view of task_struct, preserve_access_index).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct___bb {
	int pid;
	int tgid;
	char comm[16];
} __attribute__((preserve_access_index));

struct bpf_iter_meta___bb {
	void *seq;
} __attribute__((preserve_access_index));

/* The context of iter/task (kernel/bpf/task_iter.c). */
struct bpf_iter__task___bb {
	struct bpf_iter_meta___bb *meta;
	struct task_struct___bb *task;
} __attribute__((preserve_access_index));

SEC("iter/task")
int list_tasks(struct bpf_iter__task___bb *ctx)
{
	static const char fmt[] = "%d %d %s\n";
	struct task_struct___bb *t = ctx->task;
	__u64 args[3];

	if (!t)
		return 0;	/* the end: called once more with no task */
	args[0] = t->tgid;
	args[1] = t->pid;
	args[2] = (__u64)(unsigned long)t->comm;
	bpf_seq_printf(ctx->meta->seq, fmt, sizeof(fmt), args, sizeof(args));
	return 0;
}
