// SPDX-License-Identifier: GPL-2.0
/*
 * inspect.c - `barebpf inspect OBJ`: everything the loader sees in an
 * object, read with the same parser the loader uses (elf/), and nothing
 * sent to the kernel.
 *
 * The ELF-level parts (header, sections, symbols, relocations) come from
 * elf_parse() alone, so they are shown even for an object the loader
 * would refuse; the loader's view (programs, maps, what each relocation
 * becomes) comes from bb_object_open_mem(), and its error, if any, is shown as
 * part of the inspection.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_names.h"
#include "elf/bpf_uapi_new.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/file.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/btf_str.h"

struct inspect {
	const char *path;
	uint8_t *bytes;
	size_t len;
	struct elf_file ef;
	struct bb_object *obj;	/* NULL if the loader refuses the object */
	struct bb_err obj_err;
	struct json *j;		/* NULL: text */
	int disasm;
	int check;		/* --check: only the verdict, in the exit status */
};

const char *reloc_type_name(uint32_t type)
{
	switch (type) {
	case 0: return "R_BPF_NONE";
	case 1: return "R_BPF_64_64";
	case 2: return "R_BPF_64_ABS64";
	case 3: return "R_BPF_64_ABS32";
	case 4: return "R_BPF_64_NODYLD32";
	case 10: return "R_BPF_64_32";
	}
	return "R_BPF_?";
}

static const char *sec_type_name(uint32_t type)
{
	switch (type) {
	case SHT_NULL: return "NULL";
	case SHT_PROGBITS: return "PROGBITS";
	case SHT_SYMTAB: return "SYMTAB";
	case SHT_STRTAB: return "STRTAB";
	case SHT_REL: return "REL";
	case SHT_NOBITS: return "NOBITS";
	case 0x6fff4c03: return "LLVM_ADDRSIG";
	}
	return "OTHER";
}

static void sec_flags(uint64_t flags, char *buf)
{
	char *p = buf;

	if (flags & SHF_WRITE)
		*p++ = 'W';
	if (flags & SHF_ALLOC)
		*p++ = 'A';
	if (flags & SHF_EXECINSTR)
		*p++ = 'X';
	if (flags & SHF_MERGE)
		*p++ = 'M';
	if (flags & SHF_STRINGS)
		*p++ = 'S';
	if (flags & SHF_INFO_LINK)
		*p++ = 'I';
	*p = '\0';
}

static int is_global_data(const struct elf_section *s)
{
	return (s->type == SHT_PROGBITS || s->type == SHT_NOBITS) &&
	       (s->flags & SHF_ALLOC) && !(s->flags & SHF_EXECINSTR) &&
	       (!strncmp(s->name, ".data", 5) || !strncmp(s->name, ".bss", 4) ||
		!strncmp(s->name, ".rodata", 7));
}

static int is_struct_ops(const struct elf_section *s)
{
	return !strcmp(s->name, ".struct_ops") ||
	       !strcmp(s->name, ".struct_ops.link");
}

/* What the loader does with a section, in a few words. */
static const char *sec_role(const struct elf_file *ef,
			    const struct elf_section *s, char *buf, size_t len)
{
	if (s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR))
		return strcmp(s->name, ".text") ? "programs" :
		       "functions programs may call";
	if (s->type == SHT_REL) {
		fmt_snprintf(buf, len, "relocations of section %u (%s)",
			     s->info,
			     s->info < ef->nr_sections ? ef->sections[s->info].name : "?");
		return buf;
	}
	if (s->type == SHT_SYMTAB)
		return "symbol table";
	if (s->type == SHT_STRTAB)
		return "names";
	if (!strcmp(s->name, "license"))
		return "license string, passed to BPF_PROG_LOAD";
	if (!strcmp(s->name, "version"))
		return "kernel version (only old kernels read it)";
	if (!strcmp(s->name, ".maps"))
		return "map definitions (their BTF says what they are)";
	if (!strcmp(s->name, ".BTF"))
		return "BTF: the types of maps, variables, functions";
	if (!strcmp(s->name, ".BTF.ext"))
		return "BTF line and function info, CO-RE relocations";
	if (is_global_data(s))
		return "global data";
	if (is_struct_ops(s))
		return "struct_ops variables: kernel structs of programs";
	if (!strcmp(s->name, ".addr_space.1"))
		return "__arena variables: the ARENA map's last pages";
	if (!strncmp(s->name, ".debug", 6))
		return "DWARF debug info (not used by the loader)";
	if (s->type == 0x6fff4c03)
		return "linker hint (ignored)";
	return "";
}

