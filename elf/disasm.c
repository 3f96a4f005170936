// SPDX-License-Identifier: GPL-2.0
/*
 * disasm.c - eBPF instructions into words.
 *
 * An instruction is 8 bytes: opcode, dst and src registers (4 bits each),
 * a signed 16-bit offset and a signed 32-bit immediate.  The opcode's low
 * three bits are its class; the rest depends on the class:
 *
 *	ALU, ALU64	op (4 bits) | source: K (imm) or X (src reg)
 *	JMP, JMP32	op (4 bits) | source
 *	LD, LDX, ST, STX	mode (3 bits) | size (2 bits)
 *
 * (Documentation/bpf/standardization/instruction-set.rst in the kernel.)
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf/disasm.h"
#include "elf/base/fmt.h"

/* Opcode fields, as in linux/bpf_common.h and linux/bpf.h. */
#define CLASS(code) ((code) & 0x07)
#define OP(code) ((code) & 0xf0)
#define SRC_X(code) ((code) & 0x08)
#define MODE(code) ((code) & 0xe0)
#define SIZE(code) ((code) & 0x18)

#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80
#endif

struct out {
	char *buf;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(o->buf, o->len, fmt, ap);
	va_end(ap);
}

static const char *size_name(uint8_t code)
{
	switch (SIZE(code)) {
	case BPF_B: return "8";
	case BPF_H: return "16";
	case BPF_W: return "32";
	default: return "64";
	}
}

/* "r1 + 8" or "r10 - 4": a register and a signed offset. */
static void addr(char *buf, size_t len, uint8_t reg, int16_t off)
{
	if (off < 0)
		fmt_snprintf(buf, len, "r%u - %d", reg, -(int)off);
	else
		fmt_snprintf(buf, len, "r%u + %d", reg, off);
}

static const char *alu_op(uint8_t op)
{
	switch (op) {
	case BPF_ADD: return "+=";
	case BPF_SUB: return "-=";
	case BPF_MUL: return "*=";
	case BPF_DIV: return "/=";
	case BPF_OR: return "|=";
	case BPF_AND: return "&=";
	case BPF_LSH: return "<<=";
	case BPF_RSH: return ">>=";
	case BPF_MOD: return "%=";
	case BPF_XOR: return "^=";
	case BPF_MOV: return "=";
	case BPF_ARSH: return "s>>=";
	}
	return NULL;
}

static int unknown(struct out *o)
{
	put(o, "<unknown>");
	return 1;
}

/* BPF_END: byte order.  In ALU64 (v4) it is an unconditional swap. */
static int alu_end(struct out *o, const struct bpf_insn *in, int is64)
{
	const char *kind = is64 ? "bswap" : SRC_X(in->code) ? "be" : "le";

	if (in->imm != 16 && in->imm != 32 && in->imm != 64)
		return unknown(o);
	put(o, "r%u = %s%d r%u", in->dst_reg, kind, in->imm, in->dst_reg);
	return 1;
}

