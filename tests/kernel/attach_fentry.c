// SPDX-License-Identifier: GPL-2.0
/*
 * attach_fentry.c - fentry and fexit on do_unlinkat: loaded against the
 * function's kernel BTF id, they see our unlink() calls (fexit also its
 * -ENOENT).  Where the kernel refuses BPF trampolines, the error must say
 * so plainly; BAREBPF_EXPECT_FENTRY=1 (set in the VM tier, whose kernel
 * has them) turns the refusal into a failure.
 */
#include <errno.h>
#include <fcntl.h>

#include "tests/kernel/attach.h"

#define N 3

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret, i;

	ret = attach_load("fentry", &o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (ret) {
		ok(!attach_expect_fentry(), "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1): %s", err.msg);
		like(err.msg, "this kernel does not support fentry/fexit",
		     "refused: the error says why");
		bb_object_close(o);
		return done_testing();
	}
	ok(1, "load and attach fentry/fexit do_unlinkat");
	for (i = 0; i < N; i++)
		unlink("/nonexistent-barebpf-fentry-test");
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "fentry ran %d times", N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "fexit ran %d times", N);
	is_int((int)attach_read(o, "seen", SLOT_ENTRY), AT_FDCWD, "fentry saw dfd = AT_FDCWD");
	is_int((long)attach_read(o, "seen", SLOT_RETURN), -ENOENT, "fexit saw the return value -ENOENT");
	bb_object_close(o);
	return done_testing();
}
