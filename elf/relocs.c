// SPDX-License-Identifier: GPL-2.0
/*
 * relocs.c - plan the relocations of each program.
 *
 * clang cannot know the fd a map will have, so every instruction that
 * loads a map's address is emitted as "r1 = 0 ll" (ld_imm64, 16 bytes)
 * with an R_BPF_64_64 relocation against a symbol:
 *
 *   - a map in .maps: the loader will write the map's fd
 *     (src_reg = BPF_PSEUDO_MAP_FD);
 *   - a global variable in .rodata/.data/.bss: the loader will write the
 *     fd of the section's map and the variable's offset in its value
 *     (src_reg = BPF_PSEUDO_MAP_VALUE).  The offset is the symbol's value
 *     plus what the instruction already holds: for a static variable
 *     clang relocates against the section and puts the offset in imm.
 *   - an __arena variable in .addr_space.1 (arena.c): likewise, in the
 *     object's ARENA map, where the loader adds the section's place;
 *   - an extern: a .kconfig one is a global variable of the .kconfig map
 *     (kconfig.c); a __ksym one (ksyms.c) the loader finds in the kernel.
 *
 * A call to a function in another section (from a program to .text) is
 * "call imm" with src_reg = BPF_PSEUDO_CALL and an R_BPF_64_32 relocation:
 * the callee is at instruction symbol/8 + imm + 1 of the symbol's section.
 * A call to an undefined symbol is a kfunc call, if .ksyms declares it.
 * Calls within one section carry no relocation at all (link.c finds
 * them).  Here we only say what each relocation means; link.c gives them
 * to the programs, and the loader applies them (loader/prog.c).
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/link.h"
#include "elf/base/sort.h"

#ifndef R_BPF_64_64
#define R_BPF_64_64 1
#endif
#ifndef R_BPF_64_32
#define R_BPF_64_32 10
#endif

#define INSN_SZ sizeof(struct bpf_insn)

struct rel_ctx {
	struct obj_spec *spec;
	const struct elf_section *sec;	/* the section relocated */
	uint32_t sec_idx;
	uint32_t idx;			/* relocation number, for messages */
	struct sec_relocs *out;
	struct bb_err *err;
};

static int is_code_section(const struct elf_section *s)
{
	return s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR) &&
	       s->data && s->size % INSN_SZ == 0;
}

static int find_map(const struct obj_spec *spec,
		    const struct elf_symbol *sym, uint32_t *map)
{
	uint32_t i;

	/* __arena variables (arena.c; arena_sec 0 is SHN_UNDEF: never). */
	if (sym->shndx == spec->arena_sec) {
		*map = spec->arena_map;
		return 0;
	}
	for (i = 0; i < spec->nr_maps; i++) {
		const struct map_spec *m = &spec->maps[i];

		if (m->sec_idx != sym->shndx)
			continue;
		if (m->global_data || m->sec_off == sym->value) {
			*map = i;
			return 0;
		}
	}
	return -ENOENT;
}

static int add(struct rel_ctx *c, struct sec_reloc r)
{
	struct sec_reloc *n;

	n = realloc(c->out->r, (c->out->nr + 1) * sizeof(*n));
	if (!n)
		return bb_errf(c->err, -ENOMEM, "elf: out of memory");
	c->out->r = n;
	r.sec_idx = c->sec_idx;
	n[c->out->nr++] = r;
	return 0;
}

/*
 * A global variable: map value address + offset, within the symbol's
 * section (a global data map's value is its section; an ARENA map holds
 * .addr_space.1).
 */
static int value_reloc(struct rel_ctx *c, const struct elf_symbol *sym,
		       uint32_t insn, uint32_t map, int32_t imm)
{
	const struct map_spec *m = &c->spec->maps[map];
	int64_t off = (int64_t)sym->value + imm;
	uint64_t size = c->spec->elf.sections[sym->shndx].size;

	if (off < 0 || (uint64_t)off >= size)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: offset %lld into '%s' is past its end (%llu bytes)",
			       c->sec->name, c->idx, (long long)off, m->name,
			       (unsigned long long)size);
	return add(c, (struct sec_reloc){ .insn = insn,
		   .kind = RELOC_MAP_VALUE, .map = map, .off = off });
}

