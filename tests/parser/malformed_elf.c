// SPDX-License-Identifier: GPL-2.0
/*
 * malformed_elf.c - broken objects must fail cleanly, saying why.
 *
 * Each case copies build/procmon.bpf.o (or argv[1]) into memory, breaks
 * one field, and checks the return code and the message of elf_parse(),
 * elf_read_rels() or btf_parse().  Then every case, and the intact file,
 * is parsed truncated at every length, and finally a few thousand random
 * byte flips: none may crash (run under valgrind/ASan to see overreads),
 * and every failure must come with a message.
 */
#include <elf.h>
#include <errno.h>
#include <stddef.h>

#include "elf/btf/btf.h"
#include "elf/elf.h"
#include "tests/tap.h"
#include "tests/parser/objs.h"

/* Where the things we break live in the intact object. */
static struct {
	const uint8_t *data;
	size_t len;
	Elf64_Ehdr eh;
	uint32_t nr_sections, symtab, strtab, rel, prog, btf;
	uint32_t nr_symbols;
	uint64_t btf_off, btf_types;	/* file offsets of .BTF, its types */
	uint32_t btf_nr_types, btf_str_len;
	uint32_t ptr_id, typedef_id, array_id, proc_info_id;
	uint64_t ptr_at, typedef_at, array_at, proc_info_at;
} L;

/* Fields are patched with memcpy: the buffer says nothing of alignment. */
static void put(uint8_t *b, uint64_t off, const void *v, size_t n)
{
	memcpy(b + off, v, n);
}

#define PUT(b, off, type, val)                 \
	do {                                   \
		type _v = (val);               \
		put((b), (off), &_v, sizeof(_v)); \
	} while (0)

#define EH(field) offsetof(Elf64_Ehdr, field)
#define SH(i, field) (L.eh.e_shoff + (uint64_t)(i) * sizeof(Elf64_Shdr) + \
		      offsetof(Elf64_Shdr, field))
#define SYM(i, field) (shdr(L.symtab).sh_offset + (uint64_t)(i) * sizeof(Elf64_Sym) + \
		       offsetof(Elf64_Sym, field))
#define REL(i, field) (shdr(L.rel).sh_offset + (uint64_t)(i) * sizeof(Elf64_Rel) + \
		       offsetof(Elf64_Rel, field))
#define BTFH(field) (L.btf_off + offsetof(struct btf_header, field))

static Elf64_Shdr shdr(uint32_t i)
{
	Elf64_Shdr sh;

	memcpy(&sh, L.data + L.eh.e_shoff + i * sizeof(sh), sizeof(sh));
	return sh;
}

/* ---- the mutations ---- */

static void m_short(uint8_t *b, size_t *len) { (void)b; *len = 10; }
static void m_magic(uint8_t *b, size_t *len) { (void)len; b[1] = 'X'; }
static void m_class32(uint8_t *b, size_t *len) { (void)len; b[EI_CLASS] = ELFCLASS32; }
static void m_bigendian(uint8_t *b, size_t *len) { (void)len; b[EI_DATA] = ELFDATA2MSB; }
static void m_version(uint8_t *b, size_t *len) { (void)len; b[EI_VERSION] = 7; }
static void m_machine(uint8_t *b, size_t *len) { (void)len; PUT(b, EH(e_machine), uint16_t, EM_X86_64); }
static void m_exec(uint8_t *b, size_t *len) { (void)len; PUT(b, EH(e_type), uint16_t, ET_EXEC); }
static void m_shoff(uint8_t *b, size_t *len) { PUT(b, EH(e_shoff), uint64_t, *len + 100); }
static void m_shnum_big(uint8_t *b, size_t *len) { (void)len; PUT(b, EH(e_shnum), uint16_t, 0xffff); }
static void m_shentsize(uint8_t *b, size_t *len) { (void)len; PUT(b, EH(e_shentsize), uint16_t, 32); }
static void m_shstrndx(uint8_t *b, size_t *len) { (void)len; PUT(b, EH(e_shstrndx), uint16_t, 5000); }

