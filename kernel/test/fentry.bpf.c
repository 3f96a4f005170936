// SPDX-License-Identifier: GPL-2.0
/*
 * fentry.bpf.c - do_unlinkat(int dfd, struct filename *name) through BPF
 * trampolines.  The context is the arguments as u64s; fexit gets the
 * return value after them, in ctx[2].
 */
#include "attach_common.h"

SEC("fentry/do_unlinkat")
int fentry_unlinkat(__u64 *ctx)
{
	if (is_self())
		record(SLOT_ENTRY, (int)ctx[0]);
	return 0;
}

SEC("fexit/do_unlinkat")
int fexit_unlinkat(__u64 *ctx)
{
	if (is_self())
		record(SLOT_RETURN, (long)(int)ctx[2]);
	return 0;
}
