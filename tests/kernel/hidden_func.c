// SPDX-License-Identifier: GPL-2.0
/*
 * hidden_func.c - kernel/test/hidden_func.bpf.o calls a __hidden global
 * function that is only safe in context (issue 16).  The BTF we upload
 * marks it static and leaves the ordinary global function global; the
 * verifier then accepts the program (it refused it when the hidden one
 * was checked alone), and the program computes what it should.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/kernel/attach.h"

static uint32_t linkage(const uint8_t *data, size_t len, const char *func)
{
	struct bb_err err = { 0 };
	struct btf btf;
	uint32_t ret = UINT32_MAX;
	int id;

	if (btf_parse(&btf, data, len, &err))
		return ret;
	id = btf_find(&btf, func, BTF_KIND_FUNC);
	if (id > 0)
		ret = btf_vlen(btf_type(&btf, id));
	btf_free(&btf);
	return ret;
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	uint32_t me = getpid();
	uint64_t result = 0;
	uint8_t *btf = NULL;
	size_t len = 0;
	int ret;

	attach_obj_path("hidden_func", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = btf_fixed_copy(&o->spec, &btf, &len, &err);
	if (!ok(ret == 0, "open hidden_func.bpf.o, and its BTF as we upload it"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	is_int(linkage(btf, len, "read_through"), BTF_FUNC_STATIC,
	       "the __hidden function read_through is static in it");
	is_int(linkage(btf, len, "add_one"), BTF_FUNC_GLOBAL,
	       "the ordinary global function add_one stays global");
	free(btf);
	bb_object_set_var(o, "filter_tgid", &me, sizeof(me), &err);
	ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "the verifier accepts the program (read_through checked in context)"))
		diag("%s\n%s", err.msg, bb_err_log(&err));
	if (!ret)
		ret = bb_object_attach(o, &err);
	syscall(SYS_getpid);
	if (!ret)
		bb_object_get_var(o, "result", &result, sizeof(result), &err);
	is_int(result, 42002, "and it computed read_through(&41) * 1000 + add_one(1)");
	bb_object_close(o);
	return done_testing();
}
