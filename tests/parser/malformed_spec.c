// SPDX-License-Identifier: GPL-2.0
/*
 * malformed_spec.c - broken objects at the level of obj_spec_parse():
 * section names, .maps definitions, map-in-map slots, global data,
 * programs, relocations and calls.  (malformed_elf.c does the ELF and BTF
 * containers themselves.)
 *
 * Each case takes one real object from build/, makes one small change,
 * described in one line, and expects obj_spec_parse() to refuse it with
 * a message containing the given words: no crash, no hang, no half-built
 * spec.  Run under valgrind and ASan (make test SANITIZE=1) to also catch
 * overreads.  A section is renamed by appending a new copy of the section
 * name table (with the new name) at the end of the file: clang shares
 * name suffixes (".reltp/x" holds "tp/x"), so editing in place would
 * rename two sections at once.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Stop: the intact objects are not what this test expects. */
#define BAIL_OUT(...)                                            \
	do {                                                     \
		printf("Bail out! ");                            \
		printf(__VA_ARGS__);                             \
		printf("\n");                                   \
		exit(1);                                         \
	} while (0)

/* An intact object, parsed, to find what to break. */
struct obj {
	const char *path;
	uint8_t *data;
	size_t len;
	Elf64_Ehdr eh;
	struct obj_spec spec;
};

static struct obj procmon = { .path = "procmon.bpf.o" };
static struct obj globals = { .path = "test/globals.bpf.o" };
static struct obj mim = { .path = "test/map_in_map.bpf.o" };
static struct obj kprobe = { .path = "test/kprobe.bpf.o" };
static struct obj uprobe = { .path = "test/uprobe.bpf.o" };

/* The copy being broken. */
struct mut {
	const struct obj *o;
	uint8_t *b;
	size_t len;
};

static void put32(struct mut *m, uint64_t off, uint32_t v) { memcpy(m->b + off, &v, 4); }
static void put64(struct mut *m, uint64_t off, uint64_t v) { memcpy(m->b + off, &v, 8); }
static void put16(struct mut *m, uint64_t off, uint16_t v) { memcpy(m->b + off, &v, 2); }

static uint32_t sec(const struct obj *o, const char *name)
{
	int i = elf_find_section(&o->spec.elf, name);

	if (i < 0)
		BAIL_OUT("%s: no section '%s'", o->path, name);
	return i;
}

static uint64_t shdr(const struct obj *o, uint32_t idx, size_t field)
{
	return o->eh.e_shoff + (uint64_t)idx * sizeof(Elf64_Shdr) + field;
}
#define SHDR(o, idx, f) shdr((o), (idx), offsetof(Elf64_Shdr, f))

static uint32_t sec_of_type(const struct obj *o, uint32_t type)
{
	uint32_t i;

	for (i = 0; i < o->spec.elf.nr_sections; i++)
		if (o->spec.elf.sections[i].type == type)
			return i;
	BAIL_OUT("%s: no section of type %u", o->path, type);
	return 0;
}

/* File offset of symbol @name's Elf64_Sym. */
static uint64_t sym(const struct obj *o, const char *name)
{
	const struct elf_section *st = &o->spec.elf.sections[sec_of_type(o, SHT_SYMTAB)];
	uint32_t i;

	for (i = 0; i < o->spec.elf.nr_symbols; i++)
		if (!strcmp(o->spec.elf.symbols[i].name, name))
			return st->offset + (uint64_t)i * sizeof(Elf64_Sym);
	BAIL_OUT("%s: no symbol '%s'", o->path, name);
	return 0;
}
#define SYM(o, name, f) (sym((o), (name)) + offsetof(Elf64_Sym, f))

static uint32_t sym_index(const struct obj *o, const char *name)
{
	uint32_t i;

	for (i = 0; i < o->spec.elf.nr_symbols; i++)
		if (!strcmp(o->spec.elf.symbols[i].name, name))
			return i;
	BAIL_OUT("%s: no symbol '%s'", o->path, name);
	return 0;
}

