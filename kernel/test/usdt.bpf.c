// SPDX-License-Identifier: GPL-2.0
/*
 * usdt.bpf.c - a USDT probe of the test binary itself
 * (tests/kernel/attach_usdt.c), written against usdt.bpf.h as a libbpf
 * user would: BPF_USDT hands the body the probe's four arguments, which
 * it stores with the argument count, bpf_usdt_cookie() and the site's BPF
 * cookie (its spec's slot) for the test to check.  /proc/self/exe is
 * resolved by the loading process, as in uprobe.bpf.c.
 */
#include "attach_common.h"
#include <bpf/usdt.bpf.h>

/* What the probe saw: USDT_GOT_* (tests/kernel/attach_usdt.c). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __s64);
} got SEC(".maps");

static __always_inline void put(__u32 slot, __s64 v)
{
	bpf_map_update_elem(&got, &slot, &v, BPF_ANY);
}

SEC("usdt//proc/self/exe:bbtest:args")
int BPF_USDT(usdt_args, int konst, long reg, int mem, int neg)
{
	if (!is_self())
		return 0;
	record(SLOT_ENTRY, bpf_get_attach_cookie(ctx));
	put(0, konst);
	put(1, reg);
	put(2, mem);
	put(3, neg);
	put(4, bpf_usdt_arg_cnt(ctx));
	put(5, bpf_usdt_cookie(ctx));
	return 0;
}