/* e_shnum 0 means "look in section 0": make that count absurd. */
static void m_shnum0_huge(uint8_t *b, size_t *len)
{
	(void)len;
	PUT(b, EH(e_shnum), uint16_t, 0);
	PUT(b, SH(0, sh_size), uint64_t, 1ull << 40);
}

/* The same escape, used honestly, must work. */
static void m_shnum0_ok(uint8_t *b, size_t *len)
{
	(void)len;
	PUT(b, EH(e_shnum), uint16_t, 0);
	PUT(b, SH(0, sh_size), uint64_t, L.nr_sections);
	PUT(b, EH(e_shstrndx), uint16_t, SHN_XINDEX);
	PUT(b, SH(0, sh_link), uint32_t, L.eh.e_shstrndx);
}

static void m_shstrtab_type(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.eh.e_shstrndx, sh_type), uint32_t, SHT_PROGBITS); }
static void m_sec_offset(uint8_t *b, size_t *len) { PUT(b, SH(L.prog, sh_offset), uint64_t, *len + 8); }
static void m_sec_size(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.prog, sh_size), uint64_t, UINT64_MAX); }
static void m_sec_name(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.prog, sh_name), uint32_t, 0xffffff); }
static void m_sec_link(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.rel, sh_link), uint32_t, 91); }
static void m_symtab_link(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.symtab, sh_link), uint32_t, 999); }
static void m_symtab_link_type(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.symtab, sh_link), uint32_t, L.prog); }
static void m_symtab_entsize(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.symtab, sh_entsize), uint64_t, 16); }
static void m_symtab_size(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.symtab, sh_size), uint64_t, shdr(L.symtab).sh_size - 1); }
static void m_two_symtabs(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.prog, sh_type), uint32_t, SHT_SYMTAB); }
static void m_sym_shndx(uint8_t *b, size_t *len) { (void)len; PUT(b, SYM(1, st_shndx), uint16_t, 1000); }
static void m_sym_shndx_rsv(uint8_t *b, size_t *len) { (void)len; PUT(b, SYM(1, st_shndx), uint16_t, SHN_LOPROC); }
static void m_sym_name(uint8_t *b, size_t *len) { (void)len; PUT(b, SYM(2, st_name), uint32_t, 0x7fffffff); }

/* The last string of .strtab loses its NUL: the name runs off the end. */
static void m_strtab_nonul(uint8_t *b, size_t *len)
{
	Elf64_Shdr st = shdr(L.strtab);

	(void)len;
	b[st.sh_offset + st.sh_size - 1] = 'x';
}

static void m_rel_link(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.rel, sh_link), uint32_t, L.strtab); }
static void m_rel_info(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.rel, sh_info), uint32_t, 500); }
static void m_rel_entsize(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.rel, sh_entsize), uint64_t, 24); }
static void m_rel_size(uint8_t *b, size_t *len) { (void)len; PUT(b, SH(L.rel, sh_size), uint64_t, shdr(L.rel).sh_size - 3); }
static void m_rel_sym(uint8_t *b, size_t *len) { (void)len; PUT(b, REL(1, r_info), uint64_t, ELF64_R_INFO(5000, 1)); }

static void m_btf_magic(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(magic), uint16_t, 0x1234); }
static void m_btf_swapped(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(magic), uint16_t, 0x9feb); }
static void m_btf_version(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(version), uint8_t, 2); }
static void m_btf_hdr_len(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(hdr_len), uint32_t, 8); }
static void m_btf_type_len(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(type_len), uint32_t, 0x100000); }
static void m_btf_str_off(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(str_off), uint32_t, 0xfffffff0); }
static void m_btf_str_empty(uint8_t *b, size_t *len) { (void)len; PUT(b, BTFH(str_len), uint32_t, 0); }

static void m_btf_str_nonul(uint8_t *b, size_t *len)
{
	uint32_t hdr_len, str_off, str_len;

	(void)len;
	memcpy(&hdr_len, L.data + BTFH(hdr_len), 4);
	memcpy(&str_off, L.data + BTFH(str_off), 4);
	memcpy(&str_len, L.data + BTFH(str_len), 4);
	b[L.btf_off + hdr_len + str_off + str_len - 1] = 'x';
}