/* File offset of relocation @i of section @relsec. */
static uint64_t rel(const struct obj *o, const char *relsec, uint32_t i, size_t field)
{
	return o->spec.elf.sections[sec(o, relsec)].offset +
	       (uint64_t)i * sizeof(Elf64_Rel) + field;
}
#define REL(o, s, i, f) rel((o), (s), (i), offsetof(Elf64_Rel, f))

static uint64_t rel_get(const struct obj *o, const char *relsec, uint32_t i, size_t field)
{
	uint64_t v;

	memcpy(&v, o->data + rel(o, relsec, i, field), 8);
	return v;
}

/* File offset of BTF type @name of @kind. */
static uint64_t btf_at(const struct obj *o, const char *name, uint32_t kind)
{
	int id = btf_find(&o->spec.btf, name, kind);

	if (id <= 0)
		BAIL_OUT("%s: no BTF type '%s'", o->path, name);
	return (const uint8_t *)btf_type(&o->spec.btf, id) - o->data;
}

/* Member @name of struct @at: file offset of its struct btf_member. */
static uint64_t member_at(struct mut *m, uint64_t at, const char *name)
{
	const struct btf_type *t = (const void *)(m->o->data + at);
	const struct btf_member *mb = btf_extra(t);
	uint32_t i;

	for (i = 0; i < btf_vlen(t); i++)
		if (!strcmp(btf_str(&m->o->spec.btf, mb[i].name_off), name))
			return (const uint8_t *)&mb[i] - m->o->data;
	BAIL_OUT("%s: no member '%s'", m->o->path, name);
	return 0;
}

/* Overwrite string @from of the BTF string section with @to (same length). */
static void btf_str_set(struct mut *m, const char *from, const char *to)
{
	const struct bytes *s = &m->o->spec.btf.strs;
	size_t n = strlen(from) + 1, i;

	for (i = 0; i + n <= s->len; i++)
		if ((i == 0 || s->data[i - 1] == 0) && !memcmp(s->data + i, from, n)) {
			memcpy(m->b + (s->data - m->o->data) + i, to, strlen(to));
			return;
		}
	BAIL_OUT("%s: no BTF string '%s'", m->o->path, from);
}

/* Give section @old the name @new (see the comment at the top). */
static void rename_sec(struct mut *m, const char *old, const char *new)
{
	uint32_t shstr = m->o->eh.e_shstrndx, idx = sec(m->o, old);
	const struct elf_section *s = &m->o->spec.elf.sections[shstr];
	size_t at = m->len, n = strlen(new) + 1;

	m->b = realloc(m->b, m->len + s->size + n);
	memcpy(m->b + at, s->data, s->size);
	memcpy(m->b + at + s->size, new, n);
	m->len += s->size + n;
	put64(m, SHDR(m->o, shstr, sh_offset), at);
	put64(m, SHDR(m->o, shstr, sh_size), s->size + n);
	put32(m, SHDR(m->o, idx, sh_name), s->size);
}

static char long_name[600];

