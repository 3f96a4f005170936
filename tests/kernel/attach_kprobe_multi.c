// SPDX-License-Identifier: GPL-2.0
/*
 * attach_kprobe_multi.c - kprobe.multi and kretprobe.multi on the kernel
 * functions matching do_unlinka? (do_unlinkat) see our unlink() calls.
 * They need CONFIG_FPROBE, which neither this host (6.18) nor the VM
 * tier's kernel (6.1) has: there BPF_LINK_CREATE answers EOPNOTSUPP, and
 * the test checks exactly that and the message.  On a kernel with
 * fprobe, the same test checks the real effect instead.
 */
#include <errno.h>
#include <fcntl.h>

#include "tests/kernel/attach.h"

#define N 4
#define LINK_TYPE_KPROBE_MULTI 8	/* enum bpf_link_type, 5.18 */

static void fires(struct bb_object *o)
{
	int i;

	is_int(attach_link_type(bb_object_find_prog(o, "kmulti_entry")->attach_fd),
	       LINK_TYPE_KPROBE_MULTI, "the handle is a kprobe_multi link");
	for (i = 0; i < N; i++)
		unlink("/nonexistent-barebpf-kprobe-multi-test");
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "kprobe.multi ran %d times", N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "kretprobe.multi ran %d times", N);
	is_int((int)attach_read(o, "seen", SLOT_RETURN), -ENOENT,
	       "kretprobe.multi saw -ENOENT");
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load("kprobe_multi", &o, &err);
	if (!ok(ret == 0, "load kprobe_multi.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (ret == 0) {
		ok(1, "attached: this kernel has fprobe");
		fires(o);
	} else {
		is_int(ret, -EOPNOTSUPP, "no fprobe: BPF_LINK_CREATE refuses with EOPNOTSUPP");
		like(err.msg, "program 'kmulti_entry' (section 'kprobe.multi/do_unlinka?')",
		     "the message names the program and its section");
		like(err.msg, "kprobe.multi needs CONFIG_FPROBE", "and says why: %s", err.msg);
		like(err.msg, "of 1 functions", "after matching do_unlinka? to one function");
	}
	bb_object_close(o);
	return done_testing();
}
