// SPDX-License-Identifier: GPL-2.0
/*
 * exec.c - symbol -> file offset in an ELF executable or shared library.
 *
 * The steps, each over bytes checked by buf.c:
 *	1. the ELF header: ET_EXEC or ET_DYN, 64-bit little-endian;
 *	2. the section headers, looking for SHT_SYMTAB, then SHT_DYNSYM;
 *	3. in each, a defined STT_FUNC symbol with the name we want (or,
 *	   for uprobe.multi, every one whose name matches a glob pattern);
 *	4. the PT_LOAD program header whose file-backed bytes hold its
 *	   address, which gives the file offset.
 */
#include <elf.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/sort.h"
#include "elf/elf.h"
#include "elf/exec.h"

int exec_ehdr(const struct bytes *b, Elf64_Ehdr *eh, struct bb_err *err)
{
	int ret;

	if (buf_read(b, 0, eh, sizeof(*eh)))
		return bb_errf(err, -EINVAL,
			       "elf: file too short for an ELF header (%zu bytes)",
			       b->len);
	ret = elf_check_ident(eh, err);
	if (ret)
		return ret;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return bb_errf(err, -ENOTSUP,
			       "elf: type %u is neither ET_EXEC nor ET_DYN: not an executable or shared library",
			       eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    eh->e_shentsize != sizeof(Elf64_Shdr))
		return bb_errf(err, -EINVAL,
			       "elf: e_phentsize %u / e_shentsize %u are not %zu / %zu",
			       eh->e_phentsize, eh->e_shentsize,
			       sizeof(Elf64_Phdr), sizeof(Elf64_Shdr));
	/* 0 or an escape value: files this large have no business here. */
	if (eh->e_shnum == 0 || eh->e_shnum >= SHN_LORESERVE)
		return bb_errf(err, -EINVAL,
			       "elf: e_shnum %u: no usable section header table",
			       eh->e_shnum);
	return 0;
}

int exec_shdr(const struct bytes *b, const Elf64_Ehdr *eh,
	      uint32_t idx, Elf64_Shdr *sh, struct bb_err *err)
{
	if (idx >= eh->e_shnum ||
	    buf_read(b, eh->e_shoff + (uint64_t)idx * sizeof(*sh), sh,
		     sizeof(*sh)))
		return bb_errf(err, -EINVAL,
			       "elf: section header %u out of range or past end of file",
			       idx);
	return 0;
}

/* The contents of section @sh as a bounded byte range. */
int exec_sec_bytes(const struct bytes *b, const Elf64_Shdr *sh,
		   uint32_t idx, struct bytes *out, struct bb_err *err)
{
	out->data = buf_slice(b, sh->sh_offset, sh->sh_size);
	out->len = sh->sh_size;
	if (!out->data || sh->sh_type == SHT_NOBITS)
		return bb_errf(err, -EINVAL,
			       "elf: section %u: data [0x%llx, +0x%llx) past end of file (0x%zx bytes)",
			       idx, (unsigned long long)sh->sh_offset,
			       (unsigned long long)sh->sh_size, b->len);
	return 0;
}

/*
 * What a walk of the symbol tables does with each defined function:
 * return 1 to stop there, 0 to go on, or -errno.
 */
typedef int (*func_visit)(void *ctx, const char *name, const Elf64_Sym *sym,
			  struct bb_err *err);

static int visit_exact(void *ctx, const char *name, const Elf64_Sym *sym,
		       struct bb_err *err)
{
	(void)sym;
	(void)err;
	return !strcmp(name, ctx);
}

/*
 * Walk symbol table section @idx, calling @visit for each defined function
 * until it returns non-zero (that value, *sym filled), or 0 at the end;
 * -errno on a malformed table.
 */
static int search_table(const struct bytes *b, const Elf64_Ehdr *eh,
			uint32_t idx, const Elf64_Shdr *sh, func_visit visit,
			void *ctx, Elf64_Sym *sym, struct bb_err *err)
{
	struct bytes syms, strs;
	Elf64_Shdr strsh;
	const char *s;
	uint64_t i, n;
	int ret;

	if (sh->sh_entsize != sizeof(Elf64_Sym))
		return bb_errf(err, -EINVAL,
			       "elf: section %u: symbol entsize %llu is not %zu",
			       idx, (unsigned long long)sh->sh_entsize,
			       sizeof(Elf64_Sym));
	ret = exec_sec_bytes(b, sh, idx, &syms, err);
	if (!ret)
		ret = exec_shdr(b, eh, sh->sh_link, &strsh, err);
	if (!ret)
		ret = exec_sec_bytes(b, &strsh, sh->sh_link, &strs, err);
	if (ret)
		return ret;
	n = syms.len / sizeof(Elf64_Sym);
	for (i = 0; i < n; i++) {
		if (buf_read(&syms, i * sizeof(*sym), sym, sizeof(*sym)))
			return bb_errf(err, -EINVAL, "elf: section %u: symbol %llu past end",
				       idx, (unsigned long long)i);
		if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC ||
		    sym->st_shndx == SHN_UNDEF || sym->st_value == 0)
			continue;
		s = buf_str(&strs, sym->st_name);
		ret = s ? visit(ctx, s, sym, err) : 0;
		if (ret)
			return ret;
	}
	return 0;
}

