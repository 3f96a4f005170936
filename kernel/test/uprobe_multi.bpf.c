// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe_multi.bpf.c - one program on every function of the test binary
 * whose name matches bb_umulti_* (two of them), at entry and at return.
 */
#include "attach_common.h"

SEC("uprobe.multi//proc/self/exe:bb_umulti_*")
int umulti_entry(void *ctx)
{
	if (is_self())
		record(SLOT_ENTRY, reg(ctx, PT_REGS_DI));
	return 0;
}

SEC("uretprobe.multi//proc/self/exe:bb_umulti_*")
int umulti_return(void *ctx)
{
	if (is_self())
		record(SLOT_RETURN, reg(ctx, PT_REGS_AX));
	return 0;
}
