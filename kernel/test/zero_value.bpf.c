// SPDX-License-Identifier: GPL-2.0
/*
 * zero_value.bpf.c - a hash map whose value size the object leaves to its
 * user (0): the kernel refuses it, and barebpf must say it is the value
 * size that is 0, and how to set it (tests/kernel/stack_map.sh).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, sizeof(__u32));
	__uint(max_entries, 16);
} sized_later SEC(".maps");

SEC("tp/syscalls/sys_enter_getpid")
int uses_it(void *ctx)
{
	__u32 k = 0;

	(void)ctx;
	return bpf_map_lookup_elem(&sized_later, &k) != 0;
}
