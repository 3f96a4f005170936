// SPDX-License-Identifier: GPL-2.0
/*
 * progs.c - find the programs in an object.
 *
 * Every executable section other than .text holds programs: each global
 * function symbol in it is one program, named after the function, and its
 * type comes from the section name (section_names.c); a program in a
 * section we do not know is kept, with no type (sec_def_unknown).  Instructions are
 * copied out of the file so that relocation can patch them.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

#define INSN_SZ sizeof(struct bpf_insn)

static int is_prog_section(const struct elf_section *s)
{
	return s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR) &&
	       s->size > 0 && strcmp(s->name, ".text");
}

static int is_prog_symbol(const struct elf_symbol *s, uint32_t sec)
{
	return s->shndx == sec && s->type == STT_FUNC &&
	       (s->bind == STB_GLOBAL || s->bind == STB_WEAK);
}

static int check_symbol(const struct elf_section *sec,
			const struct elf_symbol *sym, struct bb_err *err)
{
	if (sym->value % INSN_SZ || sym->size % INSN_SZ || !sym->size)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': function '%s' is not a whole number of instructions",
			       sec->name, sym->name);
	if (sym->value > sec->size || sym->size > sec->size - sym->value)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': function '%s' [%#llx, +%#llx) past the end of the section (%#llx)",
			       sec->name, sym->name,
			       (unsigned long long)sym->value,
			       (unsigned long long)sym->size,
			       (unsigned long long)sec->size);
	return 0;
}

static int add_prog(struct obj_spec *spec, uint32_t sec_idx,
		    const struct elf_symbol *sym, struct bb_err *err)
{
	const struct elf_section *sec = &spec->elf.sections[sec_idx];
	struct prog_spec *p = &spec->progs[spec->nr_progs];
	int ret;

	ret = check_symbol(sec, sym, err);
	if (ret)
		return ret;
	ret = sec_def_find(sec->name, &p->def, &p->target, err);
	if (!ret)
		ret = sec_target_check(p->def, sec->name, p->target, err);
	/*
	 * An unknown section refuses only its own programs, when loaded:
	 * the others in the object still load (issue 16).  A known section
	 * with a bad target stays an error: that name must reach no path.
	 */
	if (ret == -ENOTSUP && p->def == NULL) {
		p->def = &sec_def_unknown;
		p->target = "";
		ret = 0;
	}
	if (ret)
		return ret;
	p->name = sym->name;
	p->section = sec->name;
	p->sec_idx = sec_idx;
	p->sec_insn = sym->value / INSN_SZ;
	p->nr_insns = sym->size / INSN_SZ;
	p->insns = malloc(sym->size);
	if (!p->insns)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	memcpy(p->insns, sec->data + sym->value, sym->size);
	spec->nr_progs++;
	return 0;
}

static int parse_section(struct obj_spec *spec, uint32_t sec_idx,
			 struct bb_err *err)
{
	const struct elf_section *sec = &spec->elf.sections[sec_idx];
	uint32_t i, found = 0;
	int ret;

	if (sec->size % INSN_SZ)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': size %#llx is not a multiple of 8",
			       sec->name, (unsigned long long)sec->size);
	for (i = 0; i < spec->elf.nr_symbols; i++) {
		if (!is_prog_symbol(&spec->elf.symbols[i], sec_idx))
			continue;
		ret = add_prog(spec, sec_idx, &spec->elf.symbols[i], err);
		if (ret)
			return ret;
		found++;
	}
	if (!found)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': no global function in it",
			       sec->name);
	return 0;
}

int progs_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;
	int ret;

	/* At most one program per function symbol. */
	spec->progs = calloc(ef->nr_symbols + 1, sizeof(*spec->progs));
	if (!spec->progs)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	for (i = 0; i < ef->nr_sections; i++) {
		if (!is_prog_section(&ef->sections[i]))
			continue;
		ret = parse_section(spec, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