/* ---- section names ---- */
#define TP_EXEC "tp/sched/sched_process_exec"
static void m_sec_dotdot(struct mut *m) { rename_sec(m, TP_EXEC, "tp/../../../../etc/passwd"); }
static void m_sec_slash(struct mut *m) { rename_sec(m, TP_EXEC, "tp/sched/sched/process_exec"); }
static void m_sec_noslash(struct mut *m) { rename_sec(m, TP_EXEC, "tp/sched_process_exec"); }
static void m_sec_empty_cat(struct mut *m) { rename_sec(m, TP_EXEC, "tp//sched_process_exec"); }
static void m_sec_space(struct mut *m) { rename_sec(m, TP_EXEC, "tp/sched/sched process_exec"); }
static void m_sec_long(struct mut *m) { rename_sec(m, TP_EXEC, long_name); }
static void m_kp_path(struct mut *m) { rename_sec(m, "kprobe/do_unlinkat", "kprobe/../../do_unlinkat"); }
static void m_kp_empty(struct mut *m) { rename_sec(m, "kprobe/do_unlinkat", "kprobe/"); }
static void m_kp_long(struct mut *m)
{
	char name[400] = "kprobe/";

	memset(name + 7, 'k', 300);
	rename_sec(m, "kprobe/do_unlinkat", name);
}
static void m_up_relative(struct mut *m)
{
	rename_sec(m, m->o->spec.progs[0].section, "uprobe/proc/self/exe:f");
}
static void m_up_nosym(struct mut *m) { rename_sec(m, m->o->spec.progs[0].section, "uprobe//bin/true"); }

/* ---- .maps ---- */
static void m_no_btf(struct mut *m) { rename_sec(m, ".BTF", ".BTX"); }
static void m_legacy_maps(struct mut *m) { rename_sec(m, ".maps", "maps"); }
static void m_map_attr(struct mut *m) { btf_str_set(m, "max_entries", "max_entriez"); }
static void m_map_name_btf(struct mut *m) { btf_str_set(m, "process_map", "process_maq"); }

static uint64_t procmon_def(struct mut *m)
{
	/* The anonymous struct of process_map: the type of its VAR. */
	const struct btf_type *v = (const void *)(m->o->data +
		btf_at(m->o, "process_map", BTF_KIND_VAR));

	return (const uint8_t *)btf_type(&m->o->spec.btf, v->type) - m->o->data;
}

static void m_map_not_struct(struct mut *m)
{
	uint64_t v = btf_at(m->o, "process_map", BTF_KIND_VAR);

	put32(m, v + offsetof(struct btf_type, type), btf_find(&m->o->spec.btf, "int", BTF_KIND_INT));
}

static void m_member_noname(struct mut *m) { put32(m, member_at(m, procmon_def(m), "key"), 0); }

static void m_member_twice(struct mut *m)
{
	uint64_t def = procmon_def(m);
	uint32_t key_name;

	memcpy(&key_name, m->o->data + member_at(m, def, "key"), 4);
	put32(m, member_at(m, def, "value"), key_name);
}

static void m_uint_twice(struct mut *m)
{
	uint64_t def = procmon_def(m);
	uint32_t type_name;

	memcpy(&type_name, m->o->data + member_at(m, def, "type"), 4);
	put32(m, member_at(m, def, "max_entries"), type_name);
}

static void m_member_not_ptr(struct mut *m)
{
	put32(m, member_at(m, procmon_def(m), "max_entries") + offsetof(struct btf_member, type),
	      btf_find(&m->o->spec.btf, "int", BTF_KIND_INT));
}

static void m_type_not_ptr(struct mut *m)
{
	put32(m, member_at(m, procmon_def(m), "key") + offsetof(struct btf_member, type),
	      btf_find(&m->o->spec.btf, "int", BTF_KIND_INT));
}

static void m_datasec_not_var(struct mut *m)
{
	uint64_t ds = btf_at(m->o, ".maps", BTF_KIND_DATASEC);

	put32(m, ds + sizeof(struct btf_type) + offsetof(struct btf_var_secinfo, type),
	      btf_find(&m->o->spec.btf, "int", BTF_KIND_INT));
}

static void m_map_sym_gone(struct mut *m) { put16(m, SYM(m->o, "process_map", st_shndx), sec(m->o, "license")); }

/* ---- maps of maps (test/map_in_map.bpf.o) ---- */
static const char *mim_outer(const struct obj *o)
{
	uint32_t i;

	for (i = 0; i < o->spec.nr_maps; i++)
		if (o->spec.maps[i].nr_slots)
			return o->spec.maps[i].name;
	BAIL_OUT("%s: no map with slots", o->path);
	return NULL;
}