static int alu(struct out *o, const struct bpf_insn *in)
{
	int is64 = CLASS(in->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	uint8_t op = OP(in->code);
	const char *sym = alu_op(op);

	if (op == BPF_END)
		return alu_end(o, in, is64);
	if (op == BPF_NEG) {
		put(o, "%c%u = -%c%u", r, in->dst_reg, r, in->dst_reg);
		return 1;
	}
	if (!sym)
		return unknown(o);
	/* v4: offset 1 makes DIV and MOD signed, 8/16/32 MOV sign-extend. */
	if ((op == BPF_DIV || op == BPF_MOD) && in->off == 1)
		sym = op == BPF_DIV ? "s/=" : "s%=";
	else if (op == BPF_MOV && SRC_X(in->code) &&
		 (in->off == 8 || in->off == 16 || in->off == 32)) {
		put(o, "%c%u = (s%d)%c%u", r, in->dst_reg, in->off, r,
		    in->src_reg);
		return 1;
	} else if (op == BPF_MOV && SRC_X(in->code) && is64 && in->off == 1) {
		/*
		 * LLVM 18+, Linux 6.9: a pointer moved between address spaces
		 * (1 is an ARENA's): imm = dst_as << 16 | src_as; the
		 * verifier's spelling.
		 */
		put(o, "r%u = addr_space_cast(r%u, %u, %u)", in->dst_reg,
		    in->src_reg, (uint32_t)in->imm >> 16, in->imm & 0xffff);
		return 1;
	} else if (in->off)
		return unknown(o);
	if (SRC_X(in->code))
		put(o, "%c%u %s %c%u", r, in->dst_reg, sym, r, in->src_reg);
	else
		put(o, "%c%u %s %d", r, in->dst_reg, sym, in->imm);
	return 1;
}

static const char *jmp_op(uint8_t op)
{
	switch (op) {
	case BPF_JEQ: return "==";
	case BPF_JGT: return ">";
	case BPF_JGE: return ">=";
	case BPF_JSET: return "&";
	case BPF_JNE: return "!=";
	case BPF_JSGT: return "s>";
	case BPF_JSGE: return "s>=";
	case BPF_JLT: return "<";
	case BPF_JLE: return "<=";
	case BPF_JSLT: return "s<";
	case BPF_JSLE: return "s<=";
	}
	return NULL;
}

static int jmp(struct out *o, const struct bpf_insn *in)
{
	int is32 = CLASS(in->code) == BPF_JMP32;
	char r = is32 ? 'w' : 'r';
	uint8_t op = OP(in->code);
	const char *sym = jmp_op(op);

	switch (op) {
	case BPF_JA:
		if (is32)	/* v4 "gotol": the offset is in imm */
			put(o, "gotol %+d", in->imm);
		else
			put(o, "goto %+d", in->off);
		return 1;
	case BPF_CALL:
		if (is32)
			return unknown(o);
		/* src 1: bpf-to-bpf (imm: relative), 2: kfunc (BTF id). */
		put(o, "call %d", in->imm);
		return 1;
	case BPF_EXIT:
		if (is32)
			return unknown(o);
		put(o, "exit");
		return 1;
	}
	if (!sym)
		return unknown(o);
	if (SRC_X(in->code))
		put(o, "if %c%u %s %c%u goto %+d", r, in->dst_reg, sym, r,
		    in->src_reg, in->off);
	else
		put(o, "if %c%u %s %d goto %+d", r, in->dst_reg, sym, in->imm,
		    in->off);
	return 1;
}

static int ld_imm64(struct out *o, const struct bpf_insn *in, size_t left,
		    const struct disasm_names *names)
{
	char name[128];
	uint64_t v;

	if (left < 2) {
		put(o, "<truncated ld_imm64>");
		return 1;
	}
	if (in->src_reg && names && names->pseudo &&
	    !names->pseudo(names->ctx, in->src_reg, in[0].imm, in[1].imm,
			   name, sizeof(name))) {
		put(o, "r%u = %s ll", in->dst_reg, name);
		return 2;
	}
	if (in->src_reg) {
		put(o, "ld_pseudo r%u, %u, %d", in->dst_reg, in->src_reg,
		    in->imm);
		return 2;
	}
	v = (uint32_t)in[0].imm | (uint64_t)(uint32_t)in[1].imm << 32;
	put(o, "r%u = %lld ll", in->dst_reg, (long long)v);
	return 2;
}

/* Legacy packet loads: r0 = *(size *)skb[imm] or skb[src + imm]. */
static int ld(struct out *o, const struct bpf_insn *in, size_t left,
	      const struct disasm_names *names)
{
	const char *sz = size_name(in->code);

	if (in->code == (BPF_LD | BPF_IMM | BPF_DW))
		return ld_imm64(o, in, left, names);
	if (SIZE(in->code) == BPF_DW)
		return unknown(o);
	if (MODE(in->code) == BPF_ABS)
		put(o, "r0 = *(u%s *)skb[%d]", sz, in->imm);
	else if (MODE(in->code) == BPF_IND && in->imm)
		put(o, "r0 = *(u%s *)skb[r%u + %d]", sz, in->src_reg, in->imm);
	else if (MODE(in->code) == BPF_IND)
		put(o, "r0 = *(u%s *)skb[r%u]", sz, in->src_reg);
	else
		return unknown(o);
	return 1;
}

/* 32-bit register name for sizes below 64 bits, as with +alu32. */
static char reg_for(uint8_t code)
{
	return SIZE(code) == BPF_DW ? 'r' : 'w';
}

static int ldx(struct out *o, const struct bpf_insn *in)
{
	char a[32];

	addr(a, sizeof(a), in->src_reg, in->off);
	if (MODE(in->code) == BPF_MEM)
		put(o, "%c%u = *(u%s *)(%s)", reg_for(in->code), in->dst_reg,
		    size_name(in->code), a);
	else if (MODE(in->code) == BPF_MEMSX && SIZE(in->code) != BPF_DW)
		put(o, "r%u = *(s%s *)(%s)", in->dst_reg, size_name(in->code),
		    a);
	else
		return unknown(o);
	return 1;
}

static int st(struct out *o, const struct bpf_insn *in)
{
	char a[32];

	if (MODE(in->code) != BPF_MEM)
		return unknown(o);
	addr(a, sizeof(a), in->dst_reg, in->off);
	put(o, "*(u%s *)(%s) = %d", size_name(in->code), a, in->imm);
	return 1;
}

static const char *atomic_op(int32_t op, const char **fetch)
{
	switch (op & ~BPF_FETCH) {
	case BPF_ADD: *fetch = "add"; return "+=";
	case BPF_AND: *fetch = "and"; return "&=";
	case BPF_OR: *fetch = "or"; return "|=";
	case BPF_XOR: *fetch = "xor"; return "^=";
	}
	return NULL;
}

static int atomic(struct out *o, const struct bpf_insn *in)
{
	char r = reg_for(in->code), a[32];
	const char *sz = size_name(in->code), *fetch = NULL;
	const char *sym = atomic_op(in->imm, &fetch);
	int is64 = SIZE(in->code) == BPF_DW;

	if (SIZE(in->code) != BPF_W && !is64)
		return unknown(o);
	addr(a, sizeof(a), in->dst_reg, in->off);
	if (in->imm == BPF_XCHG)
		put(o, "%c%u = xchg%s(%s, %c%u)", r, in->src_reg,
		    is64 ? "_64" : "32_32", a, r, in->src_reg);
	else if (in->imm == BPF_CMPXCHG)
		put(o, "%c0 = cmpxchg%s(%s, %c0, %c%u)", r,
		    is64 ? "_64" : "32_32", a, r, r, in->src_reg);
	else if (sym && (in->imm & BPF_FETCH))
		put(o, "%c%u = atomic_fetch_%s((u%s *)(%s), %c%u)", r,
		    in->src_reg, fetch, sz, a, r, in->src_reg);
	else if (sym)
		put(o, "lock *(u%s *)(%s) %s %c%u", sz, a, sym, r, in->src_reg);
	else
		return unknown(o);
	return 1;
}

static int stx(struct out *o, const struct bpf_insn *in)
{
	char a[32];

	if (MODE(in->code) == BPF_ATOMIC)
		return atomic(o, in);
	if (MODE(in->code) != BPF_MEM)
		return unknown(o);
	addr(a, sizeof(a), in->dst_reg, in->off);
	put(o, "*(u%s *)(%s) = %c%u", size_name(in->code), a,
	    reg_for(in->code), in->src_reg);
	return 1;
}

int disasm_insn(const struct bpf_insn *insn, size_t left,
		const struct disasm_names *names, char *buf, size_t len)
{
	struct out o = { buf, len };

	if (!len)
		return 1;
	buf[0] = '\0';
	switch (CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		return alu(&o, insn);
	case BPF_JMP:
	case BPF_JMP32:
		return jmp(&o, insn);
	case BPF_LD:
		return ld(&o, insn, left, names);
	case BPF_LDX:
		return ldx(&o, insn);
	case BPF_ST:
		return st(&o, insn);
	default:
		return stx(&o, insn);
	}
}