static void m_btf_ref(uint8_t *b, size_t *len) { (void)len; PUT(b, L.ptr_at + offsetof(struct btf_type, type), uint32_t, 9999); }
static void m_btf_kind(uint8_t *b, size_t *len) { (void)len; PUT(b, L.ptr_at + offsetof(struct btf_type, info), uint32_t, 25u << 24); }
static void m_btf_name(uint8_t *b, size_t *len) { (void)len; PUT(b, L.typedef_at + offsetof(struct btf_type, name_off), uint32_t, L.btf_str_len + 10); }

/* proc_info claims 0xffff members: the record runs past the types. */
static void m_btf_vlen(uint8_t *b, size_t *len)
{
	uint32_t info;

	(void)len;
	memcpy(&info, L.data + L.proc_info_at + 4, 4);
	PUT(b, L.proc_info_at + 4, uint32_t, (info & ~0xffffu) | 0xffff);
}

static void m_btf_array_elem(uint8_t *b, size_t *len)
{
	(void)len;
	PUT(b, L.array_at + sizeof(struct btf_type) + offsetof(struct btf_array, index_type),
	    uint32_t, L.btf_nr_types);
}

/* Parse-time valid, but wrong when used: */
static void m_btf_cycle(uint8_t *b, size_t *len) { (void)len; PUT(b, L.typedef_at + offsetof(struct btf_type, type), uint32_t, L.typedef_id); }

static void m_btf_nelems(uint8_t *b, size_t *len)
{
	(void)len;
	PUT(b, L.array_at + sizeof(struct btf_type) + offsetof(struct btf_array, nelems),
	    uint32_t, 0xffffffff);
}

/* ppid becomes a 3-bit bitfield at bit 35 (kind_flag encoding). */
static void m_btf_bitfield(uint8_t *b, size_t *len)
{
	uint32_t info;

	(void)len;
	memcpy(&info, L.data + L.proc_info_at + 4, 4);
	PUT(b, L.proc_info_at + 4, uint32_t, info | (1u << 31));
	PUT(b, L.proc_info_at + sizeof(struct btf_type) + sizeof(struct btf_member) +
		       offsetof(struct btf_member, offset),
	    uint32_t, (3u << 24) | 35);
}

/* ---- how a case is run ---- */

static int run_parse(const uint8_t *b, size_t len, struct bb_err *err)
{
	struct elf_file ef;
	int ret = elf_parse(&ef, b, len, err);

	/* A failed parse leaves nothing to free. */
	if (ret && (ef.sections || ef.nr_sections || ef.symbols || ef.nr_symbols))
		ret = 1001;
	elf_free(&ef);
	return ret;
}

static int run_rels(const uint8_t *b, size_t len, struct bb_err *err)
{
	struct elf_rel *rels = NULL;
	struct elf_file ef;
	uint32_t nr = 0;
	int ret;

	ret = elf_parse(&ef, b, len, err);
	if (ret)
		return 1000;	/* the wrong stage failed: never what we want */
	ret = elf_read_rels(&ef, L.rel, &rels, &nr, err);
	if (ret && (rels || nr))
		ret = 1001;	/* failure must leave nothing behind */
	free(rels);
	elf_free(&ef);
	return ret;
}

/* elf_read_rels() on section @idx of the intact-but-for-@mutate file. */
static int rels_of(const uint8_t *b, size_t len, uint32_t idx,
		   struct bb_err *err)
{
	struct elf_rel *rels = NULL;
	struct elf_file ef;
	uint32_t nr = 0;
	int ret;

	if (elf_parse(&ef, b, len, err))
		return 1000;
	ret = elf_read_rels(&ef, idx, &rels, &nr, err);
	free(rels);
	elf_free(&ef);
	return ret;
}

static int run_rels_on_symtab(const uint8_t *b, size_t len, struct bb_err *err)
{
	return rels_of(b, len, L.symtab, err);
}

