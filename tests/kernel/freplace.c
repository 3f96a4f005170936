// SPDX-License-Identifier: GPL-2.0
/*
 * freplace.c - an extension (freplace/FUNC, BPF_PROG_TYPE_EXT) replaces a
 * global function of a loaded program: freplace_target.bpf.o's syscall
 * program returns decide()'s 1 under BPF_PROG_RUN; once freplace.bpf.o's
 * decide_two is loaded against it (bb_prog_set_attach_target() with the
 * target's fd) and attached, the same run of the *target* returns 2; once
 * the link is closed, 1 again.  The loader's own refusals (no target, a
 * target without BTF, a function the target lacks) come before any load.
 * Where the kernel refuses BPF trampolines (this project's host) the
 * error must say so; BAREBPF_EXPECT_FENTRY=1 (the VM tier) makes that a
 * failure.
 */
#include <errno.h>

#include "tests/kernel/attach.h"

static uint32_t run_target(struct bb_prog *target)
{
	uint32_t retval = 0;
	struct bb_err err = { 0 };

	if (bb_prog_run(target, NULL, 0, &retval, &err))
		diag("%s", err.msg);
	return retval;
}

/* Open freplace.bpf.o with only program @name on, against @target_fd. */
static int open_ext(const char *name, int target_fd, struct bb_object **o,
		    struct bb_err *err)
{
	char path[PATH_MAX];
	uint32_t i;
	int ret;

	attach_obj_path("freplace", path, sizeof(path));
	ret = bb_object_open(o, path, err);
	for (i = 0; !ret && i < (*o)->spec.nr_progs; i++) {
		struct bb_prog *p = &(*o)->progs[i];

		bb_prog_set_autoload(p, !strcmp(p->spec->name, name));
		if (target_fd >= 0)
			bb_prog_set_attach_target(p, target_fd);
	}
	return ret ? ret : bb_object_load(*o, err);
}

/* A program loaded with no BTF at all: return 0. */
static int prog_without_btf(void)
{
	static const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct prog_load_args a = {
		.type = BPF_PROG_TYPE_SOCKET_FILTER,
		.insns = insns,
		.nr_insns = 2,
		.license = "GPL",
		.name = "bb_no_btf",
	};

	return sys_prog_load(&a);
}

static void refusals(int target_fd)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret, bare;

	ret = open_ext("decide_two", -1, &o, &err);
	is_int(ret, -EINVAL, "no target: refused (EINVAL)");
	like(err.msg, "bb_prog_set_attach_target(prog, that program's fd)", "and told what it needs");
	bb_object_close(o);
	bb_err_free(&err);
	ret = open_ext("not_there", target_fd, &o, &err);
	is_int(ret, -ENOENT, "freplace/no_such_func: refused (ENOENT)");
	like(err.msg, "has no function 'no_such_func' in its BTF", "the target has no such function");
	bb_object_close(o);
	bb_err_free(&err);
	bare = prog_without_btf();
	ok(bare >= 0, "a program without BTF loads");
	ret = open_ext("decide_two", bare, &o, &err);
	is_int(ret, -EINVAL, "against it: refused (EINVAL)");
	like(err.msg, "('bb_no_btf') has no BTF", "it has no BTF");
	bb_object_close(o);
	bb_err_free(&err);
	if (bare >= 0)
		sys_close(bare);
}

static void replace(struct bb_prog *target)
{
	struct bb_object *o = NULL;
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = open_ext("decide_two", bb_prog_fd(target), &o, &err);
	if (!ret)
		ret = bb_prog_attach(bb_object_find_prog(o, "decide_two"), &link, &err);
	if (ret) {
		if (!ok(!attach_expect_fentry(), "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1): %s", err.msg))
			diag("%s", bb_err_log(&err));
		is_int(ret, -EPERM, "refused with EPERM");
		like(err.msg, "this kernel does not support freplace programs", "refused: the error says why");
		goto out;
	}
	ok(1, "decide_two loaded against run_decide's decide() and attached");
	is_int(attach_link_type(bb_link_fd(link)), BPF_LINK_TYPE_TRACING, "through a tracing link");
	is_int(run_target(target), 2, "the target now returns 2: decide() is replaced");
	bb_link_destroy(link);
	is_int(run_target(target), 1, "link closed: 1 again");
out:
	bb_object_close(o);
	bb_err_free(&err);
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *t = NULL;
	struct bb_err err = { 0 };
	struct bb_prog *target;
	int ret;

	attach_obj_path("freplace_target", path, sizeof(path));
	ret = bb_object_open(&t, path, &err);
	if (!ret)
		ret = bb_object_load(t, &err);
	if (!ok(ret == 0, "freplace_target.bpf.o loads"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	target = bb_object_find_prog(t, "run_decide");
	is_int(run_target(target), 1, "BPF_PROG_RUN of run_decide: decide() returns 1");
	refusals(bb_prog_fd(target));
	replace(target);
	bb_object_close(t);
	return done_testing();
}
