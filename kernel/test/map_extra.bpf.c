// SPDX-License-Identifier: GPL-2.0
/*
 * map_extra.bpf.c - maps that need BPF_MAP_CREATE's map_extra (issue 16):
 * a bloom filter (5.16) takes its number of hash functions there, declared
 * with __uint(); an arena (6.9) its user-space address, declared with
 * __ulong() (map_extra_arena.bpf.c: this host's kernel refuses arenas).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 64);
	__type(value, __u32);
	__uint(map_extra, 3);
} seen SEC(".maps");

/*
 * Bloom filters are read through bpf_map_peek_elem(): 0 if maybe in.  A
 * raw_tp program, run with BPF_PROG_RUN by the test (a syscall program,
 * sleepable, may not use a bloom filter).
 */
SEC("raw_tp/sys_enter")
int check(void *ctx)
{
	__u32 v = 7;

	(void)ctx;
	return bpf_map_peek_elem(&seen, &v) == 0;
}
