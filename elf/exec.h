/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exec.h - find a function in an executable or shared library, for uprobes.
 *
 * A uprobe is placed on a file, at a byte offset in it: the kernel
 * resolves nothing by name.  exec_symbol_offset() looks the symbol up in
 * the file's .symtab (kept unless the file was stripped) and then its
 * .dynsym (always there for exported symbols), takes its address, and
 * turns that address into a file offset through the PT_LOAD program
 * header that maps it: offset = addr - p_vaddr + p_offset.
 *
 * This is a separate reader from elf.c on purpose: elf_parse() accepts
 * only EM_BPF relocatable objects, and stays that strict.  Here we accept
 * ET_EXEC and ET_DYN (PIE executables, shared libraries), 64-bit
 * little-endian, of any machine.  Pure: bytes in, a number out.
 */
#ifndef BAREBPF_EXEC_H
#define BAREBPF_EXEC_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

struct exec_symbol {
	uint64_t addr;		/* st_value: the virtual address */
	uint64_t size;		/* st_size */
	uint64_t offset;	/* where its first byte is in the file */
	const char *table;	/* ".symtab" or ".dynsym", where it was found */
};

/*
 * Find function @name (STT_FUNC, defined) in the executable in @data.
 * -ENOENT with a message if no symbol table has it.
 */
int exec_symbol_offset(const void *data, size_t len, const char *name,
		       struct exec_symbol *out, struct bb_err *err);

/* More than this many matches is surely a pattern too wide. */
#define EXEC_MAX_MATCHES 65536

/*
 * The file offsets of every function (STT_FUNC, defined) whose name
 * matches glob @pattern (fnmatch(3): '*', '?', '[...]'), in .symtab and
 * .dynsym: sorted, each once, in a new array *@offs (caller frees) of
 * *@nr.  -ENOENT with a message if none matches.
 */
int exec_pattern_offsets(const void *data, size_t len, const char *pattern,
			 uint64_t **offs, uint32_t *nr, struct bb_err *err);

/*
 * The steps above, for other readers of executables (elf/usdt.c): the ELF
 * header (ET_EXEC or ET_DYN, 64-bit little-endian), section header @idx,
 * the bytes of a section, and the file offset of virtual address @addr
 * through the PT_LOAD that maps it.  Each fails with a message.
 */
int exec_ehdr(const struct bytes *b, Elf64_Ehdr *eh, struct bb_err *err);
int exec_shdr(const struct bytes *b, const Elf64_Ehdr *eh, uint32_t idx,
	      Elf64_Shdr *sh, struct bb_err *err);
int exec_sec_bytes(const struct bytes *b, const Elf64_Shdr *sh, uint32_t idx,
		   struct bytes *out, struct bb_err *err);
int exec_addr_offset(const struct bytes *b, const Elf64_Ehdr *eh,
		     uint64_t addr, uint64_t *off, struct bb_err *err);

#endif
