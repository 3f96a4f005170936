// SPDX-License-Identifier: GPL-2.0
/*
 * ksym.c - kfuncs and kernel variables (__ksym), found in this kernel.
 *
 * elf/ksyms.c says what each .ksyms extern is; here we ask the kernel
 * where it is, the first time a program uses it, and write the answer
 * into the instructions:
 *   - a kfunc call: src_reg BPF_PSEUDO_KFUNC_CALL, imm = the id of the
 *     FUNC of that name in /sys/kernel/btf/vmlinux or, if vmlinux lacks
 *     it, in a module's BTF (ksym_module.c) (Linux 5.13+; which kfuncs a
 *     program type may call depends on the kernel version);
 *   - ld_imm64 of a typed variable (or of a kfunc, for bpf_ksym_exists()):
 *     src_reg BPF_PSEUDO_BTF_ID, imm = the id of its VAR (FUNC: 6.3+);
 *   - ld_imm64 of an untyped one: its address from /proc/kallsyms, read
 *     only when the object has such an extern.
 * An absent __weak extern reads as 0, and a call to an absent __weak kfunc
 * becomes a call to a helper that does not exist (KSYM_POISON_BASE + its
 * index): dead code under a false bpf_ksym_exists(), which the verifier
 * removes (6.1 and 6.18 alike).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/num.h"
#include "loader/load/kallsyms.h"
#include "loader/load/ksym.h"
#include "loader/load/obj_core.h"
#include "loader/sys/narrate.h"

static const char *kind_name(enum ksym_kind kind)
{
	return kind == KSYM_FUNC ? "kfunc" : kind == KSYM_VAR ? "typed __ksym" :
	       "untyped __ksym";
}

/* The kernel's FUNC or VAR @ks names, checked against the declaration. */
static int find_btf(const struct bb_prog *prog, const struct ksym_spec *ks,
		    struct ksym_value *v, struct kernel_types *k,
		    struct bb_err *err)
{
	const struct bb_object *obj = prog->obj;
	char why[160];
	int id, ret;

	ret = kernel_types_get(k, NULL, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s' uses %s '%s'",
				     prog->spec->name, kind_name(ks->kind), ks->name);
	id = btf_find(&k->kb.btf, ks->name,
		      ks->kind == KSYM_FUNC ? BTF_KIND_FUNC : BTF_KIND_VAR);
	if (id < 0) {
		v->pending = true;	/* a module's? (ksym_module.c) */
		return 0;
	}
	if (ks->kind == KSYM_FUNC &&
	    btf_func_compat(&obj->spec.btf, ks->type_id, &k->kb.btf, id, why,
			    sizeof(why)))
		return bb_errf(err, -EINVAL,
			       "%s: program '%s': kfunc '%s' is not declared as the kernel has it: %s",
			       obj->path, prog->spec->name, ks->name, why);
	v->btf_id = id;
	v->found = true;
	return 0;
}

static int find_addr(const struct bb_prog *prog, const struct ksym_spec *ks,
		     struct ksym_value *v, struct bb_err *err)
{
	struct bytes text = { 0 };
	int ret;

	narrate_say("ksym: reading %s for untyped __ksym '%s'", KALLSYMS_PATH,
		    ks->name);
	ret = kallsyms_read(&text, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s' uses untyped __ksym '%s'",
				     prog->spec->name, ks->name);
	ret = kallsyms_lookup(&text, ks->name, &v->addr);
	free((void *)text.data);
	if (ret == -ENOTUNIQ)
		return bb_errf(err, ret, "%s: program '%s': untyped __ksym '%s' is at two addresses in %s",
			       prog->obj->path, prog->spec->name, ks->name, KALLSYMS_PATH);
	if (!ret && !v->addr)
		return bb_errf(err, -EPERM, "%s: program '%s': untyped __ksym '%s': %s shows address 0 (not root, or kptr_restrict)",
			       prog->obj->path, prog->spec->name, ks->name, KALLSYMS_PATH);
	if (ret && !ks->weak)
		return bb_errf(err, ret, "%s: program '%s': untyped __ksym '%s' not found in %s",
			       prog->obj->path, prog->spec->name, ks->name, KALLSYMS_PATH);
	v->found = !ret;
	return 0;
}

static void narrate(const struct ksym_spec *ks, const struct ksym_value *v)
{
	if (v->btf_fd)
		return;		/* ksym_module.c said where */
	if (!v->found)
		narrate_say("ksym: %s '%s': absent, __weak: 0", kind_name(ks->kind),
			    ks->name);
	else if (ks->kind == KSYM_ADDR)
		narrate_say("ksym: %s '%s': address 0x%llx", kind_name(ks->kind),
			    ks->name, (unsigned long long)v->addr);
	else
		narrate_say("ksym: %s '%s': vmlinux BTF id %u", kind_name(ks->kind),
			    ks->name, v->btf_id);
}

static int resolve(struct bb_prog *prog, uint32_t i, struct kernel_types *k,
		   struct bb_err *err)
{
	const struct ksym_spec *ks = &prog->obj->spec.ksyms[i];
	struct ksym_value *v = &prog->obj->ksyms[i];
	int ret;

	if (v->done || v->pending)
		return 0;
	ret = ks->kind == KSYM_ADDR ? find_addr(prog, ks, v, err) :
	      find_btf(prog, ks, v, k, err);
	if (ret || v->pending)
		return ret;
	v->done = true;
	narrate(ks, v);
	return 0;
}

