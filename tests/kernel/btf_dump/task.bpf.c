// SPDX-License-Identifier: GPL-2.0
/*
 * task.bpf.c - for tests/kernel/btf_dump.sh: a tutorial-style program on
 * the vmlinux.h `barebpf btf dump --format c` wrote.  On each exec of a
 * process whose name starts with "bbvm_" it keeps, under its pid, its
 * parent's tgid and its name, both read through task_struct with
 * BPF_CORE_READ (CO-RE: vmlinux.h's structs are preserve_access_index).
 * A BTF tracepoint on the same event, written with BPF_PROG, keeps the
 * tracepoint's own arguments: the task's tgid and the old pid.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct seen {
	int ppid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, int);
	__type(value, struct seen);
} execs SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct seen s = {};
	int pid;

	BPF_CORE_READ_STR_INTO(&s.comm, task, comm);
	if (s.comm[0] != 'b' || s.comm[1] != 'b' || s.comm[2] != 'v' ||
	    s.comm[3] != 'm' || s.comm[4] != '_')
		return 0;
	pid = BPF_CORE_READ(task, tgid);
	s.ppid = BPF_CORE_READ(task, real_parent, tgid);
	if (bpf_core_field_exists(task->real_parent) && ctx->pid == pid)
		bpf_map_update_elem(&execs, &pid, &s, BPF_ANY);
	return 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, int);
	__type(value, int);
} old_pids SEC(".maps");

/* trace_sched_process_exec(struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm) */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec_btf, struct task_struct *p, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	int pid = p->tgid;

	if (p->comm[0] != 'b' || p->comm[1] != 'b' || p->comm[2] != 'v' ||
	    p->comm[3] != 'm' || p->comm[4] != '_' || !bprm)
		return 0;
	bpf_map_update_elem(&old_pids, &pid, &old_pid, BPF_ANY);
	return 0;
}
