// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/sys/narrate.h"
#include "loader/load/obj_core.h"

static bool has_name(const struct kernel_types *k, const char *name)
{
	uint32_t i;

	for (i = 0; i < k->nr_names; i++)
		if (!strcmp(k->names[i], name))
			return true;
	return false;
}

/* Add the names @spec's relocations look for; -errno, or how many were new. */
static int add_names(struct kernel_types *k, const struct obj_spec *spec)
{
	const struct prog_spec *p;
	const char *name;
	char **more;
	uint32_t i, j;
	int added = 0;

	for (i = 0; i < spec->nr_progs; i++) {
		p = &spec->progs[i];
		for (j = 0; j < p->nr_cores; j++) {
			name = core_reloc_name(&spec->btf, &p->cores[j]);
			if (!*name || has_name(k, name))
				continue;
			more = realloc(k->names, (k->nr_names + 1) * sizeof(*more));
			if (!more)
				return -ENOMEM;
			k->names = more;
			k->names[k->nr_names] = strdup(name);
			if (!k->names[k->nr_names])
				return -ENOMEM;
			k->nr_names++;
			added++;
		}
	}
	return added;
}

int kernel_types_get(struct kernel_types *k, const struct obj_spec *core_of,
		     struct bb_err *err)
{
	int ret;

	if (!k->loaded) {
		ret = kernel_btf_load(&k->kb, err);
		if (ret)
			return ret;
		k->loaded = true;
	}
	if (!core_of)
		return 0;
	ret = add_names(k, core_of);
	if (ret < 0)
		return bb_errf(err, ret, "core: out of memory");
	if (ret && k->indexed) {
		core_target_free(&k->tg);
		k->indexed = false;
	}
	if (!k->indexed) {
		ret = core_target_init(&k->tg, &k->kb.btf, (const char **)k->names,
				       k->nr_names, err);
		if (ret)
			return ret;
		k->indexed = true;
	}
	return 0;
}

void kernel_types_free(struct kernel_types *k)
{
	uint32_t i;

	if (k->indexed)
		core_target_free(&k->tg);
	if (k->loaded)
		kernel_btf_free(&k->kb);
	for (i = 0; i < k->nr_names; i++)
		free(k->names[i]);
	free(k->names);
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
	ret = kernel_types_get(k, &obj->spec, err);
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
