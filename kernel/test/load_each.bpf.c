// SPDX-License-Identifier: GPL-2.0
/*
 * load_each.bpf.c - three programs, one of which the verifier refuses,
 * for `barebpf load --each` (tests/kernel/barebpf_load.sh): the other
 * two load all the same.  The refused one uses a hash map's value
 * without its NULL check (an array's would do on recent kernels: a
 * lookup with a constant key in range cannot fail).
 * no_maps uses no map, so its translated instructions (--xlated) can be
 * compared with bpftool's byte for byte: no map id to blank.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int checked(void *ctx)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &zero);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int unchecked(void *ctx)
{
	__u32 zero = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &zero);

	*v += 1;	/* no NULL check: refused */
	return 0;
}

SEC("tp/sched/sched_process_fork")
int no_maps(void *ctx)
{
	return bpf_get_current_pid_tgid() >> 32 == 1;
}