static void m_slot_type(struct mut *m)
{
	uint64_t i = rel_get(m->o, ".rel.maps", 0, offsetof(Elf64_Rel, r_info));

	put64(m, REL(m->o, ".rel.maps", 0, r_info), ELF64_R_INFO(ELF64_R_SYM(i), 7));
}

static void m_slot_offset(struct mut *m) { put64(m, REL(m->o, ".rel.maps", 0, r_offset), 0); }

static void m_slot_past(struct mut *m)
{
	const struct map_spec *o = obj_spec_map(&m->o->spec, mim_outer(m->o));

	put64(m, REL(m->o, ".rel.maps", 0, r_offset),
	      o->sec_off + o->values_off + 4);
}

static void m_slot_not_map(struct mut *m)
{
	uint64_t i = rel_get(m->o, ".rel.maps", 0, offsetof(Elf64_Rel, r_info));

	put64(m, REL(m->o, ".rel.maps", 0, r_info),
	      ELF64_R_INFO(sym_index(m->o, "LICENSE"), ELF64_R_TYPE(i)));
}

static void m_mim_no_values(struct mut *m) { btf_str_set(m, "values", "valuez"); }

static void m_mim_value_size(struct mut *m)
{
	/* Turn the outer map into a hash: __array(values) is then wrong. */
	const struct map_spec *o = obj_spec_map(&m->o->spec, mim_outer(m->o));
	const struct btf_type *v = btf_type(&m->o->spec.btf, 0);
	uint64_t def;

	(void)v;
	def = btf_at(m->o, o->name, BTF_KIND_VAR);
	def = (const uint8_t *)btf_type(&m->o->spec.btf,
		((const struct btf_type *)(m->o->data + def))->type) - m->o->data;
	/* __uint(type, N) is "int (*type)[N]": point it at max_entries' array. */
	put32(m, member_at(m, def, "type") + offsetof(struct btf_member, type),
	      ((const struct btf_member *)(m->o->data + member_at(m, def, "max_entries")))->type);
}

/* ---- global data (test/globals.bpf.o) ---- */
static void m_bss_short(struct mut *m) { put64(m, SHDR(m->o, sec(m->o, ".bss"), sh_size), 4); }
static void m_bss_huge(struct mut *m) { put64(m, SHDR(m->o, sec(m->o, ".bss"), sh_size), 1ull << 40); }
static void m_data_nodata(struct mut *m) { put32(m, SHDR(m->o, sec(m->o, ".data"), sh_type), SHT_NULL); }
static void m_license_nonul(struct mut *m) { memset(m->b + m->o->spec.elf.sections[sec(m->o, "license")].offset, 'x', 4); }
static void m_version_size(struct mut *m) { rename_sec(m, ".data", "version"); }
static void m_btf_nobits(struct mut *m) { put32(m, SHDR(m->o, sec(m->o, ".BTF"), sh_type), SHT_NOBITS); }

/* ---- programs ---- */
static void m_fn_size_odd(struct mut *m) { put64(m, SYM(m->o, "handle_exec", st_size), 13); }
static void m_fn_past_end(struct mut *m) { put64(m, SYM(m->o, "handle_exec", st_value), 0x10000); }
static void m_sec_size_odd(struct mut *m)
{
	uint32_t i = sec(m->o, TP_EXEC);

	put64(m, SHDR(m->o, i, sh_size), m->o->spec.elf.sections[i].size - 3);
}
static void m_fn_local(struct mut *m)
{
	m->b[SYM(m->o, "handle_exec", st_info)] = ELF64_ST_INFO(STB_LOCAL, STT_FUNC);
}

