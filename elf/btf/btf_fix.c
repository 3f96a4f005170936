// SPDX-License-Identifier: GPL-2.0
/*
 * btf_fix.c - the object's BTF as the kernel will accept it.
 *
 * clang 14 writes each DATASEC (.rodata, .data, .bss, .maps, .kconfig)
 * with size 0 and every variable at offset 0: where a variable lands is
 * only known once the ELF is laid out, so the loader is expected to fill
 * them in.  The kernel's BTF_LOAD refuses a DATASEC of size 0 and
 * variables out of offset order (kernel/bpf/btf.c, btf_datasec_check_meta),
 * and an extern variable (linkage "extern", e.g. a .kconfig extern) at
 * all.  So we copy the .BTF bytes and, in the copy:
 *   - DATASEC size = the ELF section's size (or, for a section that has
 *     no ELF counterpart like .kconfig, the size of the map we made);
 *   - each variable's offset = its symbol's value (or our layout);
 *   - the variables sorted by offset;
 *   - extern variables made "global allocated": we do allocate them;
 *   - the DATASEC .ksyms and its externs as btf_ksyms.c says;
 *   - global functions of hidden visibility (__hidden, as libbpf's
 *     usdt.bpf.h writes them) made static, as libbpf does: the verifier
 *     checks a global function alone, for any argument (5.6+), a static
 *     one in the context of each call, so code only safe in context (a
 *     pointer argument used without a NULL check) passes only as static.
 *     Global functions others may call stay global.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/sort.h"
#include "elf/spec.h"

static int vsi_cmp(const void *a, const void *b)
{
	const struct btf_var_secinfo *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Offset of variable @name in section @sec: its symbol, or our layout. */
static int var_offset(const struct obj_spec *spec, int sec,
		      const struct map_spec *map, const char *name,
		      uint32_t *off)
{
	uint32_t i;

	for (i = 0; sec >= 0 && i < spec->elf.nr_symbols; i++) {
		const struct elf_symbol *s = &spec->elf.symbols[i];

		if (s->shndx == sec && !strcmp(s->name, name) &&
		    s->type != STT_SECTION && s->value <= UINT32_MAX) {
			*off = s->value;
			return 0;
		}
	}
	for (i = 0; map && i < spec->nr_vars; i++) {
		if (&spec->maps[spec->vars[i].map] == map &&
		    !strcmp(spec->vars[i].name, name)) {
			*off = spec->vars[i].off;
			return 0;
		}
	}
	return -ENOENT;
}

static const struct map_spec *data_map(const struct obj_spec *spec,
				       const char *name)
{
	const struct map_spec *m = obj_spec_map(spec, name);

	return m && m->global_data ? m : NULL;
}

static int fix_datasec(const struct obj_spec *spec, struct btf *btf,
		       struct btf_type *t, struct bb_err *err)
{
	const char *name = btf_str(btf, t->name_off);
	struct btf_var_secinfo *vs = (struct btf_var_secinfo *)(t + 1);
	int sec = elf_find_section(&spec->elf, name ? name : "");
	const struct map_spec *map = data_map(spec, name ? name : "");
	uint32_t i;

	if (sec >= 0 && spec->elf.sections[sec].size <= UINT32_MAX)
		t->size = spec->elf.sections[sec].size;
	else if (map)
		t->size = map->value_size;
	else if (!t->size)
		return bb_errf(err, -ENOENT,
			       "btf: DATASEC '%s': no ELF section or map of that name to size it",
			       name ? name : "?");
	for (i = 0; i < btf_vlen(t); i++) {
		struct btf_type *var = (struct btf_type *)btf_type(btf, vs[i].type);
		const char *vname = var ? btf_str(btf, var->name_off) : NULL;

		if (!var || btf_kind(var) != BTF_KIND_VAR)
			continue;	/* a FUNC in .ksyms: nothing to place */
		if (var_offset(spec, sec, map, vname ? vname : "", &vs[i].offset))
			return bb_errf(err, -ENOENT,
				       "btf: DATASEC '%s': no symbol for variable '%s'",
				       name, vname ? vname : "?");
		if (*(uint32_t *)(var + 1) == BTF_VAR_GLOBAL_EXTERN)
			*(uint32_t *)(var + 1) = BTF_VAR_GLOBAL_ALLOCATED;
	}
	sort(vs, btf_vlen(t), sizeof(*vs), vsi_cmp);
	return 0;
}

/* Is @name a function of the object's code with hidden visibility? */
static int func_hidden(const struct obj_spec *spec, const char *name)
{
	uint32_t i;

	for (i = 0; name && i < spec->elf.nr_symbols; i++) {
		const struct elf_symbol *s = &spec->elf.symbols[i];

		if (s->type == STT_FUNC && s->visibility == STV_HIDDEN &&
		    !strcmp(s->name, name))
			return 1;
	}
	return 0;
}

static void fix_func(const struct obj_spec *spec, const struct btf *btf,
		     struct btf_type *t)
{
	if (btf_vlen(t) == BTF_FUNC_GLOBAL &&
	    func_hidden(spec, btf_str(btf, t->name_off)))
		t->info = (t->info & ~0xffffu) | BTF_FUNC_STATIC;
}

/* The .BTF bytes, with room for what .ksyms needs if the object has it. */
static int copy_btf(const struct obj_spec *spec, const struct elf_section *s,
		    uint8_t **out, size_t *len, struct bb_err *err)
{
	if (spec->nr_ksyms)
		return btf_ksyms_grow(s->data, s->size, out, len, err);
	*out = malloc(s->size ? s->size : 1);	/* malloc: aligned for u32s */
	if (!*out)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(*out, s->data, s->size);
	*len = s->size;
	return 0;
}

static int fix_type(const struct obj_spec *spec, struct btf *btf,
		    struct btf_type *t, struct bb_err *err)
{
	const char *name = btf_str(btf, t->name_off);

	if (btf_kind(t) == BTF_KIND_FUNC)
		fix_func(spec, btf, t);
	if (btf_kind(t) != BTF_KIND_DATASEC)
		return 0;
	if (spec->nr_ksyms && name && !strcmp(name, ".ksyms") &&
	    btf_ksyms_fix(btf, t))
		return bb_errf(err, -EINVAL, "btf: DATASEC '.ksyms': the types appended for it are missing");
	if (name && !strcmp(name, ".ksyms"))
		return 0;
	return fix_datasec(spec, btf, t, err);
}

int btf_fixed_copy(const struct obj_spec *spec, uint8_t **out, size_t *len,
		   struct bb_err *err)
{
	int idx = elf_find_section(&spec->elf, ".BTF");
	uint8_t *copy = NULL;
	struct btf btf;
	uint32_t id;
	int ret;

	if (idx < 0 || !spec->has_btf)
		return bb_errf(err, -ENOENT, "the object has no .BTF section");
	ret = copy_btf(spec, &spec->elf.sections[idx], &copy, len, err);
	if (ret)
		return ret;
	ret = btf_parse(&btf, copy, *len, err);
	for (id = 1; !ret && id < btf.nr_types; id++)
		ret = fix_type(spec, &btf, (struct btf_type *)btf_type(&btf, id),
			       err);
	btf_free(&btf);
	if (ret) {
		free(copy);
		return ret;
	}
	*out = copy;
	return 0;
}