/* An extern: a .kconfig one (kconfig.c), in its map, or a __ksym (ksyms.c). */
static int extern_reloc(struct rel_ctx *c, const struct elf_symbol *sym,
			uint32_t insn, int32_t imm)
{
	const struct var_spec *v = kconfig_var(c->spec, sym->name);
	int k = ksym_index(c->spec, sym->name);

	if (!v && k < 0)
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: extern '%s' is neither __kconfig nor __ksym (no .kconfig or .ksyms entry in the object's BTF)",
			       c->sec->name, c->idx, sym->name);
	if (!v)
		return add(c, (struct sec_reloc){ .insn = insn,
			   .kind = RELOC_KSYM_LD, .ksym = k });
	return add(c, (struct sec_reloc){ .insn = insn,
		   .kind = RELOC_MAP_VALUE, .map = v->map,
		   .off = v->off + imm });
}

/* A call to an extern: a kfunc, if .ksyms declares it so. */
static int kfunc_reloc(struct rel_ctx *c, const struct elf_symbol *sym,
		       uint32_t insn)
{
	int k = ksym_index(c->spec, sym->name);

	if (k < 0 || c->spec->ksyms[k].kind != KSYM_FUNC)
		return bb_errf(c->err, -ENOENT,
			       "elf: section '%s': reloc #%u: call to function '%s', which is not defined in this object (a kfunc is declared __ksym)",
			       c->sec->name, c->idx, sym->name);
	return add(c, (struct sec_reloc){ .insn = insn,
		   .kind = RELOC_KSYM_CALL, .ksym = k });
}

static int ld_reloc(struct rel_ctx *c, const struct elf_rel *rel,
		    uint32_t insn)
{
	const struct elf_symbol *sym = &c->spec->elf.symbols[rel->sym];
	struct bpf_insn in = sec_insn(c->sec, insn);
	const struct elf_section *target;
	uint32_t map;

	if (!insn_is_ld_imm64(&in) || (insn + 1) * INSN_SZ >= c->sec->size)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: instruction %u is not a 64-bit load (ld_imm64)",
			       c->sec->name, c->idx, insn);
	if (sym->shndx == SHN_UNDEF)
		return extern_reloc(c, sym, insn, in.imm);
	if (find_map(c->spec, sym, &map) == 0) {
		if (c->spec->maps[map].global_data ||
		    sym->shndx == c->spec->arena_sec)
			return value_reloc(c, sym, insn, map, in.imm);
		return add(c, (struct sec_reloc){ .insn = insn,
			   .kind = RELOC_MAP_FD, .map = map });
	}
	target = sym->shndx < c->spec->elf.nr_sections ?
		 &c->spec->elf.sections[sym->shndx] : NULL;
	if (target && (target->flags & SHF_EXECINSTR))
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: the address of function '%s' is taken (callbacks are not supported)",
			       c->sec->name, c->idx, sym->name);
	return bb_errf(c->err, -ENOTSUP,
		       "elf: section '%s': reloc #%u: symbol '%s' is in section '%s', which is neither '.maps' nor global data (.rodata, .data, .bss)",
		       c->sec->name, c->idx, sym->name,
		       target ? target->name : "?");
}

