// SPDX-License-Identifier: GPL-2.0
/*
 * mixed_sections.c - an object with a tp_btf program and a program in a
 * section barebpf does not know (issue 16): bb_object_load() loads the
 * first and leaves the second off; the first then fires.  Asked for with
 * bb_prog_set_autoload(), the unknown one fails the load, by name.
 */
#include <errno.h>
#include <sys/syscall.h>

#include "tests/kernel/attach.h"

#define N 4

static void known_loads_and_runs(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	struct bb_prog *unknown;
	int ret, i;

	ret = attach_load("mixed_sections", &o, &err);
	if (!ok(ret == 0, "mixed_sections.bpf.o loads despite its unknown section"))
		diag("%s", err.msg);
	if (ret)
		return;
	unknown = bb_object_find_prog(o, "mixed_unknown");
	ok(unknown && bb_prog_fd(unknown) < 0,
	   "the program of the unknown section was not loaded");
	ok(bb_prog_fd(bb_object_find_prog(o, "mixed_sys_enter")) >= 0,
	   "the tp_btf program was");
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "and attaching the object attaches it"))
		diag("%s", err.msg);
	for (i = 0; i < N; i++)
		syscall(ATTACH_TEST_SYSCALL);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N,
	       "tp_btf/sys_enter ran %d times", N);
	bb_object_close(o);
}

static void unknown_asked_for(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	int ret;

	attach_obj_path("mixed_sections", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "open again"))
		return;
	is_int(bb_prog_set_autoload(bb_object_find_prog(o, "mixed_unknown"), true),
	       0, "the caller switches the unknown program on");
	is_int(bb_object_load(o, &err), -ENOTSUP, "then the load fails");
	like(err.msg, "program 'mixed_unknown': section 'bb_no_such_type/x': unknown program type",
	     "naming that program and its section");
	bb_object_close(o);
}

int main(void)
{
	known_loads_and_runs();
	unknown_asked_for();
	return done_testing();
}
