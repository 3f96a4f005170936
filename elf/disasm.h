/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disasm.h - a small eBPF disassembler.
 *
 * It prints instructions in the syntax clang's assembler reads and
 * llvm-objdump writes ("r1 += -4", "if w1 s< w2 goto +3",
 * "*(u32 *)(r10 - 4) = w1", "r1 = 0 ll"), choosing the 32-bit register
 * names (w1) wherever an instruction works on 32 bits, as
 * `llvm-objdump -d --mattr=+alu32` does.  It covers every instruction
 * clang 14 emits (ALU/ALU64, JMP/JMP32, LD/LDX/ST/STX, atomics, ld_imm64
 * and its pseudo sources, helper and bpf-to-bpf calls, exit), plus a few
 * llvm 14 cannot decode (BPF_ST with an immediate, MOD, JSET) and the
 * v4 additions (signed division, sign-extending moves and loads, bswap,
 * gotol).  An encoding that means nothing prints as "<unknown>".
 */
#ifndef BAREBPF_DISASM_H
#define BAREBPF_DISASM_H

#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>

struct disasm_names {
	/*
	 * Name what a relocated ld_imm64 loads (@src is its pseudo source,
	 * BPF_PSEUDO_MAP_FD...; @imm and @imm2 the two halves): write e.g.
	 * "map[process_map]" into @buf and return 0, or return non-zero
	 * to get the plain form.  NULL: always the plain form.
	 */
	int (*pseudo)(void *ctx, uint8_t src, int32_t imm, int32_t imm2,
		      char *buf, size_t len);
	void *ctx;
};

/*
 * Write instruction @insn (with @left slots from it to the end of the
 * program, for ld_imm64's second half) into @buf.  Returns the slots it
 * took: 2 for ld_imm64, else 1.
 */
int disasm_insn(const struct bpf_insn *insn, size_t left,
		const struct disasm_names *names, char *buf, size_t len);

#endif
