// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe.bpf.c - do_unlinkat(int dfd, struct filename *name), the kernel
 * side of unlink(2): entry (its first argument) and return (its result).
 */
#include "attach_common.h"

SEC("kprobe/do_unlinkat")
int kprobe_unlinkat(void *ctx)
{
	if (is_self())
		record(SLOT_ENTRY, reg(ctx, PT_REGS_DI));
	return 0;
}

SEC("kretprobe/do_unlinkat")
int kretprobe_unlinkat(void *ctx)
{
	if (is_self())
		record(SLOT_RETURN, reg(ctx, PT_REGS_AX));
	return 0;
}
