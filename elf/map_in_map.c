// SPDX-License-Identifier: GPL-2.0
/*
 * map_in_map.c - maps whose values are other maps.
 *
 * An ARRAY_OF_MAPS or HASH_OF_MAPS declares what its inner maps look like
 * with __array(values, struct { ... }): in BTF, member "values" is an
 * array of pointers to a struct that is itself a map definition.  The
 * kernel needs one real map of that shape (inner_map_fd) when it creates
 * the outer map, so we decode it into a second map_spec, the template.
 *
 * Slots filled in C, ".values = { [2] = &inner_a }", are real data: the
 * outer variable in .maps grows an array of pointers after its other
 * members, and clang emits one relocation (.rel.maps, R_BPF_64_ABS64)
 * per initialised pointer, against the inner map's symbol.  The slot is
 * (reloc offset - start of "values") / 8.
 *
 * A PROG_ARRAY may be filled the same way (libbpf allows it):
 * __array(values, int (void *)) is an array of pointers to a function
 * prototype, and each relocation names a program.  The loader puts the
 * programs' fds in once they are loaded (loader/maps/prog_array.c).
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>

#include "elf/spec.h"

#ifndef R_BPF_64_64
#define R_BPF_64_64 1
#endif
#ifndef R_BPF_64_ABS64
#define R_BPF_64_ABS64 2
#endif

/* The value of an outer map is the inner map's fd (user space) or id. */
#define MAP_IN_MAP_VALUE_SIZE 4

static int is_map_in_map(uint32_t type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

/*
 * values: ARRAY of PTR to STRUCT (the inner definition), or to FUNC_PROTO
 * (a PROG_ARRAY's programs: *@progs is set).
 */
static int inner_struct(const struct btf *btf, const struct btf_member *m,
			const char *map, uint32_t *id, uint32_t *nelems,
			bool *progs, struct bb_err *err)
{
	const struct btf_type *t = btf_type(btf, m->type);
	const struct btf_array *arr;
	int ret;

	if (!t || btf_kind(t) != BTF_KIND_ARRAY)
		goto bad;
	arr = btf_extra(t);
	*nelems = arr->nelems;
	ret = btf_skip_mods(btf, arr->type, id, err);
	if (ret)
		return ret;
	t = btf_type(btf, *id);
	if (!t || btf_kind(t) != BTF_KIND_PTR)
		goto bad;
	ret = btf_skip_mods(btf, t->type, id, err);
	if (ret)
		return ret;
	t = btf_type(btf, *id);
	*progs = t && btf_kind(t) == BTF_KIND_FUNC_PROTO;
	if (t && (btf_kind(t) == BTF_KIND_STRUCT || *progs))
		return 0;
bad:
	return bb_errf(err, -EINVAL,
		       "elf: map '%s': member 'values' is neither an __array(values, struct {...}) of map definitions nor an __array(values, int (void *)) of programs",
		       map);
}

/*
 * Member "values" of map @ms, first half: check its shape, note where the
 * slots start, and allocate the template whose definition struct is
 * *inner_id.  maps.c decodes that struct (a map definition, like any
 * other: the recursion stays in one file) and then calls
 * map_values_end().  Programs (ms->prog_values) have no template.
 */
int map_values_begin(const struct btf *btf, const struct btf_member *m,
		     struct map_spec *ms, uint32_t *inner_id, uint32_t *nelems,
		     struct bb_err *err)
{
	int ret;

	if (ms->inner || ms->prog_values)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': member 'values' given twice",
			       ms->name);
	ret = inner_struct(btf, m, ms->name, inner_id, nelems,
			   &ms->prog_values, err);
	if (ret)
		return ret;
	if (m->offset % 8)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': member 'values' is not byte aligned",
			       ms->name);
	ms->values_off = m->offset / 8;
	if (ms->prog_values)
		return 0;
	ms->inner = calloc(1, sizeof(*ms->inner));
	if (!ms->inner)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	ms->inner->name = ms->name;
	return 0;
}

/*
 * Unless given, the size of the array in C is the number of slots; a
 * slot holds 4 bytes: a map's or program's fd (from user space) or id.
 */
static int slots_size(struct map_spec *ms, uint32_t nelems,
		      struct bb_err *err)
{
	if (!ms->max_entries)
		ms->max_entries = nelems;
	if (ms->value_size && ms->value_size != MAP_IN_MAP_VALUE_SIZE)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': value size %u, but a %s holds %u-byte %s ids",
			       ms->name, ms->value_size,
			       ms->prog_values ? "program array" : "map of maps",
			       MAP_IN_MAP_VALUE_SIZE,
			       ms->prog_values ? "program" : "map");
	ms->value_size = MAP_IN_MAP_VALUE_SIZE;
	return 0;
}

/*
 * Second half, once the template @ms->inner is decoded (@ret); @nelems
 * is the length of the array in C.  Programs have no template.
 */
int map_values_end(struct map_spec *ms, uint32_t nelems, int ret,
		   struct bb_err *err)
{
	if (ms->prog_values)
		return slots_size(ms, nelems, err);
	if (ret)
		ret = bb_err_prefix(err, ret, "inner map");
	else if (ms->inner->inner)
		ret = bb_errf(err, -ENOTSUP,
			      "elf: map '%s': inner maps cannot hold maps themselves",
			      ms->name);
	if (ret) {
		/* obj_spec_free() frees one level of inner maps only. */
		free(ms->inner->inner);
		ms->inner->inner = NULL;
		return ret;
	}
	return slots_size(ms, nelems, err);
}

