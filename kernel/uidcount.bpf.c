// SPDX-License-Identifier: GPL-2.0
/*
 * uidcount.bpf.c - count execs per user and command, one map per user.
 *
 * per_uid is a map of maps: uid -> (command -> execs).  User space decides
 * which users get a map, while we run: an exec by a user without one is
 * only counted in "untracked", which user space watches to add maps.
 * uid 0 gets its map from the start, initialised right here in C.
 */
#include "bpf_defs.h"
#include "uidcount.h"

char LICENSE[] SEC("license") = "GPL";

struct comm_counts {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, UIDCOUNT_MAX_COMMS);
	__type(key, struct uid_comm);
	__type(value, __u64);
};

struct comm_counts root_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, UIDCOUNT_MAX_USERS);
	__type(key, __u32);
	__array(values, struct comm_counts);
} per_uid SEC(".maps") = {
	.values = { [0] = &root_counts },	/* key 0: root */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, UIDCOUNT_MAX_USERS);
	__type(key, __u32);
	__type(value, __u64);
} untracked SEC(".maps");

static __attribute__((always_inline)) void add(void *map, const void *key)
{
	__u64 one = 1, *v = bpf_map_lookup_elem(map, key);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(map, key, &one, BPF_NOEXIST);
}

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	__u32 uid = (__u32)bpf_get_current_uid_gid();
	struct uid_comm key = {};
	void *counts;

	counts = bpf_map_lookup_elem(&per_uid, &uid);
	if (!counts) {
		add(&untracked, &uid);
		return 0;
	}
	bpf_get_current_comm(key.comm, sizeof(key.comm));
	add(counts, &key);
	return 0;
}
