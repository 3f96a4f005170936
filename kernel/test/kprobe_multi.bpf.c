// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe_multi.bpf.c - one program on every kernel function matching
 * do_unlinka? (do_unlinkat: the kernel side of unlink(2)), at entry and
 * at return, through fprobe.
 */
#include "attach_common.h"

SEC("kprobe.multi/do_unlinka?")
int kmulti_entry(void *ctx)
{
	if (is_self())
		record(SLOT_ENTRY, reg(ctx, PT_REGS_DI));
	return 0;
}

SEC("kretprobe.multi/do_unlinka?")
int kmulti_return(void *ctx)
{
	if (is_self())
		record(SLOT_RETURN, reg(ctx, PT_REGS_AX));
	return 0;
}