/* ---- relocations ---- */
#define REL_EXEC ".rel" TP_EXEC
static void m_rel_misaligned(struct mut *m) { put64(m, REL(m->o, REL_EXEC, 0, r_offset), rel_get(m->o, REL_EXEC, 0, 0) + 3); }
static void m_rel_past(struct mut *m) { put64(m, REL(m->o, REL_EXEC, 0, r_offset), 0x100000); }
static void m_rel_not_ld64(struct mut *m) { put64(m, REL(m->o, REL_EXEC, 0, r_offset), rel_get(m->o, REL_EXEC, 0, 0) + 8); }
static void m_rel_type(struct mut *m)
{
	uint64_t i = rel_get(m->o, REL_EXEC, 0, 8);

	put64(m, REL(m->o, REL_EXEC, 0, r_info), ELF64_R_INFO(ELF64_R_SYM(i), 7));
}
static void m_rel_twice(struct mut *m) { put64(m, REL(m->o, REL_EXEC, 1, r_offset), rel_get(m->o, REL_EXEC, 0, 0)); }
static void m_rel_undef(struct mut *m) { put16(m, SYM(m->o, "step", st_shndx), SHN_UNDEF); }
static void m_rel_other_sec(struct mut *m) { put16(m, SYM(m->o, "step", st_shndx), sec(m->o, "license")); }
static void m_rel_func_addr(struct mut *m)
{
	uint64_t i = rel_get(m->o, REL_EXEC, 0, 8);

	put64(m, REL(m->o, REL_EXEC, 0, r_info),
	      ELF64_R_INFO(sym_index(m->o, "handle_exit"), ELF64_R_TYPE(i)));
}
static void m_rel_sym_range(struct mut *m) { put64(m, REL(m->o, REL_EXEC, 0, r_info), ELF64_R_INFO(100000, 1)); }
static void m_bss_off_past(struct mut *m)
{
	/* last_tgid's load: its imm is the offset into .bss. */
	uint64_t at = m->o->spec.elf.sections[sec(m->o, "tp/syscalls/sys_enter_execve")].offset +
		      rel_get(m->o, ".reltp/syscalls/sys_enter_execve", 1, 0);

	put32(m, at + offsetof(struct bpf_insn, imm), 0x1000);
}

/* ---- calls (test/globals.bpf.o calls a function in .text) ---- */
#define REL_ENTER ".reltp/syscalls/sys_enter_execve"
static void m_call_not_call(struct mut *m) { put64(m, REL(m->o, REL_ENTER, 3, r_offset), rel_get(m->o, REL_ENTER, 3, 0) - 8); }
static void m_call_data(struct mut *m)
{
	put64(m, REL(m->o, REL_ENTER, 3, r_info),
	      ELF64_R_INFO(sym_index(m->o, "filter_tgid"), 10 /* R_BPF_64_32 */));
}
static void m_call_outside(struct mut *m)
{
	uint64_t at = m->o->spec.elf.sections[sec(m->o, "tp/syscalls/sys_enter_execve")].offset +
		      rel_get(m->o, REL_ENTER, 3, 0);

	put32(m, at + offsetof(struct bpf_insn, imm), 5000);
}
static void m_call_middle(struct mut *m)
{
	uint64_t at = m->o->spec.elf.sections[sec(m->o, "tp/syscalls/sys_enter_execve")].offset +
		      rel_get(m->o, REL_ENTER, 3, 0);
	int32_t imm;

	memcpy(&imm, m->o->data + at + offsetof(struct bpf_insn, imm), 4);
	put32(m, at + offsetof(struct bpf_insn, imm), imm + 1);
}
static void m_text_odd(struct mut *m) { put64(m, SHDR(m->o, sec(m->o, ".text"), sh_size), 0x6c); }