static int run_rels_bad_index(const uint8_t *b, size_t len, struct bb_err *err)
{
	return rels_of(b, len, L.nr_sections, err);
}

/* btf_parse() of the object's .BTF, copied to @shift bytes past malloc's. */
static int parse_btf_at(const uint8_t *b, size_t len, size_t shift,
			struct btf *btf, uint8_t **copy, struct bb_err *err)
{
	struct elf_file ef;
	int idx, ret;

	*copy = NULL;
	if (elf_parse(&ef, b, len, err))
		return 1000;
	idx = elf_find_section(&ef, ".BTF");
	if (idx < 0 || !ef.sections[idx].data) {
		elf_free(&ef);
		return 1002;
	}
	*copy = malloc(ef.sections[idx].size + shift + 1);
	memcpy(*copy + shift, ef.sections[idx].data, ef.sections[idx].size);
	ret = btf_parse(btf, *copy + shift, ef.sections[idx].size, err);
	if (ret && (btf->offsets || btf->nr_types))
		ret = 1001;	/* a failed parse leaves nothing to free */
	elf_free(&ef);
	return ret;
}

static int run_btf(const uint8_t *b, size_t len, struct bb_err *err)
{
	struct btf btf;
	uint8_t *copy;
	int ret = parse_btf_at(b, len, 0, &btf, &copy, err);

	btf_free(&btf);
	free(copy);
	return ret;
}

static int run_btf_misaligned(const uint8_t *b, size_t len, struct bb_err *err)
{
	struct btf btf;
	uint8_t *copy;
	int ret = parse_btf_at(b, len, 1, &btf, &copy, err);

	btf_free(&btf);
	free(copy);
	return ret;
}

/* Parse, then ask something the mutation broke; parse must succeed. */
static int run_btf_query(const uint8_t *b, size_t len, struct bb_err *err,
			 int which)
{
	uint32_t out = 0;
	struct btf btf;
	uint8_t *copy;
	int ret = parse_btf_at(b, len, 0, &btf, &copy, err);

	if (ret) {
		btf_free(&btf);
		free(copy);
		return 1003;
	}
	if (which == 1)
		ret = btf_type_size(&btf, L.array_id, &out, err);
	else
		ret = btf_member_offset(&btf, L.proc_info_id, "ppid", &out, err);
	btf_free(&btf);
	free(copy);
	return ret;
}

static int run_btf_size(const uint8_t *b, size_t len, struct bb_err *err) { return run_btf_query(b, len, err, 1); }
static int run_btf_member(const uint8_t *b, size_t len, struct bb_err *err) { return run_btf_query(b, len, err, 2); }

struct mcase {
	const char *what;
	void (*mutate)(uint8_t *b, size_t *len);
	int (*run)(const uint8_t *b, size_t len, struct bb_err *err);
	int want;
	const char *msg;	/* substring of err.msg; NULL when want is 0 */
};

