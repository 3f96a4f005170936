// SPDX-License-Identifier: GPL-2.0
/*
 * elf.c - read the section table and symbol table of a BPF relocatable
 * object, trusting nothing in it.
 *
 * Headers and symbols are copied out with buf_read() (the input need not
 * be aligned); section contents and strings stay in the caller's buffer.
 * Every index the file gives us is compared with the size of the table it
 * points into before it is used.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf.h"
#include "elf/base/fmt.h"

/* A section's name for messages; the table may be half built. */
static const char *sec_name(const struct elf_file *ef, uint32_t idx)
{
	if (idx < ef->nr_sections && ef->sections && ef->sections[idx].name)
		return ef->sections[idx].name;
	return "?";
}

int elf_check_ident(const Elf64_Ehdr *eh, struct bb_err *err)
{
	const unsigned char *id = eh->e_ident;

	if (memcmp(id, ELFMAG, SELFMAG))
		return bb_errf(err, -EINVAL, "elf: not an ELF file (bad magic)");
	if (id[EI_CLASS] == ELFCLASS32)
		return bb_errf(err, -ENOTSUP,
			       "elf: 32-bit (ELFCLASS32) objects are not supported");
	if (id[EI_CLASS] != ELFCLASS64)
		return bb_errf(err, -EINVAL, "elf: bad class %u in e_ident",
			       id[EI_CLASS]);
	if (id[EI_DATA] == ELFDATA2MSB)
		return bb_errf(err, -ENOTSUP,
			       "elf: big-endian objects are not supported");
	if (id[EI_DATA] != ELFDATA2LSB)
		return bb_errf(err, -EINVAL, "elf: bad data encoding %u in e_ident",
			       id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return bb_errf(err, -EINVAL, "elf: bad version %u in e_ident",
			       id[EI_VERSION]);
	return 0;
}

static int check_ehdr(const struct bytes *b, Elf64_Ehdr *eh,
		      struct bb_err *err)
{
	int ret;

	/* The magic first, so that a short non-ELF file says "bad magic". */
	if (b->len < SELFMAG || memcmp(buf_slice(b, 0, SELFMAG), ELFMAG, SELFMAG))
		return bb_errf(err, -EINVAL, "elf: not an ELF file (bad magic)");
	if (buf_read(b, 0, eh, sizeof(*eh)))
		return bb_errf(err, -EINVAL,
			       "elf: file too short for an ELF header (%zu bytes, need %zu)",
			       b->len, sizeof(*eh));
	ret = elf_check_ident(eh, err);
	if (ret)
		return ret;
	if (eh->e_type != ET_REL)
		return bb_errf(err, -ENOTSUP,
			       "elf: type %u is not ET_REL (%u): only relocatable objects are supported",
			       eh->e_type, ET_REL);
	if (eh->e_machine != EM_BPF)
		return bb_errf(err, -ENOTSUP, "elf: machine %u is not EM_BPF (%u)",
			       eh->e_machine, EM_BPF);
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return bb_errf(err, -EINVAL, "elf: e_shentsize %u is not %zu",
			       eh->e_shentsize, sizeof(Elf64_Shdr));
	return 0;
}

/*
 * Section count and name-table index.  Both have escape values for files
 * with more than 0xff00 sections: the real numbers are then in section 0's
 * sh_size and sh_link (gABI, "Sections").
 */
static int section_count(const struct bytes *b, const Elf64_Ehdr *eh,
			 uint64_t *nr, uint32_t *shstrndx, struct bb_err *err)
{
	Elf64_Shdr s0;

	*nr = eh->e_shnum;
	*shstrndx = eh->e_shstrndx;
	if (eh->e_shoff == 0)
		return bb_errf(err, -EINVAL, "elf: no section header table (e_shoff 0)");
	if (*nr && *shstrndx != SHN_XINDEX)
		return 0;
	if (buf_read(b, eh->e_shoff, &s0, sizeof(s0)))
		return bb_errf(err, -EINVAL,
			       "elf: section header table at 0x%llx past end of file (0x%zx bytes)",
			       (unsigned long long)eh->e_shoff, b->len);
	if (!*nr)
		*nr = s0.sh_size;
	if (*shstrndx == SHN_XINDEX)
		*shstrndx = s0.sh_link;
	return 0;
}

/* The contents of a section, checked to lie inside the file. */
static int section_data(const struct elf_file *ef, uint32_t idx,
			const char *name, struct elf_section *s,
			struct bb_err *err)
{
	if (s->type == SHT_NULL || s->type == SHT_NOBITS) {
		s->data = NULL;
		return 0;
	}
	s->data = buf_slice(&ef->buf, s->offset, s->size);
	if (!s->data)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': data [0x%llx, +0x%llx) past end of file (0x%zx bytes)",
			       idx, name, (unsigned long long)s->offset,
			       (unsigned long long)s->size, ef->buf.len);
	return 0;
}