/* ---- the table ---- */
static const struct {
	struct obj *o;
	void (*mutate)(struct mut *m);
	const char *what, *msg;
} cases[] = {
	{ &procmon, m_sec_dotdot, "tracepoint section 'tp/../../../../etc/passwd'", "must each be 1 to 255 letters" },
	{ &procmon, m_sec_slash, "tracepoint name holding a '/'", "must each be 1 to 255 letters" },
	{ &procmon, m_sec_noslash, "tracepoint section without a category", "expected CATEGORY/NAME" },
	{ &procmon, m_sec_empty_cat, "tracepoint section with an empty category", "must each be 1 to 255 letters" },
	{ &procmon, m_sec_space, "tracepoint name with a space", "must each be 1 to 255 letters" },
	{ &procmon, m_sec_long, "tracepoint section name of 500 bytes", "must each be 1 to 255 letters" },
	{ &kprobe, m_kp_path, "kprobe on '../../do_unlinkat'", "is not a symbol name" },
	{ &kprobe, m_kp_empty, "kprobe section 'kprobe/' naming no function", "expected a symbol name of 1 to 255 bytes" },
	{ &kprobe, m_kp_long, "kprobe on a 300-byte symbol", "expected a symbol name of 1 to 255 bytes" },
	{ &uprobe, m_up_relative, "uprobe on a relative path", "expected /ABSOLUTE/PATH:SYMBOL" },
	{ &uprobe, m_up_nosym, "uprobe on a path without ':SYMBOL'", "expected /ABSOLUTE/PATH:SYMBOL" },
	{ &procmon, m_no_btf, "'.maps' without a '.BTF' section", "'.maps' needs BTF" },
	{ &procmon, m_legacy_maps, "BTF-style map definitions (zeros) read as a legacy 'maps' section", "no type given" },
	{ &procmon, m_map_attr, "map attribute 'max_entriez'", "unknown attribute 'max_entriez'" },
	{ &procmon, m_map_name_btf, "map variable renamed in BTF only", "no symbol of that name in '.maps'" },
	{ &procmon, m_map_not_struct, "map variable whose type is int", "definition is not a struct" },
	{ &procmon, m_member_noname, "map definition member without a name", "member without a name" },
	{ &procmon, m_member_twice, "map definition giving the key twice, as two sizes", "key size given twice" },
	{ &procmon, m_uint_twice, "map definition giving 'type' twice (max_entries renamed)", "type given twice, as 1 and 10240" },
	{ &procmon, m_member_not_ptr, "__uint(max_entries) that is a plain int", "is not a __uint()" },
	{ &procmon, m_type_not_ptr, "__type(key) that is a plain int", "is not a __type()" },
	{ &procmon, m_datasec_not_var, "'.maps' DATASEC entry that is not a variable", "is not a variable" },
	{ &procmon, m_map_sym_gone, "map symbol moved to section 'license'", "no symbol of that name in '.maps'" },
	{ &mim, m_slot_type, "map-in-map slot relocation of type 7", "unsupported relocation type 7" },
	{ &mim, m_slot_offset, "map-in-map slot relocation outside 'values'", "is not in the values of a map of maps" },
	{ &mim, m_slot_past, "map-in-map slot relocation between two slots", "is not one of its" },
	{ &mim, m_slot_not_map, "map-in-map slot pointing at LICENSE", "is not a map in '.maps'" },
	{ &mim, m_mim_no_values, "map of maps whose 'values' is renamed", "member 'valuez' is not a __uint()" },
	{ &mim, m_mim_value_size, "map of maps whose type becomes its max_entries", "is only for ARRAY_OF_MAPS and HASH_OF_MAPS" },
	{ &globals, m_bss_short, "'.bss' shrunk below its variables", "past the end of the section" },
	{ &globals, m_bss_huge, "'.bss' of 1 TiB", "too big for a map value" },
	{ &globals, m_data_nodata, "'.data' turned into SHT_NULL", "which is neither '.maps' nor global data" },
	{ &globals, m_license_nonul, "license without its NUL", "'license' is not a NUL-terminated string" },
	{ &globals, m_version_size, "8-byte '.data' renamed 'version'", "'version' is not 4 bytes" },
	{ &globals, m_btf_nobits, "'.BTF' of type SHT_NOBITS", "'.BTF' has no data" },
	{ &procmon, m_fn_size_odd, "program symbol of 13 bytes", "is not a whole number of instructions" },
	{ &procmon, m_fn_past_end, "program symbol past its section's end", "past the end of the section" },
	{ &procmon, m_sec_size_odd, "program section size not a multiple of 8", "is not a multiple of 8" },
	{ &procmon, m_fn_local, "only function of a section made local", "no global function in it" },
	{ &procmon, m_rel_misaligned, "relocation 3 bytes into an instruction", "is not an instruction of the section" },
	{ &procmon, m_rel_past, "relocation past the section's end", "is not an instruction of the section" },
	{ &procmon, m_rel_not_ld64, "map relocation on the second half of ld_imm64", "is not a 64-bit load (ld_imm64)" },
	{ &procmon, m_rel_type, "relocation of an unknown type 7", "unsupported relocation type 7" },
	{ &procmon, m_rel_twice, "two relocations of one instruction", "two relocations of instruction" },
	{ &globals, m_rel_undef, "variable symbol made undefined (extern)", "is neither __kconfig nor __ksym" },
	{ &globals, m_rel_other_sec, "variable symbol moved into 'license'", "is in section 'license', which is neither" },
	{ &procmon, m_rel_func_addr, "ld_imm64 of a function's address", "the address of function 'handle_exit' is taken" },
	{ &procmon, m_rel_sym_range, "relocation naming symbol 100000", "symbol 100000 out of range" },
	{ &globals, m_bss_off_past, "ld_imm64 offset 0x1000 into a 24-byte '.bss'", "is past its end" },
	{ &globals, m_call_not_call, "call relocation on the instruction before the call", "is not a call to a BPF function" },
	{ &globals, m_call_data, "call relocation against a variable", "which is not code" },
	{ &globals, m_call_outside, "call 5000 instructions ahead", "outside the section" },
	{ &globals, m_call_middle, "call into the middle of a function", "where no function starts" },
	{ &globals, m_text_odd, "'.text' cut to a size that is not instructions", "which is not code" },
};

