// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/sys/narrate.h"
#include "loader/load/obj_core.h"

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

/* One line per relocation, with --verbose (narrate.h). */
static void narrate(const struct bb_prog *prog, const struct core_reloc *r,
		    const struct core_result *res, const struct kernel_types *k)
{
	const char *p = prog->spec->name;
	unsigned long long o = res->old_val, n = res->new_val;

	if (!narrate_on())
		return;
	if (r->kind == BPF_CORE_TYPE_ID_LOCAL)
		narrate_say("core: %s: insn %u: %s: local type id %llu", p,
			    r->insn, res->what, o);
	else if (res->poisoned)
		narrate_say("core: %s: insn %u: %s: no match in the kernel: poisoned",
			    p, r->insn, res->what);
	else if (!res->target_id)
		narrate_say("core: %s: insn %u: %s: no match in the kernel: %llu -> %llu",
			    p, r->insn, res->what, o, n);
	else
		narrate_say("core: %s: insn %u: %s: kernel type %u '%s': %llu -> %llu",
			    p, r->insn, res->what, res->target_id,
			    btf_str(&k->kb.btf,
				    btf_type(&k->kb.btf, res->target_id)->name_off),
			    o, n);
}

/*
 * A relocation without a match turns its instruction into a call to the
 * made-up helper 0xbad2310 (195896080): harmless unless the verifier
 * reaches it, which its log then says.
 */
int prog_core_refused(const struct bb_prog *prog, int ret,
		      struct bb_err *err)
{
	if (!prog->nr_poisoned || !err || !err->detail ||
	    !strstr(err->detail, "unknown#195896080"))
		return ret;
	return bb_err_prefix(err, ret,
			     "%u CO-RE relocation(s) found no match in this kernel and the verifier reached one (call to 0xbad2310); the first: %s",
			     prog->nr_poisoned, prog->poisoned);
}

int prog_core_relocate(struct bb_prog *prog, const struct bb_object *obj,
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
		narrate(prog, &s->cores[i], &res, k);
		if (res.poisoned && !prog->nr_poisoned++)
			fmt_snprintf(prog->poisoned, sizeof(prog->poisoned), "%s", res.what);
	}
	return 0;
}