static void fill_section(struct elf_section *s, const Elf64_Shdr *sh)
{
	s->type = sh->sh_type;
	s->flags = sh->sh_flags;
	s->offset = sh->sh_offset;
	s->size = sh->sh_size;
	s->link = sh->sh_link;
	s->info = sh->sh_info;
	s->addralign = sh->sh_addralign;
	s->entsize = sh->sh_entsize;
}

/* Explain why buf_str() refused @off in string table @tab. */
static int str_err(struct bb_err *err, const char *what,
		   const struct bytes *tab, const char *tab_name, uint64_t off)
{
	if (off >= tab->len)
		return bb_errf(err, -EINVAL,
			       "elf: %s: name offset 0x%llx out of range in '%s' (0x%zx bytes)",
			       what, (unsigned long long)off, tab_name, tab->len);
	return bb_errf(err, -EINVAL,
		       "elf: %s: name at 0x%llx in '%s' is not NUL-terminated",
		       what, (unsigned long long)off, tab_name);
}

static int read_shdr(const struct elf_file *ef, uint64_t shoff, uint32_t idx,
		     Elf64_Shdr *sh, struct bb_err *err)
{
	/* idx < ELF_MAX_SECTIONS, so the product cannot overflow. */
	if (buf_read(&ef->buf, shoff + (uint64_t)idx * sizeof(*sh), sh, sizeof(*sh)))
		return bb_errf(err, -EINVAL,
			       "elf: section header %u past end of file (0x%zx bytes)",
			       idx, ef->buf.len);
	return 0;
}

/* The section-name string table, before any section has a name. */
static int read_shstrtab(struct elf_file *ef, uint64_t shoff,
			 uint32_t shstrndx, struct bytes *names,
			 struct bb_err *err)
{
	struct elf_section s = { 0 };
	Elf64_Shdr sh;
	int ret;

	if (shstrndx >= ef->nr_sections)
		return bb_errf(err, -EINVAL,
			       "elf: e_shstrndx %u out of range (%u sections)",
			       shstrndx, ef->nr_sections);
	ret = read_shdr(ef, shoff, shstrndx, &sh, err);
	if (ret)
		return ret;
	if (sh.sh_type != SHT_STRTAB)
		return bb_errf(err, -EINVAL,
			       "elf: section %u (section names): type %u is not SHT_STRTAB",
			       shstrndx, sh.sh_type);
	fill_section(&s, &sh);
	ret = section_data(ef, shstrndx, "(section names)", &s, err);
	if (ret)
		return ret;
	names->data = s.data;
	names->len = s.size;
	return 0;
}

static int read_section(struct elf_file *ef, uint64_t shoff, uint32_t idx,
			const struct bytes *names, struct bb_err *err)
{
	struct elf_section *s = &ef->sections[idx];
	char what[32];
	Elf64_Shdr sh;
	int ret;

	ret = read_shdr(ef, shoff, idx, &sh, err);
	if (ret)
		return ret;
	fill_section(s, &sh);
	s->name = buf_str(names, sh.sh_name);
	if (!s->name) {
		fmt_snprintf(what, sizeof(what), "section %u", idx);
		return str_err(err, what, names, "section names", sh.sh_name);
	}
	/* gABI: sh_link is a section index (or 0) for every section type. */
	if (s->link >= ef->nr_sections)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': sh_link %u out of range (%u sections)",
			       idx, s->name, s->link, ef->nr_sections);
	return section_data(ef, idx, s->name, s, err);
}

