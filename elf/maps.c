// SPDX-License-Identifier: GPL-2.0
/*
 * maps.c - decode the maps an object declares in SEC(".maps").
 *
 * clang describes each map variable in BTF only: the DATASEC ".maps" lists
 * the variables, each variable is an anonymous struct, and each member
 * encodes one attribute:
 *
 *	__uint(max_entries, 10240)  ->  member "max_entries": PTR -> ARRAY[10240]
 *	__type(key, __u32)          ->  member "key": PTR -> __u32
 *
 * So numbers are array lengths and types are pointer targets.  The bytes
 * of .maps itself are all zero and carry nothing.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

struct map_ctx {
	const struct btf *btf;
	const char *map;	/* for messages */
	struct bb_err *err;
};

/* __uint(name, N): a pointer to an array of N elements. */
static int decode_uint(const struct map_ctx *c, const char *member,
		       uint32_t type_id, uint32_t *out)
{
	const struct btf_type *t = btf_type(c->btf, type_id);
	const struct btf_array *arr;
	uint32_t id;
	int ret;

	if (!t || btf_kind(t) != BTF_KIND_PTR)
		goto bad;
	ret = btf_skip_mods(c->btf, t->type, &id, c->err);
	if (ret)
		return ret;
	t = btf_type(c->btf, id);
	if (!t || btf_kind(t) != BTF_KIND_ARRAY)
		goto bad;
	arr = btf_extra(t);
	*out = arr->nelems;
	return 0;
bad:
	return bb_errf(c->err, -EINVAL,
		       "elf: map '%s': member '%s' is not a __uint() (pointer to array)",
		       c->map, member);
}

/*
 * __ulong(name, N), for 64-bit numbers (map_extra): an anonymous enum whose
 * one member has the value N; __uint(name, N) is taken too.
 */
static int decode_ulong(const struct map_ctx *c, const char *member,
			uint32_t type_id, uint64_t *out)
{
	const struct btf_type *t = btf_type(c->btf, type_id);
	uint32_t v;
	int ret;

	if (t && btf_kind(t) == BTF_KIND_ENUM && btf_vlen(t) == 1) {
		*out = (uint32_t)((const struct btf_enum *)btf_extra(t))->val;
		return 0;
	}
	if (t && btf_kind(t) == BTF_KIND_ENUM64 && btf_vlen(t) == 1) {
		const struct btf_enum64 *e = btf_extra(t);

		*out = (uint64_t)e->val_hi32 << 32 | e->val_lo32;
		return 0;
	}
	ret = decode_uint(c, member, type_id, &v);
	*out = v;
	return ret;
}

/* __type(name, T): a pointer to T.  Gives T's id and size. */
static int decode_type(const struct map_ctx *c, const char *member,
		       uint32_t type_id, uint32_t *id, uint32_t *size)
{
	const struct btf_type *t = btf_type(c->btf, type_id);

	if (!t || btf_kind(t) != BTF_KIND_PTR)
		return bb_errf(c->err, -EINVAL,
			       "elf: map '%s': member '%s' is not a __type() (pointer to a type)",
			       c->map, member);
	*id = t->type;
	return btf_type_size(c->btf, t->type, size, c->err);
}

/* Set @field to @v, unless an earlier member already set it otherwise. */
static int set_once(const struct map_ctx *c, const char *what,
		    uint32_t *field, uint32_t v)
{
	if (*field && *field != v)
		return bb_errf(c->err, -EINVAL,
			       "elf: map '%s': %s given twice, as %u and %u",
			       c->map, what, *field, v);
	*field = v;
	return 0;
}

static int map_def_decode(const struct btf *btf, uint32_t struct_id,
			  struct map_spec *ms, struct bb_err *err);

/* "values": the inner map's definition, decoded as any other (none for
 * a PROG_ARRAY's programs). */
static int decode_values(const struct map_ctx *c, const struct btf_member *m,
			 struct map_spec *ms)
{
	uint32_t id = 0, nelems = 0;
	int ret;

	ret = map_values_begin(c->btf, m, ms, &id, &nelems, c->err);
	if (ret)
		return ret;
	if (!ms->prog_values)
		ret = map_def_decode(c->btf, id, ms->inner, c->err);
	return map_values_end(ms, nelems, ret, c->err);
}

static int decode_member(const struct map_ctx *c, const struct btf_member *m,
			 struct map_spec *ms)
{
	const char *name = btf_str(c->btf, m->name_off);
	uint32_t v = 0, id = 0;
	int ret;