/* Those vmlinux lacks: in a module, or absent (fine if __weak). */
static int find_pending(struct bb_prog *prog, struct kernel_types *k,
			bool any, struct bb_err *err)
{
	struct bb_object *obj = prog->obj;
	const struct ksym_spec *ks;
	uint32_t i;
	int ret;

	ret = any ? ksym_modules_find(obj, k, err) : 0;
	for (i = 0; !ret && i < obj->spec.nr_ksyms; i++) {
		ks = &obj->spec.ksyms[i];
		if (!obj->ksyms[i].pending)
			continue;
		if (!ks->weak)
			return bb_errf(err, -ENOENT,
				       "%s: program '%s': %s '%s' not found in vmlinux or module BTF (declare it __weak to load without it)",
				       obj->path, prog->spec->name, kind_name(ks->kind), ks->name);
		obj->ksyms[i] = (struct ksym_value){ .done = true };
		narrate(ks, &obj->ksyms[i]);
	}
	return ret;
}

static bool is_ksym(const struct reloc_spec *r)
{
	return r->kind == RELOC_KSYM_CALL || r->kind == RELOC_KSYM_LD;
}

static void patch(struct bpf_insn *in, const struct reloc_spec *r,
		  const struct ksym_spec *ks, const struct ksym_value *v)
{
	if (r->kind == RELOC_KSYM_CALL) {
		in->src_reg = v->found ? BPF_PSEUDO_KFUNC_CALL : 0;
		in->off = v->fd_idx;
		in->imm = v->found ? (int32_t)v->btf_id :
			  KSYM_POISON_BASE + (int32_t)r->ksym;
		return;
	}
	in[0].src_reg = v->found && ks->kind != KSYM_ADDR ? BPF_PSEUDO_BTF_ID : 0;
	in[0].imm = ks->kind == KSYM_ADDR ? (uint32_t)v->addr : v->btf_id;
	in[1].imm = ks->kind == KSYM_ADDR ? (int32_t)(v->addr >> 32) : v->btf_fd;
}

int ksyms_relocate(struct bb_prog *prog, struct kernel_types *k,
		   struct bb_err *err)
{
	const struct prog_spec *s = prog->spec;
	struct bb_object *obj = prog->obj;
	const struct reloc_spec *r;
	bool pending = false;
	uint32_t i;
	int ret = 0;

	if (!obj->ksyms)
		obj->ksyms = calloc(obj->spec.nr_ksyms + 1, sizeof(*obj->ksyms));
	if (!obj->ksyms)
		return bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; !ret && i < s->nr_relocs; i++) {
		r = &s->relocs[i];
		if (!is_ksym(r))
			continue;
		if (r->ksym >= obj->spec.nr_ksyms ||
		    r->insn + (r->kind == RELOC_KSYM_LD) >= s->nr_insns)
			return bb_errf(err, -EINVAL, "program '%s': relocation of instruction %u: no such __ksym",
				       s->name, r->insn);
		ret = resolve(prog, r->ksym, k, err);
		pending |= obj->ksyms[r->ksym].pending;
	}
	ret = ret ? ret : find_pending(prog, k, pending, err);
	for (i = 0; !ret && i < s->nr_relocs; i++)
		if (is_ksym(&s->relocs[i]))
			patch(&prog->insns[s->relocs[i].insn], &s->relocs[i],
			      &obj->spec.ksyms[s->relocs[i].ksym],
			      &obj->ksyms[s->relocs[i].ksym]);
	return ret;
}

/* Did the verifier reach the call of an absent kfunc (its log says)? */
static int poison_reached(const struct bb_prog *prog, int ret,
			  struct bb_err *err)
{
	const char *at = err && err->detail ? strstr(err->detail, "unknown#2002") : NULL;
	uint64_t i = 0;

	if (!at || num_parse(at + strlen("unknown#"), UINT32_MAX, &i, NULL) ||
	    i < KSYM_POISON_BASE || i - KSYM_POISON_BASE >= prog->obj->spec.nr_ksyms)
		return ret;
	return bb_err_prefix(err, ret,
			     "kfunc '%s' is not in this kernel and the verifier reached a call to it (guard it with bpf_ksym_exists())",
			     prog->obj->spec.ksyms[i - KSYM_POISON_BASE].name);
}

/* The first typed __ksym variable @prog loads, or NULL. */
static const char *var_used(const struct bb_prog *prog)
{
	const struct prog_spec *s = prog->spec;
	uint32_t i;

	for (i = 0; i < s->nr_relocs; i++)
		if (s->relocs[i].kind == RELOC_KSYM_LD &&
		    s->relocs[i].ksym < prog->obj->spec.nr_ksyms &&
		    prog->obj->spec.ksyms[s->relocs[i].ksym].kind == KSYM_VAR &&
		    prog->obj->ksyms[s->relocs[i].ksym].found)
			return prog->obj->spec.ksyms[s->relocs[i].ksym].name;
	return NULL;
}

int ksyms_refused(const struct bb_prog *prog, int ret, struct bb_err *err)
{
	/*
	 * The verifier finds a variable's address by name in kallsyms, which
	 * lists variables only with CONFIG_KALLSYMS_ALL: else ENOENT.
	 */
	if (ret == -ENOENT && prog->obj->ksyms && var_used(prog))
		return bb_err_prefix(err, ret,
				     "the kernel found no address for kernel variable '%s' (it lists variables in kallsyms only when built with CONFIG_KALLSYMS_ALL)",
				     var_used(prog));
	return poison_reached(prog, ret, err);
}
