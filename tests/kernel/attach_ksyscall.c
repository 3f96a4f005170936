// SPDX-License-Identifier: GPL-2.0
/*
 * attach_ksyscall.c - ksyscall/getpgid and kretsyscall/getpgid (kprobes
 * on __x64_sys_getpgid) see our getpgid(MARKER) calls: the argument, read
 * through the wrapper's pt_regs pointer, and the result, -ESRCH (no such
 * process).  A kernel without the kprobe PMU (this host) must refuse
 * with the clear "this kernel has no kprobes"; BAREBPF_EXPECT_KPROBE=1
 * (the VM tier) makes that a failure.
 */
#include "tests/kernel/attach.h"

#define N 3
#define MARKER 0x7ffffff3	/* above pid_max: getpgid fails, ESRCH */

static void fires(struct bb_object *o)
{
	int i;

	for (i = 0; i < N; i++)
		getpgid(MARKER);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "ksyscall ran %d times", N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "kretsyscall ran %d times", N);
	is_int(attach_read(o, "seen", SLOT_ENTRY), MARKER,
	       "ksyscall saw getpgid's argument behind the wrapper's pt_regs");
	is_int((long)attach_read(o, "seen", SLOT_RETURN), -ESRCH,
	       "kretsyscall saw the result, -ESRCH");
}

int main(void)
{
	return attach_kprobe_test("ksyscall", "ksyscall and kretsyscall (kprobes on the wrapper)",
				  "kprobe __x64_sys_getpgid: this kernel has no kprobes", fires);
}
