// SPDX-License-Identifier: GPL-2.0
/*
 * usdt_run.bpf.c - the USDT probe of tests/kernel/attach_usdt.t, for
 * `barebpf run` (tests/kernel/run_usdt.sh).  The target is a bare name,
 * found in $PATH when the program is attached, as libbpf does.  Only
 * the calls whose register argument is USDT_RUN_MARK count: the test
 * binary also fires the probe when it runs as a test.
 */
#include "bpf_defs.h"
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "GPL";

#define USDT_RUN_MARK 31337

/* [0] how many marked calls, [1] their memory plus negative argument. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __s64);
} usdt_seen SEC(".maps");

SEC("usdt/attach_usdt.t:bbtest:args")
int BPF_USDT(usdt_fired, int konst, long reg, int mem, int neg)
{
	__u32 k = 0;
	__s64 *v;

	if (reg != USDT_RUN_MARK)
		return 0;
	v = bpf_map_lookup_elem(&usdt_seen, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	k = 1;
	v = bpf_map_lookup_elem(&usdt_seen, &k);
	if (v)
		*v = mem + neg + konst;
	return 0;
}