static const char *sec_name_of(const struct elf_file *ef, uint16_t shndx)
{
	if (shndx == SHN_UNDEF)
		return "UND";
	if (shndx == SHN_ABS)
		return "ABS";
	if (shndx == SHN_COMMON)
		return "COM";
	return shndx < ef->nr_sections ? ef->sections[shndx].name : "?";
}

/* Section symbols have no name of their own: tools show the section's. */
static const char *sym_name(const struct elf_file *ef,
			    const struct elf_symbol *s)
{
	if (s->type == STT_SECTION)
		return sec_name_of(ef, s->shndx);
	return s->name ? s->name : "";
}

static const char *sym_type(uint8_t t)
{
	switch (t) {
	case STT_NOTYPE: return "NOTYPE";
	case STT_OBJECT: return "OBJECT";
	case STT_FUNC: return "FUNC";
	case STT_SECTION: return "SECTION";
	case STT_FILE: return "FILE";
	}
	return "?";
}

static const char *sym_bind(uint8_t b)
{
	switch (b) {
	case STB_LOCAL: return "LOCAL";
	case STB_GLOBAL: return "GLOBAL";
	case STB_WEAK: return "WEAK";
	}
	return "?";
}

static void show_header(struct inspect *in)
{
	const struct elf_file *ef = &in->ef;

	if (in->j) {
		json_str(in->j, "file", in->path);
		json_u64(in->j, "size", in->len);
		json_begin(in->j, "elf", '{');
		json_u64(in->j, "type", ef->type);
		json_u64(in->j, "machine", ef->machine);
		json_u64(in->j, "sections", ef->nr_sections);
		json_u64(in->j, "symbols", ef->nr_symbols);
		json_end(in->j, '}');
		return;
	}
	out_printf(out_stdout, "%s: %zu bytes\n", in->path, in->len);
	out_printf(out_stdout,
		   "ELF: 64-bit, little-endian, %s, machine %u (%s), %u sections, %u symbols\n",
		   ef->type == ET_REL ? "relocatable (ET_REL)" : "not relocatable",
		   ef->machine, ef->machine == EM_BPF ? "BPF" : "not BPF",
		   ef->nr_sections, ef->nr_symbols);
}

static void show_sections(struct inspect *in)
{
	const struct elf_file *ef = &in->ef;
	char flags[8], role[128];
	uint32_t i;

	if (in->j)
		json_begin(in->j, "sections", '[');
	else
		out_printf(out_stdout, "\nSections:\n  %3s %-32s %-9s %7s %-5s %s\n", "idx",
			   "name", "type", "size", "flags", "what it is");
	for (i = 1; i < ef->nr_sections; i++) {
		const struct elf_section *s = &ef->sections[i];
		const char *r = sec_role(ef, s, role, sizeof(role));

		sec_flags(s->flags, flags);
		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_u64(in->j, "index", i);
			json_str(in->j, "name", s->name);
			json_str(in->j, "type", sec_type_name(s->type));
			json_u64(in->j, "size", s->size);
			json_str(in->j, "flags", flags);
			json_str(in->j, "role", r);
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout, "  %3u %-32s %-9s %7llu %-5s %s\n", i,
			   s->name, sec_type_name(s->type),
			   (unsigned long long)s->size, flags, r);
	}
	if (in->j)
		json_end(in->j, ']');
}

