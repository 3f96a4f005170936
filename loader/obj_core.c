// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "obj_core.h"

int kernel_types_get(struct kernel_types *k, bool index, struct bb_err *err)
{
	int ret;

	if (!k->loaded) {
		ret = kernel_btf_load(&k->kb, err);
		if (ret)
			return ret;
		k->loaded = true;
	}
	if (index && !k->indexed) {
		ret = core_target_init(&k->tg, &k->kb.btf, err);
		if (ret)
			return ret;
		k->indexed = true;
	}
	return 0;
}

void kernel_types_free(struct kernel_types *k)
{
	if (k->indexed)
		core_target_free(&k->tg);
	if (k->loaded)
		kernel_btf_free(&k->kb);
	memset(k, 0, sizeof(*k));
}

static void narrate(FILE *f, const struct bpf_prog *prog,
		    const struct core_reloc *r, const struct core_result *res,
		    const struct kernel_types *k)
{
	if (!f)
		return;
	if (r->kind == BPF_CORE_TYPE_ID_LOCAL)
		fprintf(f, "core: %s: insn %u: %s: local type id %llu\n",
			prog->spec->name, r->insn, res->what,
			(unsigned long long)res->old_val);
	else if (res->poisoned)
		fprintf(f, "core: %s: insn %u: %s: no match in the kernel: poisoned\n",
			prog->spec->name, r->insn, res->what);
	else if (!res->target_id)
		fprintf(f, "core: %s: insn %u: %s: no match in the kernel: %llu -> %llu\n",
			prog->spec->name, r->insn, res->what,
			(unsigned long long)res->old_val,
			(unsigned long long)res->new_val);
	else
		fprintf(f, "core: %s: insn %u: %s: kernel type %u '%s': %llu -> %llu\n",
			prog->spec->name, r->insn, res->what, res->target_id,
			btf_str(&k->kb.btf,
				btf_type(&k->kb.btf, res->target_id)->name_off),
			(unsigned long long)res->old_val,
			(unsigned long long)res->new_val);
}

int prog_core_relocate(struct bpf_prog *prog, const struct bpf_obj *obj,
		       struct kernel_types *k, struct bb_err *err)
{
	const struct prog_spec *s = prog->spec;
	struct core_result res;
	uint32_t i;
	int ret;

	prog->nr_poisoned = 0;
	if (!s->nr_cores)
		return 0;
	ret = kernel_types_get(k, true, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s' has CO-RE relocations", s->name);
	for (i = 0; i < s->nr_cores; i++) {
		ret = core_apply(&obj->spec.btf, &k->tg, &s->cores[i],
				 prog->insns, s->nr_insns, &res, err);
		if (ret)
			return bb_err_prefix(err, ret, "program '%s': CO-RE relocation #%u",
					     s->name, i);
		narrate(obj->core_log, prog, &s->cores[i], &res, k);
		if (res.poisoned && !prog->nr_poisoned++)
			snprintf(prog->poisoned, sizeof(prog->poisoned), "%s", res.what);
	}
	return 0;
}
