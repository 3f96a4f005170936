// SPDX-License-Identifier: GPL-2.0
/*
 * kconfig.c - extern variables the loader provides (.kconfig).
 *
 * "extern int LINUX_KERNEL_VERSION __kconfig;" leaves an undefined
 * symbol in the ELF and a VAR with linkage "extern" in a BTF DATASEC
 * named ".kconfig".  Its value is only known on the machine that loads
 * the program, so the loader provides it: like global data, all such
 * externs live in one read-only array map (".kconfig"), and each load
 * of one becomes "map value address + offset" (relocs.c).  Here we lay
 * the map out; the loader (loader/kconfig.c) fills in the values.
 *
 * Layout: by alignment, largest first, then by size, then by name, each
 * at the next multiple of its alignment; the map value is rounded up to
 * 8 bytes.  That is the order libbpf uses, so a program's instructions
 * (which hold the offsets) come out the same under both loaders.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/sort.h"
#include "elf/spec.h"

#define KCONFIG_SEC ".kconfig"

struct ext_var {
	const char *name;
	uint32_t type_id, size, align;
};

static int ext_cmp(const void *a, const void *b)
{
	const struct ext_var *x = a, *y = b;

	if (x->align != y->align)
		return x->align > y->align ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Alignment of a scalar (or array of scalars) type: its size, up to 8. */
static uint32_t type_align(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t;
	uint32_t size;
	int depth;

	for (depth = 0; depth < 32; depth++) {
		if (btf_skip_mods(btf, id, &id, NULL))
			return 1;
		t = btf_type(btf, id);
		if (!t || btf_kind(t) != BTF_KIND_ARRAY)
			break;
		id = ((const struct btf_array *)btf_extra(t))->type;
	}
	if (btf_type_size(btf, id, &size, NULL) || !size)
		return 1;
	return size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
}

static int collect(const struct obj_spec *spec, const struct btf_type *ds,
		   struct ext_var *vars, struct bb_err *err)
{
	const struct btf_var_secinfo *vs = btf_extra(ds);
	uint32_t i;

	for (i = 0; i < btf_vlen(ds); i++) {
		const struct btf_type *v = btf_type(&spec->btf, vs[i].type);
		struct ext_var *e = &vars[i];

		if (!v || btf_kind(v) != BTF_KIND_VAR)
			return bb_errf(err, -EINVAL, "btf: DATASEC '.kconfig': entry %u is not a variable", i);
		e->name = btf_str(&spec->btf, v->name_off);
		e->type_id = v->type;
		if (!e->name || btf_type_size(&spec->btf, v->type, &e->size, err))
			return bb_err_prefix(err, -EINVAL, "btf: .kconfig extern %u", i);
		e->align = type_align(&spec->btf, v->type);
	}
	return 0;
}

static int add_map(struct obj_spec *spec, struct ext_var *vars, uint32_t n,
		   struct bb_err *err)
{
	struct map_spec *m;
	struct var_spec *v;
	uint32_t i, off = 0;

	m = realloc(spec->maps, (spec->nr_maps + 2) * sizeof(*m));
	if (!m)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	spec->maps = m;
	memset(&m[spec->nr_maps], 0, 2 * sizeof(*m));
	v = realloc(spec->vars, (spec->nr_vars + n) * sizeof(*v));
	if (!v)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	spec->vars = v;
	for (i = 0; i < n; i++) {
		off = (off + vars[i].align - 1) / vars[i].align * vars[i].align;
		spec->vars[spec->nr_vars++] = (struct var_spec){
			.name = vars[i].name, .map = spec->nr_maps, .off = off,
			.size = vars[i].size, .type_id = vars[i].type_id,
		};
		off += vars[i].size;
	}
	m = &spec->maps[spec->nr_maps++];
	*m = (struct map_spec){
		.name = KCONFIG_SEC, .type = BPF_MAP_TYPE_ARRAY,
		.key_size = sizeof(uint32_t), .value_size = (off + 7) / 8 * 8,
		.max_entries = 1, .map_flags = BPF_F_RDONLY_PROG,
		.sec_idx = UINT32_MAX, .global_data = true, .frozen = true,
		.kconfig = true,
	};
	strcpy(m->kernel_name, KCONFIG_SEC);
	return 0;
}

int kconfig_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct btf_type *ds;
	struct ext_var *vars;
	int id, ret;

	if (!spec->has_btf)
		return 0;
	id = btf_find(&spec->btf, KCONFIG_SEC, BTF_KIND_DATASEC);
	ds = id > 0 ? btf_type(&spec->btf, id) : NULL;
	if (!ds || !btf_vlen(ds))
		return 0;
	vars = calloc(btf_vlen(ds), sizeof(*vars));
	if (!vars)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	ret = collect(spec, ds, vars, err);
	if (!ret) {
		sort(vars, btf_vlen(ds), sizeof(*vars), ext_cmp);
		ret = add_map(spec, vars, btf_vlen(ds), err);
	}
	if (!ret)
		spec->maps[spec->nr_maps - 1].datasec_id = id;
	free(vars);
	return ret;
}

const struct var_spec *kconfig_var(const struct obj_spec *spec,
				   const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->nr_vars; i++)
		if (spec->maps[spec->vars[i].map].kconfig &&
		    !strcmp(spec->vars[i].name, name))
			return &spec->vars[i];
	return NULL;
}
