// SPDX-License-Identifier: GPL-2.0
/*
 * mixed_sections.bpf.c - a program barebpf knows (tp_btf/sys_enter) next
 * to one in a section it does not know: the known one must still load
 * and run (issue 16), the other is refused by name only if asked for.
 */
#include "attach_common.h"

SEC("tp_btf/sys_enter")
int mixed_sys_enter(__u64 *ctx)
{
	if (is_self() && ctx[1] == ATTACH_TEST_SYSCALL)
		record(SLOT_ENTRY, ctx[1]);
	return 0;
}

/* No loader knows this prefix; the code itself is fine. */
SEC("bb_no_such_type/x")
int mixed_unknown(void *ctx)
{
	return 0;
}
