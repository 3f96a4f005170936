// SPDX-License-Identifier: GPL-2.0
/*
 * gen_skel_btf.c - the C layout of a global data section (.bss, .data,
 * .rodata), from the object's BTF, for `barebpf gen skeleton`.
 *
 * The section's DATASEC lists its variables; the ELF symbols say where
 * each one is (elf/datasec.c put both in obj_spec.vars).  Each global
 * variable becomes a member of a plain C type: integers as __u32/__s64...
 * (<linux/types.h>, which barebpf.h includes), enums as integers of their
 * size, arrays as arrays.  What has no simple C spelling here (a struct,
 * a union, a BPF-side pointer, __int128) becomes bytes of its size, with
 * a comment naming its type: the layout stays exact, which is what the
 * skeleton's static_asserts check.  Gaps become __padN members, so that
 * no member's place depends on the host compiler's alignment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "elf/base/sort.h"
#include "loader/cmd/barebpf/btf_str.h"
#include "loader/cmd/barebpf/gen_skel_types.h"

/* The VAR record of @name in DATASEC @ds, or NULL. */
static const struct btf_type *datasec_var(const struct btf *btf, uint32_t ds,
					  const char *name)
{
	const struct btf_type *t = btf_type(btf, ds), *var;
	const struct btf_var_secinfo *vs;
	const char *n;
	uint32_t i;

	if (!t || btf_kind(t) != BTF_KIND_DATASEC)
		return NULL;
	vs = btf_extra(t);
	for (i = 0; i < btf_vlen(t); i++) {
		var = btf_type(btf, vs[i].type);
		if (!var || btf_kind(var) != BTF_KIND_VAR)
			continue;
		n = btf_str(btf, var->name_off);
		if (n && !strcmp(n, name))
			return var;
	}
	return NULL;
}

/* A scalar's C type by size: "__u32", "__s8"... 0, or -1 if no such. */
static int int_type(struct skel_field *f, uint32_t size, int is_signed)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return -1;
	fmt_snprintf(f->type, sizeof(f->type), "__%c%u", is_signed ? 's' : 'u',
		     size * 8);
	f->align = size;
	return 0;
}

/*
 * C's plain char (a string's), which clang's BTF marks by its name only
 * (not BTF_INT_CHAR): char arrays stay char arrays, for strings.
 */
static int is_char(const struct btf *btf, const struct btf_type *t)
{
	const char *name = btf_str(btf, t->name_off);

	return (name && !strcmp(name, "char")) ||
	       (BTF_INT_ENCODING(*(const uint32_t *)btf_extra(t)) & BTF_INT_CHAR);
}

/* INT, ENUM, FLOAT: their C type in f->type; -1 if none fits. */
static int scalar_type(const struct btf *btf, const struct btf_type *t,
		       struct skel_field *f)
{
	uint32_t enc;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		memcpy(&enc, btf_extra(t), sizeof(enc));
		if (BTF_INT_OFFSET(enc) || BTF_INT_BITS(enc) != t->size * 8)
			return -1;
		if (t->size == 1 && (is_char(btf, t) ||
				     (BTF_INT_ENCODING(enc) & BTF_INT_BOOL))) {
			fmt_snprintf(f->type, sizeof(f->type), "%s",
				     is_char(btf, t) ? "char" : "bool");
			f->align = 1;
			return 0;
		}
		return int_type(f, t->size, BTF_INT_ENCODING(enc) & BTF_INT_SIGNED);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return int_type(f, t->size, BTF_INFO_KFLAG(t->info));
	case BTF_KIND_FLOAT:
		if (t->size != 4 && t->size != 8)
			return -1;
		fmt_snprintf(f->type, sizeof(f->type), "%s",
			     t->size == 4 ? "float" : "double");
		f->align = t->size;
		return 0;
	}
	return -1;
}

/*
 * Type @id into f->type and f->dims ("char" "[16]"); -1 for a type C
 * gets as bytes.  Arrays add their dimension and go on with the element.
 */
static int c_type(const struct btf *btf, uint32_t id, struct skel_field *f,
		  int depth)
{
	const struct btf_type *t;
	const struct btf_array *a;
	size_t len = strlen(f->dims);

	if (depth > BTF_MAX_DEPTH || btf_skip_mods(btf, id, &id, NULL))
		return -1;
	t = btf_type(btf, id);
	if (!t)
		return -1;
	if (btf_kind(t) != BTF_KIND_ARRAY)
		return scalar_type(btf, t, f);
	a = btf_extra(t);
	if (!a->nelems)
		return -1;
	fmt_snprintf(f->dims + len, sizeof(f->dims) - len, "[%u]", a->nelems);
	return c_type(btf, a->type, f, depth + 1);
}

