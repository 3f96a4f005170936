// SPDX-License-Identifier: GPL-2.0
/*
 * disasm_extra.c - what tests/parser/disasm.sh cannot check against
 * llvm-objdump 14: the instructions it does not know (the v4 additions:
 * signed division, sign-extending moves and loads, bswap, gotol; LLVM
 * 18's addr_space_cast), names
 * for relocated ld_imm64, and bad encodings.
 */
#include <linux/bpf.h>

#include "elf/disasm.h"
#include "tests/tap.h"

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static const char *dis(struct bpf_insn in)
{
	static char buf[128];

	disasm_insn(&in, 1, NULL, buf, sizeof(buf));
	return buf;
}

static int name_map(void *ctx, uint8_t src, int32_t imm, int32_t imm2,
		    char *buf, size_t len)
{
	(void)ctx;
	if (imm != 7)
		return -1;
	snprintf(buf, len, src == BPF_PSEUDO_MAP_FD ? "map[m]" : "map[m] + %d",
		 imm2);
	return 0;
}

int main(void)
{
	struct disasm_names names = { .pseudo = name_map };
	struct bpf_insn ld[2] = { INSN(0x18, 1, 1, 0, 7), INSN(0, 0, 0, 0, 0) };
	char buf[128];

	is_str(dis(INSN(BPF_ALU64 | BPF_DIV | BPF_X, 1, 2, 1, 0)), "r1 s/= r2", "sdiv (v4)");
	is_str(dis(INSN(BPF_ALU | BPF_MOD | BPF_K, 1, 0, 1, 3)), "w1 s%= 3", "smod (v4)");
	is_str(dis(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0)), "r1 = (s8)r2", "movsx (v4)");
	is_str(dis(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 1, 1)), "r1 = addr_space_cast(r0, 0, 1)", "addr_space_cast: arena to kernel (LLVM 18)");
	is_str(dis(INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 2, 1, 1 << 16)), "r2 = addr_space_cast(r2, 1, 0)", "addr_space_cast: kernel to arena");
	is_str(dis(INSN(BPF_ALU | BPF_MOV | BPF_X, 1, 0, 1, 1)), "<unknown>", "no 32-bit addr_space_cast");
	is_str(dis(INSN(BPF_LDX | 0x80 | BPF_H, 1, 2, -4, 0)), "r1 = *(s16 *)(r2 - 4)", "ldsx (v4)");
	is_str(dis(INSN(BPF_ALU64 | BPF_END, 3, 0, 0, 32)), "r3 = bswap32 r3", "bswap (v4)");
	is_str(dis(INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, -70000)), "gotol -70000", "gotol (v4)");
	is_str(dis(INSN(BPF_ALU64 | BPF_ADD | BPF_K, 1, 0, 5, 1)), "<unknown>", "an offset where none belongs");
	is_str(dis(INSN(BPF_STX | BPF_ATOMIC | BPF_B, 1, 2, 0, BPF_ADD)), "<unknown>", "no 8-bit atomics");
	is_str(dis(INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0)), "<unknown>", "no 32-bit exit");
	is_str(dis(INSN(0x18, 1, 0, 0, 5)), "<truncated ld_imm64>", "ld_imm64 without its second half");
	is_int(disasm_insn(ld, 2, &names, buf, sizeof(buf)), 2, "ld_imm64 takes two slots");
	is_str(buf, "r1 = map[m] ll", "a relocated map fd, by name");
	ld[0].src_reg = BPF_PSEUDO_MAP_VALUE;
	ld[1].imm = 16;
	disasm_insn(ld, 2, &names, buf, sizeof(buf));
	is_str(buf, "r1 = map[m] + 16 ll", "a map value address (global data), by name");
	ld[0].imm = 8;
	disasm_insn(ld, 2, &names, buf, sizeof(buf));
	is_str(buf, "ld_pseudo r1, 2, 8", "no name: llvm's spelling");
	return done_testing();
}