static const struct mcase cases[] = {
	{ "truncated header (10 bytes)", m_short, run_parse, -EINVAL, "elf: file too short" },
	{ "bad magic", m_magic, run_parse, -EINVAL, "elf: not an ELF file (bad magic)" },
	{ "ELFCLASS32", m_class32, run_parse, -ENOTSUP, "ELFCLASS32" },
	{ "big-endian", m_bigendian, run_parse, -ENOTSUP, "elf: big-endian objects are not supported" },
	{ "e_ident version", m_version, run_parse, -EINVAL, "bad version 7" },
	{ "machine EM_X86_64", m_machine, run_parse, -ENOTSUP, "elf: machine 62 is not EM_BPF (247)" },
	{ "ET_EXEC", m_exec, run_parse, -ENOTSUP, "type 2 is not ET_REL" },
	{ "e_shoff past end", m_shoff, run_parse, -EINVAL, "section header table" },
	{ "e_shnum 0xffff over the limit", m_shnum_big, run_parse, -E2BIG, "65535 sections, more than the limit" },
	{ "e_shnum 0, section 0 sh_size 2^40", m_shnum0_huge, run_parse, -E2BIG, "1099511627776 sections" },
	{ "e_shnum 0 and SHN_XINDEX, used right", m_shnum0_ok, run_parse, 0, NULL },
	{ "e_shentsize 32", m_shentsize, run_parse, -EINVAL, "e_shentsize 32 is not 64" },
	{ "e_shstrndx out of range", m_shstrndx, run_parse, -EINVAL, "elf: e_shstrndx 5000 out of range (" },
	{ "shstrtab not SHT_STRTAB", m_shstrtab_type, run_parse, -EINVAL, "is not SHT_STRTAB" },
	{ "sh_offset past end", m_sec_offset, run_parse, -EINVAL, "'tp/sched/sched_process_exec': data [0x" },
	{ "sh_size UINT64_MAX", m_sec_size, run_parse, -EINVAL, "+0xffffffffffffffff) past end of file (0x" },
	{ "sh_name out of range", m_sec_name, run_parse, -EINVAL, "name offset 0xffffff out of range in 'section names'" },
	{ "sh_link out of range", m_sec_link, run_parse, -EINVAL, "'.reltp/sched/sched_process_exec': sh_link 91 out of range (" },
	{ "symtab sh_link out of range", m_symtab_link, run_parse, -EINVAL, "'.symtab': sh_link 999 out of range" },
	{ "symtab sh_link not a STRTAB", m_symtab_link_type, run_parse, -EINVAL, "'tp/sched/sched_process_exec' is not SHT_STRTAB" },
	{ "symtab sh_entsize 16", m_symtab_entsize, run_parse, -EINVAL, "symtab sh_entsize 16 is not 24" },
	{ "symtab size not a multiple", m_symtab_size, run_parse, -EINVAL, "is not a multiple of 24" },
	{ "two SHT_SYMTAB", m_two_symtabs, run_parse, -EINVAL, "are both SHT_SYMTAB" },
	{ "symbol st_shndx out of range", m_sym_shndx, run_parse, -EINVAL, "elf: symbol 1: st_shndx 1000 out of range (" },
	{ "symbol st_shndx reserved", m_sym_shndx_rsv, run_parse, -EINVAL, "elf: symbol 1: st_shndx 0xff00 is a reserved index" },
	{ "symbol st_name out of range", m_sym_name, run_parse, -EINVAL, "elf: symbol 2: name offset 0x7fffffff out of range in '.strtab'" },
	{ "strtab without final NUL", m_strtab_nonul, run_parse, -EINVAL, "is not NUL-terminated" },
	{ "reloc sh_link to a non-symtab", m_rel_link, run_rels, -EINVAL, "is not the symbol table" },
	{ "reloc sh_info out of range", m_rel_info, run_rels, -EINVAL, "': sh_info 500 out of range (" },
	{ "reloc sh_entsize 24", m_rel_entsize, run_rels, -EINVAL, "sh_entsize 24 is not 16" },
	{ "reloc size not a multiple", m_rel_size, run_rels, -EINVAL, "is not a multiple of 16" },
	{ "reloc symbol out of range", m_rel_sym, run_rels, -EINVAL, "elf: section '.reltp/sched/sched_process_exec': reloc #1: symbol 5000 out of range (" },
	{ "elf_read_rels on the symtab", NULL, run_rels_on_symtab, -EINVAL, "'.symtab': type 2 is not SHT_REL" },
	{ "elf_read_rels on an index out of range", NULL, run_rels_bad_index, -EINVAL, "elf: relocation section 30 out of range (30 sections)" },
	{ "BTF bad magic", m_btf_magic, run_btf, -EINVAL, "btf: bad magic 0x1234" },
	{ "BTF byte-swapped magic", m_btf_swapped, run_btf, -ENOTSUP, "btf: big-endian BTF is not supported" },
	{ "BTF version 2", m_btf_version, run_btf, -ENOTSUP, "btf: version 2" },
	{ "BTF hdr_len 8", m_btf_hdr_len, run_btf, -EINVAL, "btf: hdr_len 8" },
	{ "BTF type_len past end", m_btf_type_len, run_btf, -EINVAL, "btf: type section" },
	{ "BTF str_off past end", m_btf_str_off, run_btf, -EINVAL, "btf: string section [" },
	{ "BTF empty strings", m_btf_str_empty, run_btf, -EINVAL, "btf: string section is empty" },
	{ "BTF strings without final NUL", m_btf_str_nonul, run_btf, -EINVAL, "does not start and end with NUL" },
	{ "BTF type referencing id out of range", m_btf_ref, run_btf, -EINVAL, "references type 9999 out of range (" },
	{ "BTF unknown kind", m_btf_kind, run_btf, -EINVAL, "unknown kind 25" },
	{ "BTF name offset out of range", m_btf_name, run_btf, -EINVAL, "name offset" },
	{ "BTF vlen overruns the types", m_btf_vlen, run_btf, -EINVAL, "overruns the type section" },
	{ "BTF array index type out of range", m_btf_array_elem, run_btf, -EINVAL, "out of range" },
	{ "BTF misaligned buffer", NULL, run_btf_misaligned, -EINVAL, "not 4-byte aligned" },
	{ "BTF typedef cycle (refused at parse, like BPF_BTF_LOAD)", m_btf_cycle, run_btf, -ELOOP, "loops back through type" },
	{ "BTF array size overflow (btf_type_size)", m_btf_nelems, run_btf_size, -E2BIG, "size overflows" },
	{ "BTF bitfield member (btf_member_offset)", m_btf_bitfield, run_btf_member, -EINVAL, "member 'ppid' is a bitfield at bit 35" },
};

