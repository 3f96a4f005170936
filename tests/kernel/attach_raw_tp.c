// SPDX-License-Identifier: GPL-2.0
/*
 * attach_raw_tp.c - raw_tp/ and raw_tracepoint/ programs on sys_enter see
 * exactly the getppid() calls we make, and stop when detached.
 */
#include <sys/syscall.h>

#include "tests/kernel/attach.h"

#define N 7

static void calls(int n)
{
	while (n-- > 0)
		syscall(ATTACH_TEST_SYSCALL);
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load("raw_tp", &o, &err);
	if (!ok(ret == 0, "load raw_tp.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "attach both programs with BPF_RAW_TRACEPOINT_OPEN"))
		diag("%s", err.msg);
	is_int(attach_link_type(bb_object_find_prog(o, "raw_tp_sys_enter")->attach_fd),
	       BPF_LINK_TYPE_RAW_TRACEPOINT, "raw_tp/ handle is a raw tracepoint link");
	calls(N);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "raw_tp/sys_enter ran %d times", N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "raw_tracepoint/sys_enter ran %d times", N);
	is_int(attach_read(o, "seen", SLOT_ENTRY), ATTACH_TEST_SYSCALL,
	       "it read the syscall number from ctx[1]");
	attach_detach(o);
	calls(N);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "closing the link detaches");
	bb_object_close(o);

	ret = attach_load("raw_tp", &o, &err);
	if (!ret) {
		/* A name the kernel does not know: ENOENT, said plainly. */
		o->spec.progs[0].target = "no_such_tracepoint_bb";
		ret = bb_object_attach(o, &err);
		like(err.msg, "no such tracepoint in this kernel",
		     "unknown raw tracepoint: clear error (%d)", ret);
		bb_object_close(o);
	}
	return done_testing();
}
