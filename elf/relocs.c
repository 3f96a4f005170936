// SPDX-License-Identifier: GPL-2.0
/*
 * relocs.c - plan the relocations of each program.
 *
 * clang cannot know the fd a map will have, so every instruction that
 * loads a map's address is emitted as "r1 = 0 ll" (ld_imm64, 16 bytes)
 * with an R_BPF_64_64 relocation against the map's symbol in .maps.
 * Here we only record which instruction refers to which map; the loader
 * writes the fd once the map exists (loader/relocate.c).
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>

#include "spec.h"

#ifndef R_BPF_64_64
#define R_BPF_64_64 1
#endif
#ifndef R_BPF_64_32
#define R_BPF_64_32 10
#endif

struct rel_ctx {
	struct obj_spec *spec;
	const struct elf_section *sec;	/* the section relocated */
	uint32_t idx;			/* relocation number, for messages */
	struct bb_err *err;
};

/* The program of section @sec_idx that holds instruction @insn. */
static struct prog_spec *prog_at(struct obj_spec *spec, uint32_t sec_idx,
				 uint32_t insn)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++) {
		struct prog_spec *p = &spec->progs[i];

		if (p->sec_idx == sec_idx && insn >= p->sec_insn &&
		    insn - p->sec_insn < p->nr_insns)
			return p;
	}
	return NULL;
}

static int find_map(const struct obj_spec *spec,
		    const struct elf_symbol *sym, uint32_t *map)
{
	uint32_t i;

	for (i = 0; i < spec->nr_maps; i++) {
		if (spec->maps[i].sec_idx == sym->shndx &&
		    spec->maps[i].sec_off == sym->value) {
			*map = i;
			return 0;
		}
	}
	return -ENOENT;
}

static int add_reloc(struct prog_spec *p, uint32_t insn,
		     enum reloc_kind kind, uint32_t map)
{
	struct reloc_spec *r;

	r = realloc(p->relocs, (p->nr_relocs + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	p->relocs = r;
	r[p->nr_relocs++] = (struct reloc_spec){
		.insn = insn, .kind = kind, .map = map
	};
	return 0;
}

static int map_reloc(struct rel_ctx *c, const struct elf_rel *rel,
		     struct prog_spec *p, uint32_t insn)
{
	const struct elf_symbol *sym = &c->spec->elf.symbols[rel->sym];
	const struct bpf_insn *in = &p->insns[insn];
	uint32_t map;

	if (in->code != (BPF_LD | BPF_IMM | BPF_DW) || insn + 1 >= p->nr_insns)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: instruction %u is not a 64-bit load (ld_imm64)",
			       c->sec->name, c->idx, p->sec_insn + insn);
	if (sym->shndx == SHN_UNDEF)
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: symbol '%s' is undefined (extern variables are not supported)",
			       c->sec->name, c->idx, sym->name);
	if (find_map(c->spec, sym, &map))
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: symbol '%s' is not a map in '.maps' (global variables are not supported yet)",
			       c->sec->name, c->idx, sym->name);
	if (add_reloc(p, insn, RELOC_MAP_FD, map))
		return bb_errf(c->err, -ENOMEM, "elf: out of memory");
	return 0;
}

static int one_reloc(struct rel_ctx *c, const struct elf_rel *rel)
{
	uint32_t sec_idx = c->sec - c->spec->elf.sections;
	struct prog_spec *p;
	uint64_t insn;

	if (rel->offset % sizeof(struct bpf_insn) || rel->offset >= c->sec->size)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: offset %#llx is not an instruction of the section",
			       c->sec->name, c->idx,
			       (unsigned long long)rel->offset);
	insn = rel->offset / sizeof(struct bpf_insn);
	p = prog_at(c->spec, sec_idx, insn);
	if (!p)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: instruction %llu is outside every function",
			       c->sec->name, c->idx, (unsigned long long)insn);
	switch (rel->type) {
	case R_BPF_64_64:
		return map_reloc(c, rel, p, insn - p->sec_insn);
	case R_BPF_64_32:
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: calls to other BPF functions are not supported yet",
			       c->sec->name, c->idx);
	default:
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: unsupported relocation type %u",
			       c->sec->name, c->idx, rel->type);
	}
}

/* Does section @idx hold at least one program? */
static int has_progs(const struct obj_spec *spec, uint32_t idx)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++)
		if (spec->progs[i].sec_idx == idx)
			return 1;
	return 0;
}

static int rel_section(struct obj_spec *spec, uint32_t idx,
		       struct bb_err *err)
{
	const struct elf_section *rs = &spec->elf.sections[idx];
	struct rel_ctx c = { .spec = spec, .err = err };
	struct elf_rel *rels = NULL;
	uint32_t nr = 0;
	int ret;

	ret = elf_read_rels(&spec->elf, idx, &rels, &nr, err);
	if (ret)
		return ret;
	c.sec = &spec->elf.sections[rs->info];
	for (c.idx = 0; c.idx < nr; c.idx++) {
		ret = one_reloc(&c, &rels[c.idx]);
		if (ret)
			break;
	}
	free(rels);
	return ret;
}

int relocs_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;
	int ret;

	for (i = 0; i < ef->nr_sections; i++) {
		const struct elf_section *s = &ef->sections[i];

		/* Relocations of debug info and BTF.ext are not ours. */
		if (s->type != SHT_REL || s->info >= ef->nr_sections ||
		    !has_progs(spec, s->info))
			continue;
		ret = rel_section(spec, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
