/* SPDX-License-Identifier: GPL-2.0 */
/*
 * link.h - between relocs.c and link.c (private to elf/).
 *
 * relocs.c reads every relocation of every code section, .text included,
 * and says what each one means (struct sec_reloc).  link.c then builds
 * each program: its own function, followed by every subprogram it calls,
 * directly or not, with the relocations of all of them.
 */
#ifndef BAREBPF_LINK_H
#define BAREBPF_LINK_H

#include "elf/spec.h"

/* What one ELF relocation asks for, at an instruction of its section. */
struct sec_reloc {
	uint32_t sec_idx;
	uint32_t insn;		/* index of the instruction in the section */
	enum reloc_kind kind;
	uint32_t map;		/* RELOC_MAP_*: index into obj_spec.maps */
	uint32_t off;		/* RELOC_MAP_VALUE */
	uint32_t target_sec;	/* RELOC_CALL: the callee's section... */
	uint32_t target;	/* ...and instruction in it */
	uint32_t ksym;		/* RELOC_KSYM_*: index into obj_spec.ksyms */
};

struct sec_relocs {
	struct sec_reloc *r;	/* sorted by (sec_idx, insn) */
	uint32_t nr;
};

/* Order of sec_relocs.r, for sort() and bsearch(). */
int sec_reloc_cmp(const void *a, const void *b);

/* Instruction @i of code section @s (which holds whole instructions). */
struct bpf_insn sec_insn(const struct elf_section *s, uint32_t i);

static inline int insn_is_call(const struct bpf_insn *in)
{
	return in->code == (BPF_JMP | BPF_CALL) &&
	       in->src_reg == BPF_PSEUDO_CALL;
}

static inline int insn_is_ld_imm64(const struct bpf_insn *in)
{
	return in->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* Append @p's subprograms and give it its relocations. */
int link_prog(struct obj_spec *spec, struct prog_spec *p,
	      const struct sec_relocs *rels, struct bb_err *err);

#endif