#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

static uint8_t *mutated(const struct mcase *c, size_t *len)
{
	uint8_t *b = malloc(L.len);

	memcpy(b, L.data, L.len);
	*len = L.len;
	if (c->mutate)
		c->mutate(b, len);
	return b;
}

static void run_case(const struct mcase *c)
{
	struct bb_err err = { .msg = "" };
	size_t len;
	uint8_t *b = mutated(c, &len);
	/* An exact-size copy so that valgrind/ASan see any overread. */
	uint8_t *exact = malloc(len ? len : 1);
	int ret;

	memcpy(exact, b, len);
	ret = c->run(exact, len, &err);
	if (getenv("VERBOSE"))
		diag("  %d: %s", ret, err.msg);
	if (!is_int(ret, c->want, "%s: returns %d", c->what, c->want))
		diag("  message: %s", err.msg);
	if (c->msg)
		like(err.msg, c->msg, "%s: message", c->what);
	free(exact);
	free(b);
}

/* Everything downstream of a successful elf_parse, for the crash loops. */
static int parse_everything(const uint8_t *b, size_t len, struct bb_err *err)
{
	struct elf_rel *rels;
	struct elf_file ef;
	struct btf btf;
	uint8_t *copy;
	uint32_t i, nr;
	int ret, idx;

	ret = elf_parse(&ef, b, len, err);
	if (ret)
		return ret;
	for (i = 0; i < ef.nr_sections; i++) {
		if (ef.sections[i].type != SHT_REL)
			continue;
		err->msg[0] = '\0';
		rels = NULL;
		ret = elf_read_rels(&ef, i, &rels, &nr, err);
		free(rels);
		if (ret < 0 && !err->msg[0])
			break;
		ret = 0;
	}
	idx = elf_find_section(&ef, ".BTF");
	/* A NOBITS .BTF has a size but no data. */
	if (!ret && idx >= 0 && ef.sections[idx].data) {
		copy = malloc(ef.sections[idx].size + 1);
		memcpy(copy, ef.sections[idx].data, ef.sections[idx].size);
		err->msg[0] = '\0';
		ret = btf_parse(&btf, copy, ef.sections[idx].size, err);
		btf_free(&btf);
		free(copy);
	}
	elf_free(&ef);
	return ret;
}

