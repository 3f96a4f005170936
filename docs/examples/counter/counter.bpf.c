// SPDX-License-Identifier: GPL-2.0
/*
 * counter.bpf.c - the BPF side of docs/library.md's example: count
 * execve calls in an array map, and send each new count, with who made
 * the call, to user space through a perf event array.
 *
 * User space presets the counter (to 100 in the example) before it
 * attaches, so the first event it sees says 101 or more.
 */
#include "bpf_defs.h"
#include "counter.h"

char LICENSE[] SEC("license") = "GPL";	/* bpf_perf_event_output is GPL-only */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counter SEC(".maps");

/* max_entries 0: the loader makes one slot per possible CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execve(void *ctx)
{
	struct counter_event e = {};
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&counter, &zero);

	if (!n)
		return 0;
	/* Two CPUs may exec at once: each gets its own number. */
	e.count = __sync_fetch_and_add(n, 1) + 1;
	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}
