// SPDX-License-Identifier: GPL-2.0
/*
 * Maps of maps for tests/kernel/map_in_map.c.  On getppid() by the test's
 * own process (cfg[0] = its tgid), add 1 to element 0 of every inner map
 * found in outer[0], outer[1] and outer_hash{1}.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
};

struct inner inner_a SEC(".maps");
struct inner inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner);
} outer_hash SEC(".maps") = {
	.values = { [1] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cfg SEC(".maps");

static __attribute__((always_inline)) void bump(void *outer_map, __u32 key)
{
	__u32 zero = 0;
	__u64 *v;
	void *in;

	in = bpf_map_lookup_elem(outer_map, &key);
	if (!in)
		return;
	v = bpf_map_lookup_elem(in, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("tp/syscalls/sys_enter_getppid")
int count_getppid(void *ctx)
{
	__u32 zero = 0, *pid = bpf_map_lookup_elem(&cfg, &zero);

	if (!pid || *pid != bpf_get_current_pid_tgid() >> 32)
		return 0;
	bump(&outer, 0);
	bump(&outer, 1);
	bump(&outer_hash, 1);
	return 0;
}
