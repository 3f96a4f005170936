// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops.c - kernel structs of function pointers, filled by BPF.
 *
 * Some kernel interfaces are a struct of callbacks (tcp_congestion_ops,
 * sched_ext_ops...).  A BPF object implements one with a global variable
 * of that struct type in SEC(".struct_ops") (registered by updating its
 * map, Linux 5.6) or SEC(".struct_ops.link") (registered by a link,
 * Linux 6.4), whose function members point at struct_ops/ programs:
 *
 *	SEC(".struct_ops") struct tcp_congestion_ops bb_cc = {
 *		.ssthresh = (void *)bb_ssthresh, .name = "bb_cc", };
 *
 * Each variable becomes a map of type STRUCT_OPS, one entry, whose value
 * is the variable's bytes (its other members: name, flags...).  clang
 * leaves the function pointers zero and emits one R_BPF_64_ABS64
 * relocation (.rel.struct_ops) per pointer, against the program's
 * symbol: that tells which member runs which program.  The struct in the
 * object may list fewer members than the kernel's, in another order: the
 * loader matches them by name (loader/load/struct_ops.c).
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "elf/spec.h"

#ifndef R_BPF_64_ABS64
#define R_BPF_64_ABS64 2
#endif

#define INSN_SZ sizeof(struct bpf_insn)

static int is_struct_ops_section(const struct elf_section *s)
{
	return s->type == SHT_PROGBITS &&
	       (!strcmp(s->name, ".struct_ops") ||
		!strcmp(s->name, ".struct_ops.link"));
}

/* The variable's symbol in section @sec: where its bytes are. */
static const struct elf_symbol *var_symbol(const struct obj_spec *spec,
					   uint32_t sec, const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->elf.nr_symbols; i++) {
		const struct elf_symbol *s = &spec->elf.symbols[i];

		if (s->shndx == sec && s->type == STT_OBJECT &&
		    !strcmp(s->name, name))
			return s;
	}
	return NULL;
}

/* Variable @var_id of the DATASEC: its name, struct type and size. */
static int var_struct(const struct obj_spec *spec, const char *sec,
		      uint32_t var_id, struct map_spec *m, struct bb_err *err)
{
	const struct btf *btf = &spec->btf;
	const struct btf_type *t = btf_type(btf, var_id);
	uint32_t id;
	int ret;

	if (!t || btf_kind(t) != BTF_KIND_VAR)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': BTF type %u is not a variable",
			       sec, var_id);
	m->name = btf_str(btf, t->name_off);
	if (!m->name || !*m->name)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': variable %u has no name",
			       sec, var_id);
	ret = btf_skip_mods(btf, t->type, &id, err);
	if (ret)
		return ret;
	t = btf_type(btf, id);
	m->st_type = t ? btf_str(btf, t->name_off) : NULL;
	if (!t || btf_kind(t) != BTF_KIND_STRUCT || !m->st_type ||
	    !*m->st_type)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': variable '%s' is not of a named struct type (the kernel struct it implements)",
			       sec, m->name);
	m->value_type_id = id;
	return btf_type_size(btf, id, &m->value_size, err);
}

/* Where the variable's bytes are, checked against its section. */
static int var_bytes(const struct obj_spec *spec, uint32_t sec,
		     struct map_spec *m, struct bb_err *err)
{
	const struct elf_section *s = &spec->elf.sections[sec];
	const struct elf_symbol *sym = var_symbol(spec, sec, m->name);
	struct bytes b = { .data = s->data, .len = s->data ? s->size : 0 };

	if (!sym)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': no symbol for variable '%s'",
			       s->name, m->name);
	if (sym->size != m->value_size)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': variable '%s' is %llu bytes, but its BTF type %u",
			       s->name, m->name, (unsigned long long)sym->size,
			       m->value_size);
	m->init = buf_slice(&b, sym->value, m->value_size);
	if (!m->init)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': variable '%s' [%#llx, +%#x) is past the end of the section",
			       s->name, m->name, (unsigned long long)sym->value,
			       m->value_size);
	m->sec_idx = sec;
	m->sec_off = sym->value;
	return 0;
}