static int read_sections(struct elf_file *ef, const Elf64_Ehdr *eh,
			 struct bb_err *err)
{
	struct bytes names;
	uint32_t shstrndx;
	uint64_t nr;
	uint32_t i;
	int ret;

	ret = section_count(&ef->buf, eh, &nr, &shstrndx, err);
	if (ret)
		return ret;
	if (nr == 0)
		return bb_errf(err, -EINVAL, "elf: no sections");
	if (nr > ELF_MAX_SECTIONS)
		return bb_errf(err, -E2BIG, "elf: %llu sections, more than the limit %u",
			       (unsigned long long)nr, ELF_MAX_SECTIONS);
	if (!buf_slice(&ef->buf, eh->e_shoff, nr * sizeof(Elf64_Shdr)))
		return bb_errf(err, -EINVAL,
			       "elf: section header table [0x%llx, +0x%llx) past end of file (0x%zx bytes)",
			       (unsigned long long)eh->e_shoff,
			       (unsigned long long)(nr * sizeof(Elf64_Shdr)),
			       ef->buf.len);
	ef->nr_sections = nr;
	ret = read_shstrtab(ef, eh->e_shoff, shstrndx, &names, err);
	if (ret)
		return ret;
	ef->sections = calloc(nr, sizeof(*ef->sections));
	if (!ef->sections)
		return bb_errf(err, -ENOMEM, "elf: out of memory for %llu sections",
			       (unsigned long long)nr);
	for (i = 0; i < nr; i++) {
		ret = read_section(ef, eh->e_shoff, i, &names, err);
		if (ret)
			return ret;
	}
	return 0;
}

/* The one SHT_SYMTAB, if any; a second one would be ambiguous. */
static int find_symtab(struct elf_file *ef, struct bb_err *err)
{
	uint32_t i;

	for (i = 0; i < ef->nr_sections; i++) {
		if (ef->sections[i].type != SHT_SYMTAB)
			continue;
		if (ef->symtab)
			return bb_errf(err, -EINVAL,
				       "elf: sections %u '%s' and %u '%s' are both SHT_SYMTAB",
				       ef->symtab, sec_name(ef, ef->symtab), i,
				       sec_name(ef, i));
		ef->symtab = i;
	}
	return 0;
}

static int check_shndx(const struct elf_file *ef, uint32_t i, uint16_t shndx,
		       struct bb_err *err)
{
	if (shndx == SHN_UNDEF || shndx == SHN_ABS || shndx == SHN_COMMON)
		return 0;
	if (shndx == SHN_XINDEX)
		return bb_errf(err, -ENOTSUP,
			       "elf: symbol %u: st_shndx SHN_XINDEX (extended section indexes) is not supported",
			       i);
	if (shndx >= SHN_LORESERVE)
		return bb_errf(err, -EINVAL,
			       "elf: symbol %u: st_shndx 0x%x is a reserved index",
			       i, shndx);
	if (shndx >= ef->nr_sections)
		return bb_errf(err, -EINVAL,
			       "elf: symbol %u: st_shndx %u out of range (%u sections)",
			       i, shndx, ef->nr_sections);
	return 0;
}

