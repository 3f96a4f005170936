// SPDX-License-Identifier: GPL-2.0
/*
 * ksym_errors.c - __ksym externs against the real kernel BTF (read from
 * /sys/kernel/btf/vmlinux) but a fake kernel (no module BTF, programs
 * recorded, not verified):
 *   - a kfunc no kernel has, not __weak: refused before BPF_PROG_LOAD,
 *     naming the extern and the program;
 *   - a kfunc declared with the wrong parameters: refused, saying what
 *     differs;
 *   - ksym_calls: the kernel gets each kfunc call as
 *     BPF_PSEUDO_KFUNC_CALL with the FUNC's vmlinux BTF id, and the call
 *     of the absent weak kfunc as the poisoned helper call 2002000000 + its
 *     index.
 */
#include "loader/load/kernel_btf.h"
#include "loader/load/ksym.h"
#include "loader/object/object.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

/* Open @file, switch on only @prog, load; bb_object_load's result. */
static int load_one(const char *file, const char *prog, struct bb_err *err)
{
	struct bb_object *o = NULL;
	uint32_t i;
	int ret;

	fake_reset();
	memset(err, 0, sizeof(*err));
	ret = bb_object_open(&o, fake_obj_path(file), err);
	if (ret)
		return ret;
	for (i = 0; i < o->spec.nr_progs; i++)
		o->progs[i].off = strcmp(o->spec.progs[i].name, prog) != 0;
	ret = bb_object_load(o, err);
	bb_object_close(o);
	return ret;
}

static void unknown(void)
{
	struct bb_err err;
	int ret = load_one("test/ksym_errors.bpf.o", "ksym_unknown", &err);

	is_int(ret, -ENOENT, "non-weak unknown kfunc: -ENOENT");
	like(err.msg, "program 'ksym_unknown': kfunc 'bb_no_such_kfunc_strong' not found in vmlinux or module BTF",
	     "the message names the extern and the program");
	is_int(fk.nr_progs, 0, "no BPF_PROG_LOAD was made");
}

static void mismatch(void)
{
	struct bb_err err;
	int ret = load_one("test/ksym_errors.bpf.o", "ksym_mismatch", &err);

	is_int(ret, -EINVAL, "kfunc declared wrong: -EINVAL");
	like(err.msg, "program 'ksym_mismatch': kfunc 'bpf_task_acquire' is not declared as the kernel has it: 2 parameter(s) here, 1 in the kernel",
	     "the message says what differs");
	is_int(fk.nr_progs, 0, "no BPF_PROG_LOAD was made");
}

/* The BTF id of FUNC @name in this kernel, or -1. */
static int kernel_func(const char *name)
{
	struct kernel_btf kb;
	struct bb_err err = { 0 };
	int id = -1;

	if (kernel_btf_load(&kb, &err) == 0) {
		id = btf_find(&kb.btf, name, BTF_KIND_FUNC);
		kernel_btf_free(&kb);
	}
	return id;
}

static void calls(void)
{
	int from_pid = kernel_func("bpf_task_from_pid");
	int release = kernel_func("bpf_task_release");
	int kfuncs = 0, poisoned = 0, other = 0;
	struct bb_err err;
	uint32_t i;
	int ret = load_one("test/ksym_errors.bpf.o", "ksym_calls", &err);

	if (!ok(ret == 0 && fk.nr_progs == 1, "ksym_calls loads"))
		diag("%s", err.msg);
	for (i = 0; ret == 0 && i < fk.progs[0].insn_cnt; i++) {
		const struct bpf_insn *in = &fk.progs[0].insns[i];

		if (in->code != (BPF_JMP | BPF_CALL))
			continue;
		if (in->src_reg == BPF_PSEUDO_KFUNC_CALL && in->off == 0 &&
		    (in->imm == from_pid || in->imm == release))
			kfuncs++;
		else if (in->src_reg == 0 && in->imm >= KSYM_POISON_BASE &&
			 in->imm < KSYM_POISON_BASE + 16)
			poisoned++;
		else if (in->src_reg != 0)
			other++;
	}
	is_int(kfuncs, 2, "two kfunc calls, with the vmlinux BTF ids of bpf_task_from_pid (%d) and bpf_task_release (%d)",
	       from_pid, release);
	is_int(poisoned, 1, "the absent weak kfunc's call is helper 2002000000 + n");
	is_int(other, 0, "no call is left with clang's src_reg 1");
}

int main(void)
{
	fake_install();
	unknown();
	mismatch();
	calls();
	return done_testing();
}