static int add_map(struct obj_spec *spec, uint32_t sec, uint32_t var_id,
		   struct bb_err *err)
{
	const char *name = spec->elf.sections[sec].name;
	struct map_spec *m;
	int ret;

	/* One spare zeroed entry past the end, as maps_parse() leaves. */
	m = realloc(spec->maps, (spec->nr_maps + 2) * sizeof(*m));
	if (!m)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	spec->maps = m;
	memset(&m[spec->nr_maps], 0, 2 * sizeof(*m));
	m = &spec->maps[spec->nr_maps];
	m->type = BPF_MAP_TYPE_STRUCT_OPS;
	m->key_size = sizeof(uint32_t);
	m->max_entries = 1;
	/* .struct_ops.link: registered by BPF_LINK_CREATE, not the update. */
	m->map_flags = strcmp(name, ".struct_ops") ? BB_F_LINK : 0;
	ret = var_struct(spec, name, var_id, m, err);
	if (!ret)
		ret = var_bytes(spec, sec, m, err);
	if (!ret)
		spec->nr_maps++;
	return ret;
}

static int section_maps(struct obj_spec *spec, uint32_t sec,
			struct bb_err *err)
{
	const char *name = spec->elf.sections[sec].name;
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds;
	uint32_t i;
	int id, ret;

	id = spec->has_btf ? btf_find(&spec->btf, name, BTF_KIND_DATASEC) : -1;
	ds = id > 0 ? btf_type(&spec->btf, id) : NULL;
	if (!ds)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s' has no BTF description (compile with clang -g)",
			       name);
	vs = btf_extra(ds);
	for (i = 0; i < btf_vlen(ds); i++) {
		ret = add_map(spec, sec, vs[i].type, err);
		if (ret)
			return ret;
	}
	return 0;
}

/* The struct_ops map whose value holds byte @off of section @sec. */
static struct map_spec *map_at(struct obj_spec *spec, uint32_t sec,
			       uint64_t off)
{
	uint32_t i;

	for (i = 0; i < spec->nr_maps; i++) {
		struct map_spec *m = &spec->maps[i];

		if (m->st_type && m->sec_idx == sec && off >= m->sec_off &&
		    off - m->sec_off < m->value_size)
			return m;
	}
	return NULL;
}

/* The name of the function pointer member at byte @pos of @m's struct. */
static const char *func_member(const struct btf *btf,
			       const struct map_spec *m, uint64_t pos)
{
	const struct btf_type *st = btf_type(btf, m->value_type_id);
	const struct btf_member *mem = btf_extra(st);
	uint32_t i;

	for (i = 0; i < btf_vlen(st); i++)
		if (btf_member_bits(st, &mem[i]) == pos * 8)
			return btf_is_func_ptr(btf, mem[i].type) ?
			       btf_str(btf, mem[i].name_off) : NULL;
	return NULL;
}

/* The program at symbol @sym plus the addend clang left in the bytes. */
static int prog_at(const struct obj_spec *spec, const struct elf_symbol *sym,
		   uint64_t addend)
{
	uint64_t off = sym->value + addend;
	uint32_t i;

	if (off % INSN_SZ)
		return -ENOENT;
	for (i = 0; i < spec->nr_progs; i++)
		if (spec->progs[i].sec_idx == sym->shndx &&
		    spec->progs[i].sec_insn == off / INSN_SZ)
			return i;
	return -ENOENT;
}

/*
 * A program is loaded for one member of one struct (its attach_btf_id and
 * expected_attach_type say which): two variables may share it only for
 * the same member of the same struct.
 */