static int call_reloc(struct rel_ctx *c, const struct elf_rel *rel,
		      uint32_t insn)
{
	const struct elf_symbol *sym = &c->spec->elf.symbols[rel->sym];
	struct bpf_insn in = sec_insn(c->sec, insn);
	const struct elf_section *ts;
	int64_t target;

	if (!insn_is_call(&in))
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: instruction %u is not a call to a BPF function",
			       c->sec->name, c->idx, insn);
	if (sym->shndx == SHN_UNDEF)
		return kfunc_reloc(c, sym, insn);
	ts = sym->shndx < c->spec->elf.nr_sections ?
	     &c->spec->elf.sections[sym->shndx] : NULL;
	if (!ts || !is_code_section(ts) || sym->value % INSN_SZ)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: call to '%s', which is not code",
			       c->sec->name, c->idx, sym->name);
	target = (int64_t)(sym->value / INSN_SZ) + in.imm + 1;
	if (target < 0 || (uint64_t)target >= ts->size / INSN_SZ)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: call to instruction %lld of section '%s', outside the section (%llu instructions)",
			       c->sec->name, c->idx, (long long)target, ts->name,
			       (unsigned long long)(ts->size / INSN_SZ));
	return add(c, (struct sec_reloc){ .insn = insn, .kind = RELOC_CALL,
		   .target_sec = sym->shndx, .target = target });
}

static int one_reloc(struct rel_ctx *c, const struct elf_rel *rel)
{
	uint32_t insn;

	if (rel->offset % INSN_SZ || rel->offset >= c->sec->size)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': reloc #%u: offset %#llx is not an instruction of the section",
			       c->sec->name, c->idx,
			       (unsigned long long)rel->offset);
	insn = rel->offset / INSN_SZ;
	switch (rel->type) {
	case R_BPF_64_64:
		return ld_reloc(c, rel, insn);
	case R_BPF_64_32:
		return call_reloc(c, rel, insn);
	default:
		return bb_errf(c->err, -ENOTSUP,
			       "elf: section '%s': reloc #%u: unsupported relocation type %u",
			       c->sec->name, c->idx, rel->type);
	}
}

static int rel_section(struct obj_spec *spec, uint32_t idx,
		       struct sec_relocs *out, struct bb_err *err)
{
	const struct elf_section *rs = &spec->elf.sections[idx];
	struct rel_ctx c = { .spec = spec, .out = out, .err = err };
	struct elf_rel *rels = NULL;
	uint32_t nr = 0;
	int ret;

	ret = elf_read_rels(&spec->elf, idx, &rels, &nr, err);
	if (ret)
		return ret;
	c.sec_idx = rs->info;
	c.sec = &spec->elf.sections[rs->info];
	for (c.idx = 0; c.idx < nr; c.idx++) {
		ret = one_reloc(&c, &rels[c.idx]);
		if (ret)
			break;
	}
	free(rels);
	return ret;
}

/* What every relocation of every code section asks for. */
static int read_all(struct obj_spec *spec, struct sec_relocs *out,
		    struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;
	int ret;

	for (i = 0; i < ef->nr_sections; i++) {
		const struct elf_section *s = &ef->sections[i];

		/*
		 * Relocations of debug info and BTF.ext are not ours.  One
		 * whose sh_info is out of range may be of code: refused by
		 * elf_read_rels(), not skipped (its program would load with
		 * its map references unpatched).
		 */
		if (s->type != SHT_REL || (s->info < ef->nr_sections &&
		    !is_code_section(&ef->sections[s->info])))
			continue;
		ret = rel_section(spec, i, out, err);
		if (ret)
			return ret;
	}
	sort(out->r, out->nr, sizeof(*out->r), sec_reloc_cmp);
	for (i = 1; i < out->nr; i++)
		if (!sec_reloc_cmp(&out->r[i - 1], &out->r[i]))
			return bb_errf(err, -EINVAL,
				       "elf: section '%s': two relocations of instruction %u",
				       ef->sections[out->r[i].sec_idx].name,
				       out->r[i].insn);
	return 0;
}

int relocs_parse(struct obj_spec *spec, struct bb_err *err)
{
	struct sec_relocs rels = { 0 };
	uint32_t i;
	int ret;

	ret = read_all(spec, &rels, err);
	for (i = 0; !ret && i < spec->nr_progs; i++)
		ret = link_prog(spec, &spec->progs[i], &rels, err);
	free(rels.r);
	return ret;
}
