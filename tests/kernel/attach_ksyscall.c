// SPDX-License-Identifier: GPL-2.0
/*
 * attach_ksyscall.c - ksyscall/getpgid and kretsyscall/getpgid (kprobes
 * on __x64_sys_getpgid) see our getpgid(MARKER) calls: the argument, read
 * through the wrapper's pt_regs pointer, and the result, -ESRCH (no such
 * process).  A kernel without the kprobe PMU (this host) must refuse
 * with the clear "this kernel has no kprobes"; BAREBPF_EXPECT_KPROBE=1
 * (the VM tier) makes that a failure.
 */
#include <errno.h>

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
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load("ksyscall", &o, &err);
	if (!ok(ret == 0, "load ksyscall.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (attach_have_kprobe_pmu()) {
		if (!ok(ret == 0, "attach ksyscall and kretsyscall (kprobes on the wrapper)"))
			diag("%s", err.msg);
		else
			fires(o);
	} else {
		ok(!attach_expect_kprobe(), "no kprobe PMU, allowed here (BAREBPF_EXPECT_KPROBE is not 1)");
		is_int(ret, -ENOENT, "no kprobe PMU: attach fails with ENOENT");
		like(err.msg, "kprobe __x64_sys_getpgid: this kernel has no kprobes",
		     "and names the wrapper: %s", err.msg);
	}
	bb_object_close(o);
	return done_testing();
}
