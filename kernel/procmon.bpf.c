// SPDX-License-Identifier: GPL-2.0
/*
 * procmon.bpf.c - keep a table of live processes in a BPF hash map.
 *
 * exec inserts (or refreshes) the process, exit of the thread-group leader
 * removes it; an exec that finds the map full is counted in procmon_stats.
 * User space only reads the maps.
 */
#include "bpf_defs.h"
#include "procmon.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, PROCMON_MAX_PROCS);
	__type(key, __u32);
	__type(value, struct proc_info);
} process_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct task_offsets);
} task_offsets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct procmon_stats);
} procmon_stats SEC(".maps");

/* current->real_parent->tgid, with offsets user space found in kernel BTF. */
static __attribute__((always_inline)) __u32 parent_tgid(void)
{
	__u32 zero = 0, ppid = 0;
	struct task_offsets *off;
	void *task, *parent = 0;

	off = bpf_map_lookup_elem(&task_offsets, &zero);
	if (!off || !off->real_parent)
		return 0;
	task = (void *)bpf_get_current_task();
	bpf_probe_read_kernel(&parent, sizeof(parent), task + off->real_parent);
	bpf_probe_read_kernel(&ppid, sizeof(ppid), parent + off->tgid);
	return ppid;
}

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u64 uid_gid = bpf_get_current_uid_gid();
	struct proc_info info = {};
	__u32 pid = pid_tgid >> 32;

	info.pid = pid;
	info.ppid = parent_tgid();
	info.uid = (__u32)uid_gid;
	info.gid = uid_gid >> 32;
	info.exec_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(info.comm, sizeof(info.comm));
	if (bpf_map_update_elem(&process_map, &pid, &info, BPF_ANY)) {
		/* Full: count it (the array is shared by all CPUs: atomic). */
		__u32 zero = 0;
		struct procmon_stats *st = bpf_map_lookup_elem(&procmon_stats, &zero);

		if (st)
			__sync_fetch_and_add(&st->table_full, 1);
	}
	return 0;
}

SEC("tp/sched/sched_process_exit")
int handle_exit(void *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 pid = pid_tgid >> 32;

	/* Threads exit too; the process is gone when its leader exits. */
	if (pid != (__u32)pid_tgid)
		return 0;
	bpf_map_delete_elem(&process_map, &pid);
	return 0;
}