static void show_symbols(struct inspect *in)
{
	const struct elf_file *ef = &in->ef;
	uint32_t i;

	if (in->j)
		json_begin(in->j, "symbols", '[');
	else
		out_printf(out_stdout, "\nSymbols:\n  %-24s %-28s %6s %6s %-7s %s\n", "name",
			   "section", "value", "size", "type", "bind");
	for (i = 1; i < ef->nr_symbols; i++) {
		const struct elf_symbol *s = &ef->symbols[i];

		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "name", sym_name(ef, s));
			json_str(in->j, "section", sec_name_of(ef, s->shndx));
			json_u64(in->j, "value", s->value);
			json_u64(in->j, "size", s->size);
			json_str(in->j, "type", sym_type(s->type));
			json_str(in->j, "bind", sym_bind(s->bind));
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout, "  %-24s %-28s %6llu %6llu %-7s %s\n",
			   sym_name(ef, s), sec_name_of(ef, s->shndx),
			   (unsigned long long)s->value,
			   (unsigned long long)s->size, sym_type(s->type),
			   sym_bind(s->bind));
	}
	if (in->j)
		json_end(in->j, ']');
}

static void show_progs(struct inspect *in)
{
	const struct obj_spec *spec = &in->obj->spec;
	uint32_t i;

	if (in->j)
		json_begin(in->j, "programs", '[');
	else
		out_printf(out_stdout, "\nPrograms:\n");
	for (i = 0; i < spec->nr_progs; i++) {
		const struct prog_spec *p = &spec->progs[i];
		const char *type = bpf_prog_type_name(p->def->prog_type);
		const char *attach = p->def->attach == ATTACH_TRACEPOINT ?
				     "tracepoint" : "none";

		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "name", p->name);
			json_str(in->j, "section", p->section);
			json_str(in->j, "type", type);
			json_str(in->j, "attach", attach);
			json_str(in->j, "target", p->target);
			json_u64(in->j, "insns", p->nr_insns);
			json_u64(in->j, "relocations", p->nr_relocs);
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout,
			   "  %s: section %s, type %s (%u), attach %s %s, %u instructions, %u relocations\n",
			   p->name, p->section, type ? type : "?",
			   p->def->prog_type, attach, p->target, p->nr_insns,
			   p->nr_relocs);
	}
	if (in->j)
		json_end(in->j, ']');
}

static void show_maps(struct inspect *in)
{
	const struct obj_spec *spec = &in->obj->spec;
	char key[128], value[128];
	uint32_t i;

	if (in->j)
		json_begin(in->j, "maps", '[');
	else
		out_printf(out_stdout, "\nMaps:\n");
	for (i = 0; i < spec->nr_maps; i++) {
		const struct map_spec *m = &spec->maps[i];
		const char *type = bpf_map_type_name(m->type);

		btf_type_str(&spec->btf, m->key_type_id, key, sizeof(key));
		btf_type_str(&spec->btf, m->value_type_id, value,
			     sizeof(value));
		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "name", m->name);
			json_str(in->j, "type", type);
			json_str(in->j, "key_type", key);
			json_u64(in->j, "key_size", m->key_size);
			json_str(in->j, "value_type", value);
			json_u64(in->j, "value_size", m->value_size);
			json_u64(in->j, "max_entries", m->max_entries);
			json_u64(in->j, "flags", m->map_flags);
			json_u64(in->j, "pinning", m->pinning);
			if (m->legacy)
				json_str(in->j, "declared", "legacy 'maps' section");
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout,
			   "  %s: %s (%u), key %s (%u bytes), value %s (%u bytes), max_entries %u, flags %#x%s%s\n",
			   m->name, type ? type : "?", m->type, key,
			   m->key_size, value, m->value_size, m->max_entries,
			   m->map_flags, m->pinning ? ", pinned by name" : "",
			   m->legacy ? ", in a legacy 'maps' section (struct bpf_map_def, the old convention: libbpf 1.x refuses it)" : "");
	}
	if (in->j)
		json_end(in->j, ']');
}

