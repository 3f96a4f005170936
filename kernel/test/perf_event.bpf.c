// SPDX-License-Identifier: GPL-2.0
/*
 * perf_event.bpf.c - a sampling program: it runs at each sample of the
 * CPU clock, wherever it lands.  hits[SLOT_ENTRY] counts the samples
 * that caught the test's own process, hits[SLOT_RETURN] all of them.
 */
#include "attach_common.h"

SEC("perf_event")
int sample(void *ctx)
{
	__u32 all = SLOT_RETURN;
	__u64 *n = bpf_map_lookup_elem(&hits, &all);

	if (n)
		__sync_fetch_and_add(n, 1);
	if (is_self())
		record(SLOT_ENTRY, bpf_get_smp_processor_id());
	return 0;
}