	if (!name || !*name)
		return bb_errf(c->err, -EINVAL,
			       "elf: map '%s': member without a name", c->map);
	if (!strcmp(name, "values"))
		return decode_values(c, m, ms);
	if (!strcmp(name, "map_extra"))
		return decode_ulong(c, name, m->type, &ms->map_extra);
	if (!strcmp(name, "key") || !strcmp(name, "value")) {
		ret = decode_type(c, name, m->type, &id, &v);
		if (ret)
			return ret;
		if (name[0] == 'k') {
			ms->key_type_id = id;
			return set_once(c, "key size", &ms->key_size, v);
		}
		ms->value_type_id = id;
		return set_once(c, "value size", &ms->value_size, v);
	}
	ret = decode_uint(c, name, m->type, &v);
	if (ret)
		return ret;
	/* Two members of one name cannot come from C: only from bad BTF. */
	if (!strcmp(name, "type"))
		return set_once(c, "type", &ms->type, v);
	else if (!strcmp(name, "max_entries"))
		return set_once(c, "max_entries", &ms->max_entries, v);
	else if (!strcmp(name, "map_flags"))
		return set_once(c, "map_flags", &ms->map_flags, v);
	else if (!strcmp(name, "numa_node"))
		return set_once(c, "numa_node", &ms->numa_node, v);
	else if (!strcmp(name, "pinning"))
		return set_once(c, "pinning", &ms->pinning, v);
	else if (!strcmp(name, "key_size"))
		return set_once(c, "key size", &ms->key_size, v);
	else if (!strcmp(name, "value_size"))
		return set_once(c, "value size", &ms->value_size, v);
	else
		return bb_errf(c->err, -ENOTSUP,
			       "elf: map '%s': unknown attribute '%s'",
			       c->map, name);
	return 0;
}

/* The map variable's symbol: where relocations will point. */
static int find_symbol(const struct obj_spec *spec, uint32_t sec,
		       struct map_spec *ms, struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;

	for (i = 0; i < ef->nr_symbols; i++) {
		const struct elf_symbol *s = &ef->symbols[i];

		if (s->shndx == sec && s->type == STT_OBJECT &&
		    !strcmp(s->name, ms->name)) {
			ms->sec_idx = sec;
			ms->sec_off = s->value;
			return 0;
		}
	}
	return bb_errf(err, -EINVAL,
		       "elf: map '%s': no symbol of that name in '.maps'",
		       ms->name);
}

static int map_def_decode(const struct btf *btf, uint32_t struct_id,
			  struct map_spec *ms, struct bb_err *err)
{
	const struct btf_type *st = btf_type(btf, struct_id);
	struct map_ctx c = { .btf = btf, .map = ms->name, .err = err };
	const struct btf_member *m;
	uint32_t i;
	int ret;

	if (!st || btf_kind(st) != BTF_KIND_STRUCT)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': definition is not a struct",
			       ms->name);
	m = btf_extra(st);
	for (i = 0; i < btf_vlen(st); i++) {
		ret = decode_member(&c, &m[i], ms);
		if (ret)
			return ret;
	}
	return map_def_check(ms, err);
}

static int decode_map(const struct obj_spec *spec, uint32_t sec,
		      const struct btf_var_secinfo *vs, struct map_spec *ms,
		      struct bb_err *err)
{
	const struct btf *btf = &spec->btf;
	const struct btf_type *var = btf_type(btf, vs->type);
	uint32_t id;
	int ret;

	if (!var || btf_kind(var) != BTF_KIND_VAR)
		return bb_errf(err, -EINVAL,
			       "elf: '.maps': BTF type %u is not a variable",
			       vs->type);
	ms->name = btf_str(btf, var->name_off);
	if (!ms->name || !*ms->name)
		return bb_errf(err, -EINVAL,
			       "elf: '.maps': variable %u has no name", vs->type);
	ret = btf_skip_mods(btf, var->type, &id, err);
	if (!ret)
		ret = map_def_decode(btf, id, ms, err);
	if (ret)
		return ret;
	return find_symbol(spec, sec, ms, err);
}

static int find_maps_datasec(const struct btf *btf,
			     const struct btf_type **out, struct bb_err *err)
{
	int id = btf_find(btf, ".maps", BTF_KIND_DATASEC);

	if (id < 0)
		return bb_errf(err, -EINVAL,
			       "elf: section '.maps' has no BTF description (compile with clang -g)");
	*out = btf_type(btf, id);
	return *out ? 0 : -EINVAL;
}

int maps_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds = NULL;
	int legacy = elf_find_section(&spec->elf, "maps");
	uint32_t i, nr_legacy = legacy_maps_count(spec, legacy);
	int sec, ret;

	sec = elf_find_section(&spec->elf, ".maps");
	if (sec >= 0 && !spec->has_btf)
		return bb_errf(err, -EINVAL,
			       "elf: section '.maps' needs BTF, and the object has no '.BTF' (compile with clang -g)");
	if (sec >= 0) {
		ret = find_maps_datasec(&spec->btf, &ds, err);
		if (ret)
			return ret;
	}
	spec->maps = calloc((ds ? btf_vlen(ds) : 0) + nr_legacy + 1,
			    sizeof(*spec->maps));
	if (!spec->maps)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	vs = ds ? btf_extra(ds) : NULL;
	for (i = 0; ds && i < btf_vlen(ds); i++) {
		ret = decode_map(spec, sec, &vs[i], &spec->maps[i], err);
		if (ret)
			return ret;
		spec->nr_maps++;
	}
	return legacy >= 0 ? legacy_maps_parse(spec, legacy, err) : 0;
}