/* The variables (object symbols) a global data section holds. */
static void show_variables(struct inspect *in, uint32_t sec)
{
	const struct elf_file *ef = &in->ef;
	uint32_t i;

	if (in->j)
		json_begin(in->j, "variables", '[');
	for (i = 1; i < ef->nr_symbols; i++) {
		const struct elf_symbol *v = &ef->symbols[i];

		if (v->shndx != sec || v->type != STT_OBJECT)
			continue;
		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "name", v->name);
			json_u64(in->j, "offset", v->value);
			json_u64(in->j, "size", v->size);
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout, "    %s: offset %llu, %llu bytes\n",
			   v->name, (unsigned long long)v->value,
			   (unsigned long long)v->size);
	}
	if (in->j)
		json_end(in->j, ']');
}

static void show_global_data(struct inspect *in)
{
	const struct elf_file *ef = &in->ef;
	uint32_t i, n = 0;

	if (in->j)
		json_begin(in->j, "global_data", '[');
	else
		out_printf(out_stdout, "\nGlobal data:\n");
	for (i = 1; i < ef->nr_sections; i++) {
		const struct elf_section *s = &ef->sections[i];

		if (!is_global_data(s))
			continue;
		n++;
		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "section", s->name);
			json_u64(in->j, "size", s->size);
			show_variables(in, i);
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout, "  %s: %llu bytes%s\n", s->name,
			   (unsigned long long)s->size,
			   s->type == SHT_NOBITS ? " (zeroes, not in the file)" : "");
		show_variables(in, i);
	}
	if (in->j)
		json_end(in->j, ']');
	else if (!n)
		out_printf(out_stdout, "  (none)\n");
}

/* The program of section @sec that holds instruction @insn of it. */
static const struct prog_spec *prog_at(const struct obj_spec *spec,
				       uint32_t sec, uint64_t insn)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++) {
		const struct prog_spec *p = &spec->progs[i];

		if (p->sec_idx == sec && insn >= p->sec_insn &&
		    insn - p->sec_insn < p->nr_insns)
			return p;
	}
	return NULL;
}

/* What the loader will make of relocation @r in section @sec. */
static void reloc_becomes(struct inspect *in, uint32_t sec,
			  const struct elf_rel *r, char *buf, size_t len)
{
	const struct obj_spec *spec = in->obj ? &in->obj->spec : NULL;
	const struct prog_spec *p;
	uint64_t insn = r->offset / sizeof(struct bpf_insn);
	uint32_t i;

	if (!(in->ef.sections[sec].flags & SHF_EXECINSTR)) {
		fmt_snprintf(buf, len,
			     "not applied: it fixes up %s for linkers",
			     in->ef.sections[sec].name);
		return;
	}
	p = spec ? prog_at(spec, sec, insn) : NULL;
	if (!p) {
		fmt_snprintf(buf, len, "instruction %llu: %s",
			     (unsigned long long)insn,
			     spec ? "in no program" : "(the loader refuses this object)");
		return;
	}
	for (i = 0; i < p->nr_relocs; i++) {
		const struct reloc_spec *rs = &p->relocs[i];

		if (rs->insn != insn - p->sec_insn)
			continue;
		if (rs->kind == RELOC_MAP_FD)
			fmt_snprintf(buf, len,
				     "%s insn %u: ld_imm64 gets the fd of map '%s' (src_reg = BPF_PSEUDO_MAP_FD)",
				     p->name, rs->insn, spec->maps[rs->map].name);
		else if (rs->kind == RELOC_KSYM_CALL)
			fmt_snprintf(buf, len,
				     "%s insn %u: call of kfunc '%s' (src_reg = BPF_PSEUDO_KFUNC_CALL)",
				     p->name, rs->insn, spec->ksyms[rs->ksym].name);
		else if (rs->kind == RELOC_MAP_VALUE &&
			 spec->maps[rs->map].type == BB_MAP_TYPE_ARENA)
			fmt_snprintf(buf, len,
				     "%s insn %u: ld_imm64 of the address of byte %u of .addr_space.1 in ARENA map '%s' (BPF_PSEUDO_MAP_VALUE)",
				     p->name, rs->insn, rs->off,
				     spec->maps[rs->map].name);
		else if (rs->kind == RELOC_KSYM_LD)
			fmt_snprintf(buf, len,
				     "%s insn %u: ld_imm64 of __ksym '%s'",
				     p->name, rs->insn, spec->ksyms[rs->ksym].name);
		else
			fmt_snprintf(buf, len, "%s insn %u: relocation kind %d",
				     p->name, rs->insn, (int)rs->kind);
		return;
	}
	fmt_snprintf(buf, len, "%s insn %llu", p->name,
		     (unsigned long long)(insn - p->sec_insn));
}

