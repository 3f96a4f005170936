// SPDX-License-Identifier: GPL-2.0
/*
 * percpu.bpf.c - per-CPU counters, for tests/kernel/percpu.c and
 * percpu_run.sh.  A "syscall" program, run with BPF_PROG_RUN, counts on
 * the CPU it runs on (the caller pins itself there): hits[1] and, under
 * key 7, by_key.  by_key's value is 4 bytes, so each CPU's slot in user
 * space is padded to 8.  hits[0] is never counted: all zeros.
 */
#include "../bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} by_key SEC(".maps");

SEC("syscall")
int count(void *ctx)
{
	__u32 one = 1, seven = 7;
	__u64 *n = bpf_map_lookup_elem(&hits, &one);
	__u32 *m = bpf_map_lookup_elem(&by_key, &seven);

	(void)ctx;
	if (n)
		*n += 1;
	if (m)
		*m += 1;
	else
		bpf_map_update_elem(&by_key, &seven, &one, BPF_NOEXIST);
	return 0;
}
