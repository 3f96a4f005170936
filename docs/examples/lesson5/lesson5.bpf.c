// SPDX-License-Identifier: GPL-2.0
/*
 * lesson5.bpf.c - Lesson 5, kernel and user space map communication:
 * the BPF side.  Two tracepoint programs keep the hash map process_map
 * up to date, pid -> the name the process runs under: sched_process_exec
 * adds a process when it execs a program, sched_process_exit removes it
 * when it ends.  User space (lesson5.c) reads the map from time to time.
 *
 * As a tutorial writes it: "vmlinux.h" (the running kernel's types, which
 * make writes with `barebpf btf dump --format c`) and <bpf/bpf_helpers.h>
 * (barebpf's own, kernel/bpf/).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define TASK_COMM_LEN 16

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* pid (the process, its thread group id) -> its name */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, char[TASK_COMM_LEN]);
} process_map SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[TASK_COMM_LEN] = {};
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	/* After the exec: the new program's name. */
	bpf_get_current_comm(comm, sizeof(comm));
	bpf_map_update_elem(&process_map, &pid, comm, BPF_ANY);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int handle_exit(struct trace_event_raw_sched_process_template *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 pid = id >> 32, tid = (__u32)id;

	/* Every thread ends through here: only the last one, the leader,
	 * ends the process. */
	if (pid != tid)
		return 0;
	bpf_map_delete_elem(&process_map, &pid);
	return 0;
}
