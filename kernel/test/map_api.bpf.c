// SPDX-License-Identifier: GPL-2.0
/*
 * map_api.bpf.c - the object behind tests/kernel/map_api.c and
 * prog_api.c: maps to drive the public map calls on, one of them with a
 * spin lock in its value, and programs that count the execs of one
 * process (the test's child) for bb_prog_attach(): execs[0] through a
 * tracepoint (a perf event holds it), execs[1] through a raw tracepoint
 * (a BPF link holds it: links can be pinned, perf events cannot).
 */
#include "../bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * The kernel finds the lock by its BTF name (btf_find_spin_lock): a value
 * that holds one takes BPF_F_LOCK, a value without is refused (EINVAL).
 */
struct bpf_spin_lock {
	__u32 val;
};

struct locked_value {
	struct bpf_spin_lock lock;
	__u32 pad;
	__u64 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct locked_value);
} locked SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} plain SEC(".maps");

/* self[0]: the tgid whose execs count, written by the test. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} self SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} execs SEC(".maps");

static inline __attribute__((always_inline)) void count(__u32 slot)
{
	__u32 zero = 0, *tgid = bpf_map_lookup_elem(&self, &zero);
	__u64 *n = bpf_map_lookup_elem(&execs, &slot);

	if (tgid && n && *tgid && *tgid == bpf_get_current_pid_tgid() >> 32)
		__sync_fetch_and_add(n, 1);
}

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	count(0);
	return 0;
}

/* Never loaded: the test switches it off with bb_prog_set_autoload(). */
SEC("tp/sched/sched_process_exit")
int spare(void *ctx)
{
	count(0);
	return 0;
}

SEC("raw_tp/sched_process_exec")
int raw_exec(void *ctx)
{
	count(1);
	return 0;
}
