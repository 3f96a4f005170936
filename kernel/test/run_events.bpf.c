// SPDX-License-Identifier: GPL-2.0
/*
 * run_events.bpf.c - a known record on each exec of a program named
 * "bbrunev", sent both ways (perf event array and ring buffer), for
 * `barebpf run`'s event streams test.  Only pid changes between records.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct run_event {
	__u32 magic;		/* 0x12345678 */
	__u16 tag;		/* 7 */
	__u16 pad;		/* 0 */
	char comm[8];		/* "bbrunev" */
	__u32 pid;		/* of the process, the only varying field */
	__u32 nr;		/* 3 */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perf_out SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring_out SEC(".maps");

/* The record is built here (and the map's value type puts it in BTF). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct run_event);
} scratch SEC(".maps");

SEC("tp/sched/sched_process_exec")
int run_events_exec(void *ctx)
{
	char comm[16];
	struct run_event *e;
	__u32 zero = 0;

	bpf_get_current_comm(comm, sizeof(comm));
	if (comm[0] != 'b' || comm[1] != 'b' || comm[2] != 'r' ||
	    comm[3] != 'u' || comm[4] != 'n' || comm[5] != 'e' ||
	    comm[6] != 'v' || comm[7] != 0)
		return 0;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		return 0;
	e->magic = 0x12345678;
	e->tag = 7;
	e->pad = 0;
	__builtin_memcpy(e->comm, comm, sizeof(e->comm));
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->nr = 3;
	bpf_perf_event_output(ctx, &perf_out, BPF_F_CURRENT_CPU, e, sizeof(*e));
	bpf_ringbuf_output(&ring_out, e, sizeof(*e), 0);
	return 0;
}