static int read_symbol(struct elf_file *ef, const struct bytes *tab,
		       const struct bytes *strs, uint32_t i, struct bb_err *err)
{
	const struct elf_section *st = &ef->sections[ef->sections[ef->symtab].link];
	struct elf_symbol *sym = &ef->symbols[i];
	char what[32];
	Elf64_Sym es;
	int ret;

	if (buf_read(tab, (uint64_t)i * sizeof(es), &es, sizeof(es)))
		return bb_errf(err, -EINVAL, "elf: symbol %u past end of symtab", i);
	sym->name = buf_str(strs, es.st_name);
	if (!sym->name) {
		fmt_snprintf(what, sizeof(what), "symbol %u", i);
		return str_err(err, what, strs, st->name, es.st_name);
	}
	ret = check_shndx(ef, i, es.st_shndx, err);
	if (ret)
		return ret;
	sym->value = es.st_value;
	sym->size = es.st_size;
	sym->shndx = es.st_shndx;
	sym->type = ELF64_ST_TYPE(es.st_info);
	sym->bind = ELF64_ST_BIND(es.st_info);
	sym->visibility = ELF64_ST_VISIBILITY(es.st_other);
	return 0;
}

/* Check the symtab's shape and its string table; return the entry count. */
static int symtab_shape(const struct elf_file *ef, uint64_t *nr,
			struct bb_err *err)
{
	const struct elf_section *s = &ef->sections[ef->symtab];
	const struct elf_section *st;

	if (s->entsize != sizeof(Elf64_Sym))
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': symtab sh_entsize %llu is not %zu",
			       ef->symtab, s->name, (unsigned long long)s->entsize,
			       sizeof(Elf64_Sym));
	if (s->size % sizeof(Elf64_Sym))
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': symtab size 0x%llx is not a multiple of %zu",
			       ef->symtab, s->name, (unsigned long long)s->size,
			       sizeof(Elf64_Sym));
	*nr = s->size / sizeof(Elf64_Sym);
	if (*nr > ELF_MAX_SYMBOLS)
		return bb_errf(err, -E2BIG,
			       "elf: section %u '%s': %llu symbols, more than the limit %u",
			       ef->symtab, s->name, (unsigned long long)*nr,
			       ELF_MAX_SYMBOLS);
	/* read_section() already checked link < nr_sections. */
	st = &ef->sections[s->link];
	if (st->type != SHT_STRTAB)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': sh_link %u '%s' is not SHT_STRTAB",
			       ef->symtab, s->name, s->link, st->name);
	return 0;
}

static int read_symbols(struct elf_file *ef, struct bb_err *err)
{
	struct bytes tab, strs;
	uint64_t nr = 0;
	uint32_t i;
	int ret;

	ret = find_symtab(ef, err);
	if (ret || !ef->symtab)
		return ret;
	ret = symtab_shape(ef, &nr, err);
	if (ret)
		return ret;
	tab.data = ef->sections[ef->symtab].data;
	tab.len = ef->sections[ef->symtab].size;
	strs.data = ef->sections[ef->sections[ef->symtab].link].data;
	strs.len = ef->sections[ef->sections[ef->symtab].link].size;
	if (!nr)
		return 0;
	ef->symbols = calloc(nr, sizeof(*ef->symbols));
	if (!ef->symbols)
		return bb_errf(err, -ENOMEM, "elf: out of memory for %llu symbols",
			       (unsigned long long)nr);
	ef->nr_symbols = nr;
	for (i = 0; i < nr; i++) {
		ret = read_symbol(ef, &tab, &strs, i, err);
		if (ret)
			return ret;
	}
	return 0;
}

int elf_parse(struct elf_file *ef, const void *data, size_t len,
	      struct bb_err *err)
{
	Elf64_Ehdr eh;
	int ret;

	memset(ef, 0, sizeof(*ef));
	ef->buf.data = data;
	ef->buf.len = len;
	ret = check_ehdr(&ef->buf, &eh, err);
	if (!ret)
		ret = read_sections(ef, &eh, err);
	if (!ret)
		ret = read_symbols(ef, err);
	if (ret) {
		elf_free(ef);
		return ret;
	}
	ef->type = eh.e_type;
	ef->machine = eh.e_machine;
	return 0;
}

void elf_free(struct elf_file *ef)
{
	if (!ef)
		return;
	free(ef->sections);
	free(ef->symbols);
	memset(ef, 0, sizeof(*ef));
}

