/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_ext.h - the .BTF.ext section: what clang says about instructions.
 *
 * .BTF.ext holds three tables, each grouped by code section:
 *   func_info   which BTF FUNC starts at which instruction
 *   line_info   which C source line each run of instructions comes from
 *   core_relo   CO-RE relocations: "this instruction's offset/immediate
 *               is about field a.b[2].c of local type T" (elf/core.c)
 * In the file, instruction positions are byte offsets in their section.
 * btf_ext_parse() checks every record and turns them into instruction
 * indices in flat arrays; btf_ext_link() then gives each program the
 * records of its own functions, re-based to where link.c put them.
 */
#ifndef BAREBPF_BTF_EXT_H
#define BAREBPF_BTF_EXT_H

#include <linux/bpf.h>
#include <stdint.h>

#include "elf/btf/btf.h"
#include "elf/base/err.h"

struct ext_func {
	uint32_t sec_idx, insn;		/* ELF section, instruction index */
	uint32_t type_id;		/* BTF_KIND_FUNC */
};

struct ext_line {
	uint32_t sec_idx, insn;
	uint32_t file_name_off, line_off, line_col;
};

struct core_reloc {
	uint32_t sec_idx, insn;
	uint32_t type_id;		/* local (object) BTF type */
	uint32_t access_off;		/* "0:1:2" in the BTF strings */
	uint32_t kind;			/* enum bpf_core_relo_kind */
};

struct btf_ext {
	struct ext_func *funcs;
	uint32_t nr_funcs;
	struct ext_line *lines;
	uint32_t nr_lines;
	struct core_reloc *cores;
	uint32_t nr_cores;
};

struct elf_file;
int btf_ext_parse(struct btf_ext *ext, const void *data, size_t len,
		  const struct btf *btf, const struct elf_file *ef,
		  struct bb_err *err);
void btf_ext_free(struct btf_ext *ext);

#endif
