// SPDX-License-Identifier: GPL-2.0
/*
 * execve_perfbuf.bpf.c - the course's perf buffer: the execve counter
 * again, each new count sent to user space, with who made the call,
 * through a perf event array (bpf_perf_event_output) instead of printed.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "execve_perfbuf.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counter SEC(".maps");

/* One ring per CPU, each put in its slot by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execve(struct trace_event_raw_sys_enter *ctx)
{
	struct event e = {};
	__u32 key = 0;
	__u64 *count;

	count = bpf_map_lookup_elem(&counter, &key);
	if (!count)
		return 0;
	e.count = __sync_fetch_and_add(count, 1) + 1;
	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&e.comm, sizeof(e.comm));
	/* Into the ring of the CPU we run on. */
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

/* bpf_perf_event_output is for GPL programs only. */
char LICENSE[] SEC("license") = "GPL";
