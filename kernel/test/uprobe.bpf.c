// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe.bpf.c - entry and return of a function in the test binary.
 * /proc/self/exe is resolved by the loading process (the test), both by
 * our ELF reader and by the kernel when it creates the probe.
 */
#include "attach_common.h"

SEC("uprobe//proc/self/exe:" UPROBE_TARGET)
int uprobe_target(void *ctx)
{
	if (is_self())
		record(SLOT_ENTRY, reg(ctx, PT_REGS_DI));
	return 0;
}

SEC("uretprobe//proc/self/exe:" UPROBE_TARGET)
int uretprobe_target(void *ctx)
{
	if (is_self())
		record(SLOT_RETURN, reg(ctx, PT_REGS_AX));
	return 0;
}