/* 0 or <0 with a message; anything else is reported once. */
static int sane(int ret, const struct bb_err *err, const char *what,
		size_t len, int *reported)
{
	if (ret == 0 || (ret < 0 && err->msg[0]))
		return 1;
	if (!(*reported)++)
		diag("  %s truncated to %zu: returned %d, message '%s'",
		     what, len, ret, err->msg);
	return 0;
}

static void truncation_loop(void)
{
	struct bb_err err;
	int bad = 0, reported = 0;
	size_t c, len, l;
	uint8_t *b, *tail;

	for (c = 0; c <= NR_CASES; c++) {
		const char *what = c < NR_CASES ? cases[c].what : "intact file";

		b = c < NR_CASES ? mutated(&cases[c], &len) : mutated(&(struct mcase){ 0 }, &len);
		tail = malloc(len ? len : 1);
		for (l = 0; l <= len; l++) {
			/* The prefix ends where the allocation ends. */
			memcpy(tail + len - l, b, l);
			err.msg[0] = '\0';
			bad += !sane(parse_everything(tail + len - l, l, &err), &err,
				     what, l, &reported);
		}
		free(tail);
		free(b);
	}
	ok(!bad, "%zu cases, each truncated at every length: no crash, every error has a message",
	   NR_CASES + 1);
}