/* Outer type and inner template go together. */
static int check_outer(const struct map_spec *ms, struct bb_err *err)
{
	if (is_map_in_map(ms->type) && !ms->inner)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': a map of maps needs __array(values, struct {...}) to describe its inner maps",
			       ms->name);
	if (!is_map_in_map(ms->type) && ms->inner)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': __array(values, struct {...}) is only for ARRAY_OF_MAPS and HASH_OF_MAPS (type is %u)",
			       ms->name, ms->type);
	if (ms->prog_values && ms->type != BPF_MAP_TYPE_PROG_ARRAY)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': __array(values, <function>) is only for PROG_ARRAY (type is %u)",
			       ms->name, ms->type);
	if (ms->inner && ms->key_size != sizeof(uint32_t))
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': a map of maps needs a 4-byte key (has %u)",
			       ms->name, ms->key_size);
	return 0;
}

/*
 * The map of maps (or program array) whose "values" array holds byte @off of .maps, or
 * -ENOENT: the map defined last at or before @off must be one, and @off
 * must lie past its other members.
 */
static int outer_at(const struct obj_spec *spec, uint64_t off)
{
	const struct map_spec *m;
	int best = -ENOENT;
	uint32_t i;

	for (i = 0; i < spec->nr_maps; i++) {
		if (spec->maps[i].sec_off > off)
			continue;
		if (best < 0 || spec->maps[i].sec_off > spec->maps[best].sec_off)
			best = i;
	}
	if (best < 0)
		return best;
	m = &spec->maps[best];
	if ((!m->inner && !m->prog_values) || off < m->sec_off + m->values_off)
		return -ENOENT;
	return best;
}

/* The map defined at symbol @sym, or -ENOENT. */
static int map_of_symbol(const struct obj_spec *spec,
			 const struct elf_symbol *sym)
{
	uint32_t i;

	for (i = 0; i < spec->nr_maps; i++)
		if (spec->maps[i].sec_idx == sym->shndx &&
		    spec->maps[i].sec_off == sym->value)
			return i;
	return -ENOENT;
}

/* The program whose function is symbol @sym, or -ENOENT. */
static int prog_of_symbol(const struct obj_spec *spec,
			  const struct elf_symbol *sym)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++)
		if (spec->progs[i].sec_idx == sym->shndx &&
		    (uint64_t)spec->progs[i].sec_insn * 8 == sym->value)
			return i;
	return -ENOENT;
}

static int add_slot(struct map_spec *outer, uint32_t index, uint32_t map,
		    uint32_t prog)
{
	struct map_slot *s;

	s = realloc(outer->slots, (outer->nr_slots + 1) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	outer->slots = s;
	s[outer->nr_slots++] = (struct map_slot){ .index = index, .map = map,
						   .prog = prog };
	return 0;
}

static int one_slot(struct obj_spec *spec, const struct elf_rel *rel,
		    uint32_t nr, struct bb_err *err)
{
	const struct elf_symbol *sym = &spec->elf.symbols[rel->sym];
	int outer = outer_at(spec, rel->offset), inner;
	struct map_spec *o;
	uint64_t pos;

	if (rel->type != R_BPF_64_ABS64 && rel->type != R_BPF_64_64)
		return bb_errf(err, -ENOTSUP,
			       "elf: section '.rel.maps': reloc #%u: unsupported relocation type %u",
			       nr, rel->type);
	if (outer < 0)
		return bb_errf(err, -EINVAL,
			       "elf: section '.rel.maps': reloc #%u: offset %#llx is not in the values of a map of maps or a program array",
			       nr, (unsigned long long)rel->offset);
	o = &spec->maps[outer];
	pos = rel->offset - o->sec_off - o->values_off;
	if (pos % 8 || pos / 8 >= o->max_entries)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': reloc #%u: byte %llu of 'values' is not one of its %u slots",
			       o->name, nr, (unsigned long long)pos,
			       o->max_entries);
	inner = o->prog_values ? prog_of_symbol(spec, sym) :
				 map_of_symbol(spec, sym);
	if (inner < 0)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': slot %llu: '%s' is not %s",
			       o->name, (unsigned long long)(pos / 8), sym->name,
			       o->prog_values ? "a program" : "a map in '.maps'");
	if (o->prog_values ? add_slot(o, pos / 8, 0, inner) :
			     add_slot(o, pos / 8, inner, 0))
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	return 0;
}

static int slots_section(struct obj_spec *spec, uint32_t idx,
			 struct bb_err *err)
{
	struct elf_rel *rels = NULL;
	uint32_t nr = 0, i;
	int ret;

	ret = elf_read_rels(&spec->elf, idx, &rels, &nr, err);
	for (i = 0; !ret && i < nr; i++)
		ret = one_slot(spec, &rels[i], i, err);
	free(rels);
	return ret;
}

int map_slots_parse(struct obj_spec *spec, struct bb_err *err)
{
	int sec = elf_find_section(&spec->elf, ".maps");
	uint32_t i;
	int ret;

	for (i = 0; i < spec->nr_maps; i++) {
		ret = check_outer(&spec->maps[i], err);
		if (ret)
			return ret;
	}
	if (sec < 0)
		return 0;
	for (i = 0; i < spec->elf.nr_sections; i++) {
		const struct elf_section *s = &spec->elf.sections[i];

		if (s->type != SHT_REL || s->info != (uint32_t)sec)
			continue;
		ret = slots_section(spec, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