static int show_rel_section(struct inspect *in, uint32_t idx,
			    struct bb_err *err)
{
	const struct elf_section *rs = &in->ef.sections[idx];
	struct elf_rel *rels = NULL;
	char becomes[256];
	uint32_t i, nr = 0;
	int ret;

	ret = elf_read_rels(&in->ef, idx, &rels, &nr, err);
	if (ret)
		return ret;
	/* In text, relocations the loader leaves alone are only counted. */
	if (!in->j && !(in->ef.sections[rs->info].flags & SHF_EXECINSTR)) {
		out_printf(out_stdout, "  %-28s %u relocations %s\n",
			   in->ef.sections[rs->info].name, nr,
			   is_struct_ops(&in->ef.sections[rs->info]) ?
			   "(which program each function member runs)" :
			   "for linkers (not applied by the loader)");
		free(rels);
		return 0;
	}
	for (i = 0; i < nr; i++) {
		const struct elf_symbol *sym = &in->ef.symbols[rels[i].sym];
		const char *target = in->ef.sections[rs->info].name;

		reloc_becomes(in, rs->info, &rels[i], becomes, sizeof(becomes));
		if (in->j) {
			json_begin(in->j, NULL, '{');
			json_str(in->j, "rel_section", rs->name);
			json_str(in->j, "section", target);
			json_u64(in->j, "offset", rels[i].offset);
			json_str(in->j, "type", reloc_type_name(rels[i].type));
			json_str(in->j, "symbol", sym_name(&in->ef, sym));
			json_str(in->j, "becomes", becomes);
			json_end(in->j, '}');
			continue;
		}
		out_printf(out_stdout, "  %-28s %#8llx %-16s %-20s %s\n",
			   target, (unsigned long long)rels[i].offset,
			   reloc_type_name(rels[i].type),
			   sym_name(&in->ef, sym), becomes);
	}
	free(rels);
	return 0;
}

static int show_relocs(struct inspect *in, struct bb_err *err)
{
	uint32_t i;
	int ret = 0;

	if (in->j)
		json_begin(in->j, "relocations", '[');
	else
		out_printf(out_stdout, "\nRelocations:\n  %-28s %8s %-16s %-20s %s\n",
			   "section", "offset", "type", "symbol", "becomes");
	for (i = 1; i < in->ef.nr_sections && !ret; i++)
		if (in->ef.sections[i].type == SHT_REL)
			ret = show_rel_section(in, i, err);
	if (in->j)
		json_end(in->j, ']');
	return ret;
}

static void show_loader_view(struct inspect *in)
{
	const struct obj_spec *spec = &in->obj->spec;

	if (in->j) {
		json_str(in->j, "license", spec->license);
		json_u64(in->j, "kern_version", spec->kern_version);
	} else {
		out_printf(out_stdout, "\nLicense: \"%s\"%s\n", spec->license,
			   strstr(spec->license, "GPL") ? "" :
			   " (not GPL: GPL-only helpers will be refused)");
	}
	show_progs(in);
	show_maps(in);
	inspect_externs(spec, in->j);
}