/* The same for the .BTF section alone, which elf_parse never looks into. */
static void btf_truncation_loop(void)
{
	struct bb_err err;
	int bad = 0, reported = 0;
	uint32_t size = shdr(L.btf).sh_size;
	uint8_t *copy;
	struct btf btf;
	uint32_t l;

	for (l = 0; l <= size; l++) {
		copy = malloc(l ? l : 1);
		memcpy(copy, L.data + L.btf_off, l);
		err.msg[0] = '\0';
		bad += !sane(btf_parse(&btf, copy, l, &err), &err, ".BTF", l,
			     &reported);
		btf_free(&btf);
		free(copy);
	}
	ok(!bad, ".BTF truncated at every length 0..%u: no crash, every error has a message",
	   size);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Ask every question of every type: a parsed BTF must answer safely. */
static void query_all(const struct btf *btf)
{
	struct bb_err err;
	const struct btf_type *t;
	uint32_t id, out;
	const char *name;

	for (id = 0; id <= btf->nr_types; id++) {
		btf_skip_mods(btf, id, &out, &err);
		btf_type_size(btf, id, &out, &err);
		t = btf_type(btf, id);
		if (!t)
			continue;
		name = btf_str(btf, t->name_off);
		if (name && (btf_kind(t) == BTF_KIND_STRUCT || btf_kind(t) == BTF_KIND_UNION))
			btf_member_offset(btf, id, "pid", &out, &err);
		if (name)
			btf_find(btf, name, btf_kind(t));
	}
}

static void fuzz(int rounds)
{
	int i, k, bad = 0, reported = 0, parsed = 0;
	uint32_t btf_size = shdr(L.btf).sh_size;
	uint8_t *b = malloc(L.len), *copy = malloc(btf_size);
	struct bb_err err;
	struct btf btf;
	uint64_t at;

	for (i = 0; i < rounds; i++) {
		memcpy(b, L.data, L.len);
		for (k = 1 + next() % 4; k > 0; k--) {
			/* Half the flips land in the headers, where it matters. */
			at = next() % 2 ? L.eh.e_shoff + next() % (L.len - L.eh.e_shoff)
					: next() % L.len;
			b[at] ^= 1u << (next() % 8);
		}
		err.msg[0] = '\0';
		bad += !sane(parse_everything(b, L.len, &err), &err, "fuzzed file",
			     L.len, &reported);

		/* And the .BTF alone, then every query on what parses. */
		memcpy(copy, L.data + L.btf_off, btf_size);
		for (k = 1 + next() % 3; k > 0; k--)
			copy[next() % btf_size] = next();
		err.msg[0] = '\0';
		k = btf_parse(&btf, copy, btf_size, &err);
		bad += !sane(k, &err, "fuzzed .BTF", btf_size, &reported);
		if (!k) {
			parsed++;
			query_all(&btf);
		}
		btf_free(&btf);
	}
	free(b);
	free(copy);
	ok(!bad, "%d random corruptions: no crash, every error has a message (%d BTFs still parsed and were queried)",
	   rounds, parsed);
}

/* Find, in the intact object, everything the cases break. */
static int learn_layout(const uint8_t *data, size_t len)
{
	struct bb_err err = { .msg = "" };
	struct elf_file ef;
	const struct btf_type *t;
	struct btf btf;
	uint32_t hdr_len, type_off, id;
	uint8_t *copy;

	L.data = data;
	L.len = len;
	memcpy(&L.eh, data, sizeof(L.eh));
	if (elf_parse(&ef, data, len, &err)) {
		diag("intact object does not parse: %s", err.msg);
		return -1;
	}
	L.nr_sections = ef.nr_sections;
	L.nr_symbols = ef.nr_symbols;
	L.symtab = ef.symtab;
	L.strtab = ef.sections[ef.symtab].link;
	L.rel = elf_find_section(&ef, ".reltp/sched/sched_process_exec");
	L.prog = elf_find_section(&ef, "tp/sched/sched_process_exec");
	L.btf = elf_find_section(&ef, ".BTF");
	elf_free(&ef);
	if ((int)L.rel < 0 || (int)L.prog < 0 || (int)L.btf < 0) {
		diag("object lacks the sections the cases break");
		return -1;
	}
	L.btf_off = shdr(L.btf).sh_offset;
	memcpy(&hdr_len, data + BTFH(hdr_len), 4);
	memcpy(&type_off, data + BTFH(type_off), 4);
	memcpy(&L.btf_str_len, data + BTFH(str_len), 4);
	L.btf_types = L.btf_off + hdr_len + type_off;

	copy = malloc(shdr(L.btf).sh_size);
	memcpy(copy, data + L.btf_off, shdr(L.btf).sh_size);
	if (btf_parse(&btf, copy, shdr(L.btf).sh_size, &err)) {
		diag("intact .BTF does not parse: %s", err.msg);
		free(copy);
		return -1;
	}
	L.btf_nr_types = btf.nr_types;
	for (id = 1; id < btf.nr_types; id++) {
		t = btf_type(&btf, id);
		if (btf_kind(t) == BTF_KIND_PTR && !L.ptr_id)
			L.ptr_id = id;
		if (btf_kind(t) == BTF_KIND_TYPEDEF && !L.typedef_id)
			L.typedef_id = id;
		if (btf_kind(t) == BTF_KIND_ARRAY && !L.array_id)
			L.array_id = id;
	}
	L.proc_info_id = btf_find(&btf, "proc_info", BTF_KIND_STRUCT);
	L.ptr_at = L.btf_types + btf.offsets[L.ptr_id];
	L.typedef_at = L.btf_types + btf.offsets[L.typedef_id];
	L.array_at = L.btf_types + btf.offsets[L.array_id];
	L.proc_info_at = L.btf_types + btf.offsets[L.proc_info_id];
	btf_free(&btf);
	free(copy);
	if (!L.ptr_id || !L.typedef_id || !L.array_id || (int)L.proc_info_id <= 0) {
		diag("BTF lacks a pointer, typedef, array or proc_info");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "build/procmon.bpf.o";
	size_t len = 0, i;
	uint8_t *data;

	data = read_whole(path, &len);
	if (!data)
		return skip_all("no build/procmon.bpf.o (run make first)");
	if (!ok(learn_layout(data, len) == 0, "%s: intact object parses", path)) {
		free(data);
		return done_testing();
	}
	diag("%u sections, %u symbols, %u BTF types", L.nr_sections,
	     L.nr_symbols, L.btf_nr_types);
	for (i = 0; i < NR_CASES; i++)
		run_case(&cases[i]);
	truncation_loop();
	btf_truncation_loop();
	fuzz(getenv("FUZZ_ROUNDS") ? atoi(getenv("FUZZ_ROUNDS")) : 3000);
	free(data);
	return done_testing();
}