int elf_find_section(const struct elf_file *ef, const char *name)
{
	uint32_t i;

	for (i = 0; i < ef->nr_sections; i++)
		if (ef->sections[i].name && !strcmp(ef->sections[i].name, name))
			return i;
	return -ENOENT;
}

bool elf_extern_is_weak(const struct elf_file *ef, const char *name)
{
	uint32_t i;

	for (i = 0; i < ef->nr_symbols; i++)
		if (ef->symbols[i].shndx == SHN_UNDEF &&
		    !strcmp(ef->symbols[i].name, name))
			return ef->symbols[i].bind == STB_WEAK;
	return false;
}

/* A relocation section must point at our symtab and at a real section. */
static int check_rel_section(const struct elf_file *ef, uint32_t idx,
			     struct bb_err *err)
{
	const struct elf_section *s = &ef->sections[idx];

	if (s->type != SHT_REL)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': type %u is not SHT_REL",
			       idx, s->name, s->type);
	if (s->entsize != sizeof(Elf64_Rel))
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': sh_entsize %llu is not %zu",
			       idx, s->name, (unsigned long long)s->entsize,
			       sizeof(Elf64_Rel));
	if (s->size % sizeof(Elf64_Rel))
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': size 0x%llx is not a multiple of %zu",
			       idx, s->name, (unsigned long long)s->size,
			       sizeof(Elf64_Rel));
	if (!ef->symtab || s->link != ef->symtab)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': sh_link %u is not the symbol table (%u)",
			       idx, s->name, s->link, ef->symtab);
	if (s->info >= ef->nr_sections)
		return bb_errf(err, -EINVAL,
			       "elf: section %u '%s': sh_info %u out of range (%u sections)",
			       idx, s->name, s->info, ef->nr_sections);
	if (!s->data)
		return bb_errf(err, -EINVAL, "elf: section %u '%s': no data",
			       idx, s->name);
	if (s->size / sizeof(Elf64_Rel) > UINT32_MAX)
		return bb_errf(err, -E2BIG, "elf: section %u '%s': too many relocations",
			       idx, s->name);
	return 0;
}

static int read_rel(const struct elf_file *ef, uint32_t idx,
		    const struct bytes *tab, uint32_t i, struct elf_rel *out,
		    struct bb_err *err)
{
	Elf64_Rel r;

	if (buf_read(tab, (uint64_t)i * sizeof(r), &r, sizeof(r)))
		return bb_errf(err, -EINVAL, "elf: section '%s': reloc #%u past end",
			       sec_name(ef, idx), i);
	out->offset = r.r_offset;
	out->sym = ELF64_R_SYM(r.r_info);
	out->type = ELF64_R_TYPE(r.r_info);
	if (out->sym >= ef->nr_symbols)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': reloc #%u: symbol %u out of range (%u symbols)",
			       sec_name(ef, idx), i, out->sym, ef->nr_symbols);
	return 0;
}

int elf_read_rels(const struct elf_file *ef, uint32_t idx,
		  struct elf_rel **out, uint32_t *nr, struct bb_err *err)
{
	struct elf_rel *rels;
	struct bytes tab;
	uint32_t i, n;
	int ret;

	*out = NULL;
	*nr = 0;
	if (idx >= ef->nr_sections)
		return bb_errf(err, -EINVAL,
			       "elf: relocation section %u out of range (%u sections)",
			       idx, ef->nr_sections);
	ret = check_rel_section(ef, idx, err);
	if (ret)
		return ret;
	n = ef->sections[idx].size / sizeof(Elf64_Rel);
	if (!n)
		return 0;
	tab.data = ef->sections[idx].data;
	tab.len = ef->sections[idx].size;
	rels = calloc(n, sizeof(*rels));
	if (!rels)
		return bb_errf(err, -ENOMEM, "elf: out of memory for %u relocations", n);
	for (i = 0; i < n; i++) {
		ret = read_rel(ef, idx, &tab, i, &rels[i], err);
		if (ret) {
			free(rels);
			return ret;
		}
	}
	*out = rels;
	*nr = n;
	return 0;
}