static int show_disasm(struct inspect *in, struct bb_err *err)
{
	uint32_t i;
	int ret = 0;

	if (in->j)
		json_begin(in->j, "disasm", '[');
	for (i = 0; i < in->obj->spec.nr_progs && !ret; i++)
		ret = disasm_prog_side_by_side(in->obj, &in->obj->progs[i],
					       in->j, err);
	if (in->j)
		json_end(in->j, ']');
	return ret;
}

static int inspect(struct inspect *in, struct bb_err *err)
{
	int ret;

	ret = file_read_all(in->path, &in->bytes, &in->len, err);
	if (ret)
		return ret;
	ret = elf_parse(&in->ef, in->bytes, in->len, err);
	if (ret)
		return bb_err_prefix(err, ret, "%s", in->path);
	if (bb_object_open_mem(&in->obj, in->bytes, in->len, in->path, &in->obj_err))
		in->obj = NULL;
	if (in->j)
		json_begin(in->j, NULL, '{');
	show_header(in);
	show_sections(in);
	show_symbols(in);
	if (in->obj)
		show_loader_view(in);
	else if (in->j)
		json_str(in->j, "loader_error", in->obj_err.msg);
	else
		out_printf(out_stdout,
			   "\nThe loader refuses this object: %s\n",
			   in->obj_err.msg);
	show_global_data(in);
	ret = show_relocs(in, err);
	if (ret)	/* the parser's message does not know the file */
		bb_err_prefix(err, ret, "%s", in->path);
	if (!ret && in->disasm && in->obj)
		ret = show_disasm(in, err);
	if (in->j)
		json_end(in->j, '}');
	return ret;
}

/*
 * --check: would the loader take this object?  Its parse (elf/: the ELF,
 * the BTF by the kernel's rules, maps, programs, relocations) is the
 * first step of every load: 0 if it passes, 1 (and why) if it refuses.
 * The kernel may still refuse later (the verifier, missing features).
 */
static int check(struct inspect *in, struct bb_err *err)
{
	int ret = file_read_all(in->path, &in->bytes, &in->len, err);

	if (ret)
		return ret;
	if (bb_object_open_mem(&in->obj, in->bytes, in->len, in->path,
			       &in->obj_err)) {
		in->obj = NULL;
		out_printf(out_stdout, "%s: the loader refuses it: %s\n",
			   in->path, in->obj_err.msg);
		return 1;
	}
	out_printf(out_stdout, "%s: the loader accepts it\n", in->path);
	return 0;
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "disasm", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	struct json json = { .f = out_stdout };
	struct inspect in = { 0 };
	struct bb_err err = { 0 };
	int c, ret;

	while ((c = cli_getopt(&g, argc, argv, "h", longopts)) != -1) {
		if (c == 'd')
			in.disasm = 1;
		else if (c == 'j')
			in.j = &json;
		else if (c == 'c')
			in.check = 1;
		else
			goto usage;
	}
	if (g.ind != argc - 1 || (in.check && (in.j || in.disasm)))
		goto usage;
	in.path = argv[g.ind];
	ret = in.check ? check(&in, &err) : inspect(&in, &err);
	bb_object_close(in.obj);
	elf_free(&in.ef);
	free(in.bytes);
	if (ret == 1)
		return 1;	/* --check: the loader refuses it, said why */
	if (ret) {
		out_flush(out_stdout);
		bb_err_print(out_stderr, "barebpf inspect", &err);
		return 1;
	}
	return 0;
usage:	/* --help: the usage on stdout, and success */
	out_printf(c == 'h' ? out_stdout : out_stderr,
		   "Usage: barebpf inspect OBJ [--disasm] [--json]\n"
		   "       barebpf inspect --check OBJ\n");
	return c == 'h' ? 0 : 2;
}
