// SPDX-License-Identifier: GPL-2.0
/*
 * attach_tp_btf.c - a tp_btf/ program is loaded against the kernel BTF id
 * of btf_trace_sys_enter, which we find ourselves, and then fires.
 */
#include <sys/syscall.h>

#include "tests/kernel/attach.h"
#include "loader/load/kernel_btf.h"

#define N 5

int main(void)
{
	struct kernel_btf kb;
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	int ret, id = -1, i;

	if (kernel_btf_load(&kb, &err) == 0) {
		id = btf_find(&kb.btf, "btf_trace_sys_enter", BTF_KIND_TYPEDEF);
		kernel_btf_free(&kb);
	}
	ok(id > 0, "kernel BTF has typedef btf_trace_sys_enter (id %d)", id);
	ret = attach_load("tp_btf", &o, &err);
	if (!ok(ret == 0, "load tp_btf.bpf.o (BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP)"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	is_int(bb_object_find_prog(o, "tp_btf_sys_enter")->attach_btf_id, id,
	       "attach_btf_id is that typedef");
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "attach with BPF_RAW_TRACEPOINT_OPEN"))
		diag("%s", err.msg);
	is_int(attach_link_type(bb_object_find_prog(o, "tp_btf_sys_enter")->attach_fd),
	       BPF_LINK_TYPE_RAW_TRACEPOINT,
	       "the handle is a raw tracepoint link (tp_btf goes through the same path)");
	for (i = 0; i < N; i++)
		syscall(ATTACH_TEST_SYSCALL);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "tp_btf/sys_enter ran %d times", N);
	is_int(attach_read(o, "seen", SLOT_ENTRY), ATTACH_TEST_SYSCALL,
	       "it read the syscall number straight from ctx[1]");
	bb_object_close(o);

	attach_obj_path("tp_btf", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret) {
		o->spec.progs[0].target = "no_such_tracepoint_bb";
		ret = bb_object_load(o, &err);
		like(err.msg, "kernel BTF has no typedef btf_trace_no_such_tracepoint_bb",
		     "unknown tp_btf target: clear error (%d)", ret);
		bb_object_close(o);
	}
	return done_testing();
}
