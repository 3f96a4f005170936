// SPDX-License-Identifier: GPL-2.0
/*
 * btf_target.c - name -> kernel BTF id, for programs whose context the
 * verifier types from BTF.
 *
 * The verifier reads a tp_btf or fentry program's arguments through the
 * BTF of what it is attached to, so the target is part of the load, not
 * of the attach: BPF_PROG_LOAD carries attach_btf_id, an id in
 * /sys/kernel/btf/vmlinux (attach_btf_obj_fd would name a module's BTF;
 * we only look in vmlinux).
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>

#include "elf/base/fmt.h"
#include "loader/load/btf_target.h"
#include "loader/load/freplace.h"
#include "loader/load/obj_core.h"

#define TP_BTF_TYPEDEF_PREFIX "btf_trace_"

static bool btf_target_needed(const struct bb_prog *prog)
{
	return sec_def_needs_btf_id(prog->spec->def);
}

/*
 * The name the kernel's BTF gives the target: a tp_btf target is the
 * typedef btf_trace_NAME, an iterator the function bpf_iter_NAME (5.8),
 * an LSM hook the function bpf_lsm_NAME (5.7); fentry & co. name the
 * function itself.
 */
static const char *btf_target_prefix(const struct sec_def *def)
{
	if (def->prog_type == BPF_PROG_TYPE_LSM)
		return "bpf_lsm_";
	if (def->expected_attach_type == BPF_TRACE_ITER)
		return "bpf_iter_";
	if (def->expected_attach_type == BPF_TRACE_RAW_TP)
		return TP_BTF_TYPEDEF_PREFIX;
	return "";
}

/* Why a target may be missing from the kernel's BTF. */
static const char *btf_target_missing(const struct sec_def *def)
{
	if (def->prog_type == BPF_PROG_TYPE_LSM)
		return "no such LSM hook in this kernel (a hook is named as its security_ function without the prefix: file_open, socket_create...)";
	if (def->expected_attach_type == BPF_TRACE_RAW_TP)
		return "no such tracepoint in this kernel";
	return "no such kernel function (or it is inlined or static without BTF)";
}

int btf_target_resolve(struct bb_prog *prog, const struct kernel_btf *kb,
		       struct bb_err *err)
{
	const char *target = prog->spec->target;
	bool tp = prog->spec->def->expected_attach_type == BPF_TRACE_RAW_TP;
	char name[300];
	int id, ret;

	ret = symbol_name_check(target, prog->spec->section, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	fmt_snprintf(name, sizeof(name), "%s%s",
		     btf_target_prefix(prog->spec->def), target);
	id = btf_find(&kb->btf, name, tp ? BTF_KIND_TYPEDEF : BTF_KIND_FUNC);
	/* ESRCH, as libbpf answers: the same errno under both loaders. */
	if (id < 0)
		return bb_errf(err, -ESRCH,
			       "program '%s' (section '%s'): kernel BTF has no %s %s: %s",
			       prog->spec->name, prog->spec->section,
			       tp ? "typedef" : "function", name,
			       btf_target_missing(prog->spec->def));
	prog->attach_btf_id = id;
	return 0;
}

int btf_target_find(struct bb_prog *prog, struct kernel_types *k,
		    struct bb_err *err)
{
	int ret;

	/* freplace: the target is in another program's BTF, not the kernel's. */
	if (prog->spec->def->prog_type == BPF_PROG_TYPE_EXT)
		return freplace_target_find(prog, err);
	ret = kernel_types_get(k, NULL, err);

	return ret ? ret : btf_target_resolve(prog, &k->kb, err);
}

/*
 * What needs a BPF trampoline (or, for freplace, the same patching of a
 * JITed entry), in the words of the refusal; NULL: nothing does.
 */
static const char *trampoline_user(const struct bb_prog *prog)
{
	uint32_t t = prog->spec->def->expected_attach_type;

	if (!btf_target_needed(prog))
		return NULL;
	if (prog->spec->def->prog_type == BPF_PROG_TYPE_LSM)
		return "BPF LSM programs";
	if (prog->spec->def->prog_type == BPF_PROG_TYPE_EXT)
		return "freplace programs";
	if (t == BPF_TRACE_FENTRY || t == BPF_TRACE_FEXIT)
		return "fentry/fexit";
	return t == BPF_MODIFY_RETURN ? "fmod_ret" : NULL;
}

/*
 * Seen on this project's Linux 6.18 host: BPF_PROG_LOAD of an fentry
 * program fails with EPERM, as root, before the verifier has said a word,
 * while tp_btf programs (no trampoline) load.  Kernels that load it but
 * cannot patch the function answer ENOTSUPP at attach time.
 */
int btf_target_refused(const struct bb_prog *prog, int ret,
		       struct bb_err *err)
{
	const char *what = trampoline_user(prog);

	if (!what || (ret != -EPERM && ret != -ENOTSUP && ret != -ENOTSUPP))
		return ret;
	return bb_err_prefix(err, ret,
			     "this kernel does not support %s (they need BPF trampolines, "
			     "CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS; as root, %s from BPF_PROG_LOAD means that)",
			     what, ret == -EPERM ? "EPERM" : "ENOTSUPP");
}
