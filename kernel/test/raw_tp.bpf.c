// SPDX-License-Identifier: GPL-2.0
/*
 * raw_tp.bpf.c - the sys_enter raw tracepoint, under both prefixes.
 * Its arguments: ctx[0] is the struct pt_regs *, ctx[1] the syscall number.
 */
#include "attach_common.h"

SEC("raw_tp/sys_enter")
int raw_tp_sys_enter(__u64 *ctx)
{
	if (is_self() && ctx[1] == ATTACH_TEST_SYSCALL)
		record(SLOT_ENTRY, ctx[1]);
	return 0;
}

SEC("raw_tracepoint/sys_enter")
int raw_tracepoint_sys_enter(__u64 *ctx)
{
	if (is_self() && ctx[1] == ATTACH_TEST_SYSCALL)
		record(SLOT_RETURN, ctx[1]);
	return 0;
}
