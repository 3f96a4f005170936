/* SPDX-License-Identifier: GPL-2.0 */
/* attach_slots.h - counter slots shared by kernel/test/ and tests/kernel/. */
#ifndef BAREBPF_ATTACH_SLOTS_H
#define BAREBPF_ATTACH_SLOTS_H

enum {
	SLOT_ENTRY,		/* kprobe, uprobe, fentry, raw_tp/, tp_btf */
	SLOT_RETURN,		/* kretprobe, uretprobe, fexit, raw_tracepoint/ */
	ATTACH_SLOTS,
};

/* The syscall the tracepoint tests count: nothing else in them calls it. */
#define ATTACH_TEST_SYSCALL 110	/* __NR_getppid on x86-64 */

/* The user function the uprobe test probes, in the test binary itself. */
#define UPROBE_TARGET "bb_uprobe_target"

#endif