static int check_shared(const struct obj_spec *spec, const struct map_spec *m,
			const char *member, uint32_t prog, struct bb_err *err)
{
	uint32_t i, j;

	for (i = 0; i < spec->nr_maps; i++) {
		const struct map_spec *o = &spec->maps[i];

		for (j = 0; j < o->nr_st_funcs; j++) {
			const struct st_func *f = &o->st_funcs[j];

			if (f->prog != prog || (!strcmp(o->st_type, m->st_type) &&
						!strcmp(f->member, member)))
				continue;
			return bb_errf(err, -EINVAL,
				       "elf: program '%s' is both %s.%s (in '%s') and %s.%s (in '%s'): a struct_ops program implements one member",
				       spec->progs[prog].name, o->st_type,
				       f->member, o->name, m->st_type, member,
				       m->name);
		}
	}
	return 0;
}

static int add_func(struct obj_spec *spec, struct map_spec *m,
		    const char *member, uint64_t pos, uint32_t prog,
		    struct bb_err *err)
{
	struct st_func *f;
	int ret;

	if (spec->progs[prog].def->prog_type != BPF_PROG_TYPE_STRUCT_OPS)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': member '%s' points at program '%s', whose section '%s' is not struct_ops/",
			       m->name, member, spec->progs[prog].name,
			       spec->progs[prog].section);
	ret = check_shared(spec, m, member, prog, err);
	if (ret)
		return ret;
	f = realloc(m->st_funcs, (m->nr_st_funcs + 1) * sizeof(*f));
	if (!f)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	m->st_funcs = f;
	f[m->nr_st_funcs++] = (struct st_func){
		.member = member, .off = pos, .prog = prog };
	return 0;
}

static int one_func(struct obj_spec *spec, uint32_t sec,
		    const struct elf_rel *rel, uint32_t nr, struct bb_err *err)
{
	const struct elf_section *s = &spec->elf.sections[sec];
	const struct elf_symbol *sym = &spec->elf.symbols[rel->sym];
	struct bytes b = { .data = s->data, .len = s->data ? s->size : 0 };
	struct map_spec *m = map_at(spec, sec, rel->offset);
	const char *member;
	uint64_t addend;
	int prog;

	if (rel->type != R_BPF_64_ABS64)
		return bb_errf(err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: unsupported relocation type %u",
			       s->name, nr, rel->type);
	if (!m)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': reloc #%u: offset %#llx is in no variable",
			       s->name, nr, (unsigned long long)rel->offset);
	member = func_member(&spec->btf, m, rel->offset - m->sec_off);
	if (!member || !*member)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': reloc #%u: byte %llu of struct %s is not a function pointer member",
			       m->name, nr,
			       (unsigned long long)(rel->offset - m->sec_off),
			       m->st_type);
	/* REL, not RELA: the addend is the 8 bytes relocated. */
	if (buf_read(&b, rel->offset, &addend, sizeof(addend)))
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': reloc #%u: offset %#llx is past the end",
			       s->name, nr, (unsigned long long)rel->offset);
	prog = prog_at(spec, sym, addend);
	if (prog < 0)
		return bb_errf(err, -EINVAL,
			       "elf: map '%s': member '%s' points at '%s', which is not a program (a global function in a struct_ops/ section)",
			       m->name, member, sym->name);
	return add_func(spec, m, member, rel->offset - m->sec_off, prog, err);
}

static int section_funcs(struct obj_spec *spec, uint32_t sec,
			 struct bb_err *err)
{
	struct elf_rel *rels = NULL;
	uint32_t nr = 0, i, r;
	int ret = 0;

	for (r = 0; !ret && r < spec->elf.nr_sections; r++) {
		const struct elf_section *rs = &spec->elf.sections[r];

		if (rs->type != SHT_REL || rs->info != sec)
			continue;
		ret = elf_read_rels(&spec->elf, r, &rels, &nr, err);
		for (i = 0; !ret && i < nr; i++)
			ret = one_func(spec, sec, &rels[i], i, err);
		free(rels);
		rels = NULL;
	}
	return ret;
}

int struct_ops_parse(struct obj_spec *spec, struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < spec->elf.nr_sections; i++) {
		if (!is_struct_ops_section(&spec->elf.sections[i]))
			continue;
		ret = section_maps(spec, i, err);
		if (!ret)
			ret = section_funcs(spec, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