static void load(struct obj *o)
{
	const char *b = getenv("BUILD");
	struct bb_err err = { 0 };
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", b && *b ? b : "build", o->path);
	o->data = read_whole(path, &o->len);
	if (!o->data || o->len < sizeof(o->eh))
		BAIL_OUT("cannot read %s", path);
	memcpy(&o->eh, o->data, sizeof(o->eh));
	if (obj_spec_parse(&o->spec, o->data, o->len, &err))
		BAIL_OUT("%s: %s", path, err.msg);
}

static void run_case(size_t i)
{
	struct mut m = { .o = cases[i].o, .len = cases[i].o->len };
	struct bb_err err = { 0 };
	struct obj_spec s;
	int ret;

	m.b = malloc(m.len);
	memcpy(m.b, m.o->data, m.len);
	cases[i].mutate(&m);
	ret = obj_spec_parse(&s, m.b, m.len, &err);
	if (!ok(ret < 0 && ret > -4096, "%s: refused", cases[i].what))
		obj_spec_free(&s);
	else
		ok(s.maps == NULL && s.progs == NULL && s.nr_maps == 0,
		   "%s: nothing half-built", cases[i].what);
	like(err.msg, cases[i].msg, "%s: says so", cases[i].what);
	diag("%s", err.msg);
	free(err.detail);
	free(m.b);
}

int main(void)
{
	size_t i;

	memset(long_name, 'a', 500);
	memcpy(long_name, "tp/sched/", 9);
	load(&procmon);
	load(&globals);
	load(&mim);
	load(&kprobe);
	load(&uprobe);
	ok(ARRAY_SIZE(cases) >= 40, "%zu cases", ARRAY_SIZE(cases));
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(i);
	return done_testing();
}
