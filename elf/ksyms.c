// SPDX-License-Identifier: GPL-2.0
/*
 * ksyms.c - externs of the running kernel (__ksym, section .ksyms).
 *
 * "extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;" leaves
 * an undefined symbol in the ELF and, in the BTF DATASEC ".ksyms", the
 * FUNC with linkage "extern"; "extern const struct rq runqueues __ksym;"
 * leaves a VAR there, of its type (void when declared "const void").
 * Which each is decides what the loader writes (loader/load/ksym.c):
 *   - a FUNC is a kfunc: a call to it becomes BPF_PSEUDO_KFUNC_CALL with
 *     the BTF id of that FUNC in the kernel's BTF (Linux 5.13+);
 *   - a VAR of a real type: ld_imm64 with BPF_PSEUDO_BTF_ID and the id of
 *     the kernel's VAR, so the verifier knows its type (5.10+);
 *   - a VAR of type void: ld_imm64 of its address, from /proc/kallsyms.
 * __weak (an ELF symbol of binding WEAK) lets it be absent: 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

#define KSYMS_SEC ".ksyms"

static int one(const struct obj_spec *spec, uint32_t id,
	       struct ksym_spec *k, struct bb_err *err)
{
	const struct btf_type *t = btf_type(&spec->btf, id);
	uint32_t real;

	k->name = t ? btf_str(&spec->btf, t->name_off) : NULL;
	if (!k->name || !*k->name)
		return bb_errf(err, -EINVAL, "btf: DATASEC '.ksyms': type %u is not a named extern", id);
	if (btf_kind(t) == BTF_KIND_FUNC) {
		k->kind = KSYM_FUNC;
		k->type_id = id;
	} else if (btf_kind(t) == BTF_KIND_VAR) {
		if (btf_skip_mods(&spec->btf, t->type, &real, err))
			return bb_err_prefix(err, -EINVAL, "btf: __ksym '%s'", k->name);
		k->kind = real ? KSYM_VAR : KSYM_ADDR;
		k->type_id = t->type;
	} else {
		return bb_errf(err, -EINVAL, "btf: DATASEC '.ksyms': '%s' is neither a function nor a variable",
			       k->name);
	}
	k->weak = elf_extern_is_weak(&spec->elf, k->name);
	return 0;
}

int ksyms_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds;
	uint32_t i;
	int id, ret = 0;

	if (!spec->has_btf)
		return 0;
	id = btf_find(&spec->btf, KSYMS_SEC, BTF_KIND_DATASEC);
	ds = id > 0 ? btf_type(&spec->btf, id) : NULL;
	if (!ds || !btf_vlen(ds))
		return 0;
	spec->ksyms = calloc(btf_vlen(ds), sizeof(*spec->ksyms));
	if (!spec->ksyms)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	vs = btf_extra(ds);
	for (i = 0; !ret && i < btf_vlen(ds); i++) {
		ret = one(spec, vs[i].type, &spec->ksyms[i], err);
		spec->nr_ksyms += !ret;
	}
	return ret;
}

int ksym_index(const struct obj_spec *spec, const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->nr_ksyms; i++)
		if (!strcmp(spec->ksyms[i].name, name))
			return i;
	return -ENOENT;
}
