// SPDX-License-Identifier: GPL-2.0
/*
 * tp_btf.bpf.c - sys_enter again, as a BTF tracepoint: the verifier knows
 * the arguments' types from btf_trace_sys_enter, so ctx[1] (long id) is
 * read directly, without bpf_probe_read.
 */
#include "attach_common.h"

SEC("tp_btf/sys_enter")
int tp_btf_sys_enter(__u64 *ctx)
{
	if (is_self() && ctx[1] == ATTACH_TEST_SYSCALL)
		record(SLOT_ENTRY, ctx[1]);
	return 0;
}