/* The member for variable @v (of type @type_id): its C type or bytes. */
static void var_field(const struct btf *btf, const struct var_spec *v,
		      struct skel_field *f)
{
	char name[64];
	uint32_t size = 0;

	*f = (struct skel_field){ .name = v->name, .off = v->off,
				  .size = v->size };
	if (!c_type(btf, v->type_id, f, 0) &&
	    !btf_type_size(btf, v->type_id, &size, NULL) && size == v->size)
		return;
	btf_type_str(btf, v->type_id, name, sizeof(name));
	fmt_snprintf(f->type, sizeof(f->type), "__u8");
	fmt_snprintf(f->dims, sizeof(f->dims), "[%u]", v->size);
	fmt_snprintf(f->note, sizeof(f->note), "%s, as bytes", name);
	f->align = 1;
}

static int by_offset(const void *a, const void *b)
{
	const struct skel_field *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The section's global variables, as members, in the order of offsets. */
static int collect(const struct obj_spec *spec, uint32_t map,
		   struct skel_field *f, uint32_t *nr, struct bb_err *err)
{
	const struct map_spec *ms = &spec->maps[map];
	const struct btf_type *var;
	uint32_t i;

	*nr = 0;
	for (i = 0; i < spec->nr_vars; i++) {
		const struct var_spec *v = &spec->vars[i];

		if (v->map != map)
			continue;
		var = ms->datasec_id ? datasec_var(&spec->btf, ms->datasec_id,
						   v->name) : NULL;
		if (!var)
			return bb_errf(err, -EINVAL,
				       "section '%s': variable '%s' is not in its BTF (DATASEC): was the object built with clang -g?",
				       ms->name, v->name);
		/* Static variables stay out of skeletons, as in libbpf's. */
		if (((const struct btf_var *)btf_extra(var))->linkage ==
		    BTF_VAR_STATIC)
			continue;
		var_field(&spec->btf, v, &f[(*nr)++]);
	}
	sort(f, *nr, sizeof(*f), by_offset);
	return 0;
}

/* A padding member, @size bytes at @off. */
static void pad(struct skel_field *f, uint32_t off, uint32_t size)
{
	*f = (struct skel_field){ .off = off, .size = size, .align = 1,
				  .type = "__u8" };
	fmt_snprintf(f->dims, sizeof(f->dims), "[%u]", size);
}

/* Copy @vars into @out with padding members where they leave gaps. */
static int lay_out(const struct map_spec *ms, const struct skel_field *vars,
		   uint32_t nr_vars, struct skel_field *out, uint32_t *nr,
		   uint32_t *align, struct bb_err *err)
{
	uint32_t i, pos = 0, n = 0;

	*align = 1;
	for (i = 0; i <= nr_vars; i++) {
		uint32_t off = i < nr_vars ? vars[i].off : ms->value_size;

		if (off < pos)
			return bb_errf(err, -EINVAL,
				       "section '%s': variable '%s' overlaps what follows it",
				       ms->name, vars[i - 1].name);
		if (off > pos)
			pad(&out[n++], pos, off - pos);
		if (i == nr_vars)
			break;
		if (vars[i].off % vars[i].align)
			return bb_errf(err, -EINVAL,
				       "section '%s': variable '%s' at offset %u is not aligned as C aligns its type %s",
				       ms->name, vars[i].name, vars[i].off,
				       vars[i].type);
		if (vars[i].align > *align)
			*align = vars[i].align;
		out[n++] = vars[i];
		pos = off + vars[i].size;
	}
	*nr = n;
	return 0;
}

int skel_section_fields(const struct obj_spec *spec, uint32_t map,
			struct skel_field **out, uint32_t *nr,
			uint32_t *align, struct bb_err *err)
{
	struct skel_field *vars, *fields = NULL;
	uint32_t nr_vars;
	int ret;

	*out = NULL;
	*nr = 0;
	*align = 1;
	/* At most one padding member before each variable, one after. */
	vars = calloc(spec->nr_vars + 1, sizeof(*vars));
	fields = calloc(2 * spec->nr_vars + 1, sizeof(*fields));
	ret = vars && fields ? 0 : bb_errf(err, -ENOMEM, "out of memory");
	if (!ret)
		ret = collect(spec, map, vars, &nr_vars, err);
	if (!ret && nr_vars)
		ret = lay_out(&spec->maps[map], vars, nr_vars, fields, nr,
			      align, err);
	free(vars);
	if (ret || !*nr) {
		free(fields);
		return ret;
	}
	*out = fields;
	return 0;
}
