// SPDX-License-Identifier: GPL-2.0
/*
 * stack_map.bpf.c - a STACK_TRACE map declared as libbpf-tools declare
 * theirs, with no value size (the tool sets it at run time): barebpf gives
 * it 127 frames of 8 bytes, or what --value-size says (issue 16).  Its
 * program stores the kernel stack of each getpid() of the test.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, 7);	/* BPF_MAP_TYPE_STACK_TRACE */
	__uint(key_size, sizeof(__u32));
	__uint(max_entries, 64);
} stacks SEC(".maps");

__u32 filter_tgid;
long last_id = -1;

SEC("tp/syscalls/sys_enter_getpid")
int stack_of_getpid(void *ctx)
{
	if (bpf_get_current_pid_tgid() >> 32 != filter_tgid)
		return 0;
	last_id = bpf_get_stackid(ctx, &stacks, 0);
	return 0;
}
