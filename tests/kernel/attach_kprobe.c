// SPDX-License-Identifier: GPL-2.0
/*
 * attach_kprobe.c - kprobe and kretprobe on do_unlinkat see our unlink()
 * calls (first argument AT_FDCWD, result -ENOENT).  A kernel without the
 * kprobe PMU must give the clear "this kernel has no kprobes" error
 * instead: that is checked, not skipped.  BAREBPF_EXPECT_KPROBE=1 (set in
 * the VM tier) makes the kernel's lack of kprobes a failure.
 */
#include <fcntl.h>

#include "tests/kernel/attach.h"

#define N 4

static void fires(struct bb_object *o)
{
	int i;

	for (i = 0; i < N; i++)
		unlink("/nonexistent-barebpf-kprobe-test");
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "kprobe ran %d times", N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "kretprobe ran %d times", N);
	is_int((int)attach_read(o, "seen", SLOT_ENTRY), AT_FDCWD,
	       "kprobe saw dfd = AT_FDCWD in %%rdi");
	/* do_unlinkat() returns an int: %rax holds it zero-extended. */
	is_int((int)attach_read(o, "seen", SLOT_RETURN), -ENOENT,
	       "kretprobe saw -ENOENT in %%eax");
}

int main(void)
{
	return attach_kprobe_test("kprobe", "kprobe and kretprobe through the kprobe PMU",
				  "this kernel has no kprobes", fires);
}
