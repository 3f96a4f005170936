/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elf.h - a small ELF64 reader for BPF relocatable objects.
 *
 * elf_parse() validates the header (64-bit, little-endian, EM_BPF, ET_REL),
 * reads the section table with its names and the symbol table, and checks
 * every offset and index it will later follow.  Strings and section
 * contents point into the caller's buffer, which must outlive the result.
 */
#ifndef BAREBPF_ELF_H
#define BAREBPF_ELF_H

#include <elf.h>
#include <stdbool.h>
#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

/* Refuse before allocating: no real object needs more. */
#define ELF_MAX_SECTIONS 65280	/* below SHN_LORESERVE */
#define ELF_MAX_SYMBOLS (1u << 20)

struct elf_section {
	const char *name;
	uint32_t type;		/* SHT_* */
	uint64_t flags;		/* SHF_* */
	uint64_t offset;	/* in the file */
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
	const uint8_t *data;	/* NULL for SHT_NOBITS and SHT_NULL */
};

struct elf_symbol {
	const char *name;
	uint64_t value;
	uint64_t size;
	uint16_t shndx;
	uint8_t type;		/* STT_* */
	uint8_t bind;		/* STB_* */
	uint8_t visibility;	/* STV_* */
};

struct elf_rel {
	uint64_t offset;	/* byte offset in the target section */
	uint32_t sym;		/* index into elf_file.symbols */
	uint32_t type;		/* R_BPF_* */
};

struct elf_file {
	struct bytes buf;
	uint16_t type;
	uint16_t machine;
	uint32_t nr_sections;
	struct elf_section *sections;
	uint32_t symtab;	/* section index of SHT_SYMTAB, 0 if none */
	uint32_t nr_symbols;
	struct elf_symbol *symbols;
};

int elf_parse(struct elf_file *ef, const void *data, size_t len,
	      struct bb_err *err);
void elf_free(struct elf_file *ef);

/*
 * Check e_ident: the magic, 64-bit, little-endian, version 1.  Shared with
 * elf/exec.c, which reads executables rather than BPF objects.
 */
int elf_check_ident(const Elf64_Ehdr *eh, struct bb_err *err);

/* Index of the section called @name, or -ENOENT. */
int elf_find_section(const struct elf_file *ef, const char *name);

/*
 * Is the undefined symbol @name (an extern: __ksym, __kconfig) declared
 * __weak (STB_WEAK)?  False when there is no such symbol.
 */
bool elf_extern_is_weak(const struct elf_file *ef, const char *name);

/*
 * Read the SHT_REL section @idx into a new array *@out (caller frees).
 * Each entry's symbol index is checked against the symbol table.
 */
int elf_read_rels(const struct elf_file *ef, uint32_t idx,
		  struct elf_rel **out, uint32_t *nr, struct bb_err *err);

#endif