/* .symtab first (it has static functions too), then .dynsym. */
static int find_func(const struct bytes *b, const Elf64_Ehdr *eh,
		     const char *name, Elf64_Sym *sym, const char **table,
		     struct bb_err *err)
{
	static const uint32_t order[] = { SHT_SYMTAB, SHT_DYNSYM };
	Elf64_Shdr sh;
	uint32_t k, i;
	int ret;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < eh->e_shnum; i++) {
			ret = exec_shdr(b, eh, i, &sh, err);
			if (ret)
				return ret;
			if (sh.sh_type != order[k])
				continue;
			ret = search_table(b, eh, i, &sh, visit_exact,
					   (void *)name, sym, err);
			if (ret < 0)
				return ret;
			if (ret) {
				*table = order[k] == SHT_SYMTAB ? ".symtab" : ".dynsym";
				return 0;
			}
		}
	}
	return bb_errf(err, -ENOENT,
		       "elf: no function '%s' in .symtab or .dynsym", name);
}

/* The file offset of virtual address @addr, through the PT_LOADs. */
int exec_addr_offset(const struct bytes *b, const Elf64_Ehdr *eh,
		     uint64_t addr, uint64_t *off, struct bb_err *err)
{
	Elf64_Phdr ph;
	uint32_t i;

	for (i = 0; i < eh->e_phnum; i++) {
		if (buf_read(b, eh->e_phoff + (uint64_t)i * sizeof(ph), &ph,
			     sizeof(ph)))
			return bb_errf(err, -EINVAL,
				       "elf: program header %u past end of file", i);
		if (ph.p_type != PT_LOAD || addr < ph.p_vaddr ||
		    addr - ph.p_vaddr >= ph.p_filesz)
			continue;
		*off = addr - ph.p_vaddr + ph.p_offset;
		if (*off >= b->len)
			return bb_errf(err, -EINVAL,
				       "elf: address 0x%llx maps to offset 0x%llx, past end of file",
				       (unsigned long long)addr,
				       (unsigned long long)*off);
		return 0;
	}
	return bb_errf(err, -EINVAL,
		       "elf: address 0x%llx is in no PT_LOAD segment",
		       (unsigned long long)addr);
}

int exec_symbol_offset(const void *data, size_t len, const char *name,
		       struct exec_symbol *out, struct bb_err *err)
{
	struct bytes b = { data, len };
	Elf64_Ehdr eh;
	Elf64_Sym sym;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = exec_ehdr(&b, &eh, err);
	if (!ret)
		ret = find_func(&b, &eh, name, &sym, &out->table, err);
	if (!ret)
		ret = exec_addr_offset(&b, &eh, sym.st_value, &out->offset, err);
	if (ret)
		return ret;
	out->addr = sym.st_value;
	out->size = sym.st_size;
	return 0;
}

/* uprobe.multi: the file offsets of every function matching a pattern. */
struct pattern_walk {
	const struct bytes *b;
	const Elf64_Ehdr *eh;
	const char *pattern;
	uint64_t *offs;
	uint32_t nr, cap;
};

static int visit_pattern(void *ctx, const char *name, const Elf64_Sym *sym,
			 struct bb_err *err)
{
	struct pattern_walk *w = ctx;
	uint64_t *more, off;
	int ret;

	if (fnmatch(w->pattern, name, 0))
		return 0;
	ret = exec_addr_offset(w->b, w->eh, sym->st_value, &off, err);
	if (ret)
		return bb_err_prefix(err, ret, "elf: function '%s'", name);
	if (w->nr == w->cap) {
		if (w->cap >= EXEC_MAX_MATCHES)
			return bb_errf(err, -E2BIG,
				       "elf: more than %u functions match '%s'",
				       EXEC_MAX_MATCHES, w->pattern);
		w->cap = w->cap ? 2 * w->cap : 16;
		more = realloc(w->offs, w->cap * sizeof(*more));
		if (!more)
			return bb_errf(err, -ENOMEM, "out of memory");
		w->offs = more;
	}
	w->offs[w->nr++] = off;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted, each offset once: a function is in .symtab and .dynsym both. */
static void sort_unique(struct pattern_walk *w)
{
	uint32_t i, n = 0;

	sort(w->offs, w->nr, sizeof(*w->offs), cmp_u64);
	for (i = 0; i < w->nr; i++)
		if (!n || w->offs[n - 1] != w->offs[i])
			w->offs[n++] = w->offs[i];
	w->nr = n;
}

int exec_pattern_offsets(const void *data, size_t len, const char *pattern,
			 uint64_t **offs, uint32_t *nr, struct bb_err *err)
{
	struct bytes b = { data, len };
	struct pattern_walk w = { .b = &b, .pattern = pattern };
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	Elf64_Sym sym;
	uint32_t i;
	int ret;

	w.eh = &eh;
	ret = exec_ehdr(&b, &eh, err);
	for (i = 0; !ret && i < eh.e_shnum; i++) {
		ret = exec_shdr(&b, &eh, i, &sh, err);
		if (!ret && (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			ret = search_table(&b, &eh, i, &sh, visit_pattern, &w,
					   &sym, err);
	}
	if (!ret && !w.nr)
		ret = bb_errf(err, -ENOENT,
			      "elf: no function matches '%s' in .symtab or .dynsym",
			      pattern);
	if (ret) {
		free(w.offs);
		return ret;
	}
	sort_unique(&w);
	*offs = w.offs;
	*nr = w.nr;
	return 0;
}
