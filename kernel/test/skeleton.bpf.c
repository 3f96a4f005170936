// SPDX-License-Identifier: GPL-2.0
/*
 * skeleton.bpf.c - an object for the skeleton tests (`barebpf gen
 * skeleton`): every kind of member a skeleton has.
 *
 * on_exec counts the execve calls of one process (target_tgid, a
 * .rodata knob) in the hash map exec_count and in .bss, by steps of the
 * .data variable step, and keeps the caller's name.  The .bss and .data
 * variables have sizes and alignments that need padding between them,
 * and a struct, which a skeleton shows as bytes.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct pair {
	__u32 a;
	__u64 b;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} exec_count SEC(".maps");

const volatile __u32 target_tgid = 0;	/* .rodata */
const volatile __u8 flag = 0;		/* .rodata: padding after it */
__u8 seen;				/* .bss */
__u64 execs;				/* .bss, aligned at 8 */
char last_comm[16];			/* .bss */
__u16 small[3];				/* .bss */
__u32 step = 1;				/* .data */
struct pair pair = { 1, 2 };		/* .data, as bytes */
static __u64 hidden;			/* .bss, static: not in the skeleton */

SEC("tp/syscalls/sys_enter_execve")
int on_exec(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *n;

	if (tgid != target_tgid)
		return 0;
	seen = 1 + flag;
	execs += step;
	hidden++;
	small[2] = (__u16)hidden;
	bpf_get_current_comm(last_comm, sizeof(last_comm));
	n = bpf_map_lookup_elem(&exec_count, &tgid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&exec_count, &tgid, &one, BPF_NOEXIST);
	return 0;
}
