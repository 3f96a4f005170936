// SPDX-License-Identifier: GPL-2.0
/*
 * sharing_maps.bpf.c - sharing maps (the pinning Q&A): the BPF side.
 * On every exec of a program named target_comm, count_exec adds a step to
 * exec_count[0].  The step is not in the object: user space creates a map
 * holding it at run time and puts it in the map of maps steps, slot 0.
 *
 * exec_count is pinned by name: the first loader creates it and pins it
 * in the pin directory (PIN_DIR/exec_count), every later one opens the
 * pin and shares it.  sharing_maps.c shows the three ways to share.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define TASK_COMM_LEN 16

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* The name of the programs to count: set by user space before load. */
const volatile char target_comm[TASK_COMM_LEN] = {};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} exec_count SEC(".maps");

/* What every inner map looks like: one __u64, the step. */
struct step_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
};

/* Empty at load: user space inserts the inner maps. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct step_map);
} steps SEC(".maps");

static int is_target(const char *comm)
{
	int i;

	for (i = 0; i < TASK_COMM_LEN; i++) {
		if (comm[i] != target_comm[i])
			return 0;
		if (!comm[i])
			break;
	}
	return 1;
}

SEC("tp/sched/sched_process_exec")
int count_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[TASK_COMM_LEN] = {};
	__u32 zero = 0;
	__u64 *count, *step;
	void *inner;

	/* After the exec: the new program's name. */
	bpf_get_current_comm(comm, sizeof(comm));
	if (!is_target(comm))
		return 0;
	inner = bpf_map_lookup_elem(&steps, &zero);
	if (!inner)
		return 0;	/* no step map inserted yet: nothing counted */
	step = bpf_map_lookup_elem(inner, &zero);
	count = bpf_map_lookup_elem(&exec_count, &zero);
	if (step && count)
		__sync_fetch_and_add(count, *step);
	return 0;
}
