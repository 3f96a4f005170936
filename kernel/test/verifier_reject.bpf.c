// SPDX-License-Identifier: GPL-2.0
/*
 * verifier_reject.bpf.c - an object the verifier must refuse.
 *
 * It has procmon's maps, so procmon gets as far as BPF_PROG_LOAD, but its
 * exec program uses a map value without checking it for NULL.  Tests use
 * it to check that the verifier's log reaches the user.
 */
#include "../bpf_defs.h"
#include "../procmon.h"

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

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct proc_info *info;

	info = bpf_map_lookup_elem(&process_map, &pid);
	return info->ppid;	/* no NULL check: rejected */
}
