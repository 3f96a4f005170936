/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_cases.h - small BTF blobs, one valid and one per rule the kernel's
 * BPF_BTF_LOAD enforces (Linux 6.x kernel/bpf/btf.c), for
 * tests/parser/btf_rules.c (our parser refuses each, naming the type and
 * the rule) and tests/kernel/btf_oracle.c (the kernel refuses each too).
 * Every blob starts with the same valid types, ids 1 to 7; the broken
 * type comes after them (id 8 on).
 */
#ifndef BAREBPF_TEST_BTF_CASES_H
#define BAREBPF_TEST_BTF_CASES_H

#include "tests/parser/btf_builder.h"

/* int, a pointer, typedef of const int, a struct, a function. */
static inline void bc_valid(struct bb_btf *b)
{
	const struct bb_member m[] = { { "x", 1, 0, 0 } };
	uint32_t proto;

	bb_init(b);
	bb_int(b, "int", 4, 1);				/* 1 */
	bb_ref(b, BTF_KIND_PTR, NULL, 1);		/* 2 */
	bb_ref(b, BTF_KIND_TYPEDEF, "t", bb_ref(b, BTF_KIND_CONST, NULL, 1));
							/* 3 const, 4 typedef */
	bb_struct(b, BTF_KIND_STRUCT, "s", 4, m, 1);	/* 5 */
	proto = bb_head(b, NULL, BTF_KIND_FUNC_PROTO, 0, 0, 1);	/* 6 */
	bb_head(b, "f", BTF_KIND_FUNC, BTF_FUNC_GLOBAL, 0, proto);	/* 7 */
}

static inline void bc_ref_range(struct bb_btf *b)
{
	bc_valid(b);
	bb_ref(b, BTF_KIND_TYPEDEF, "u", 99);
}

static inline void bc_name_off(struct bb_btf *b)
{
	bc_valid(b);
	bb_word(b, 0x10000);		/* past the strings */
	bb_word(b, BB_INFO(BTF_KIND_INT, 0, 0));
	bb_word(b, 4);
	bb_word(b, BB_INT(0, 32));
	b->next_id++;
}

static inline void bc_kind(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "k", 30, 0, 0, 4);
}

static inline void bc_vlen_overrun(struct bb_btf *b)
{
	bc_valid(b);
	/* vlen 3, one member record: the others would be past the end. */
	bb_head(b, "s2", BTF_KIND_STRUCT, 3, 0, 4);
	bb_word(b, bb_str(b, "x"));
	bb_word(b, 1);
	bb_word(b, 0);
}

static inline void bc_vlen_int(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "i2", BTF_KIND_INT, 1, 0, 4);
	bb_word(b, BB_INT(0, 32));
}

static inline void bc_typedef_loop(struct bb_btf *b)
{
	bc_valid(b);
	bb_ref(b, BTF_KIND_TYPEDEF, "a", 9);	/* 8 -> 9 */
	bb_ref(b, BTF_KIND_CONST, NULL, 8);	/* 9 -> 8 */
}

static inline void bc_ptr_loop(struct bb_btf *b)
{
	bc_valid(b);
	bb_ref(b, BTF_KIND_PTR, NULL, 9);	/* 8 -> 9 */
	bb_ref(b, BTF_KIND_PTR, NULL, 8);	/* 9 -> 8 */
}

static inline void bc_array_loop(struct bb_btf *b)
{
	bc_valid(b);
	bb_array(b, 8, 1, 2);			/* 8: an array of itself */
}

static inline void bc_info_bits(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "i3", BTF_KIND_INT, 0, 0, 4);
	b->types[b->nt - 2] |= 1u << 20;	/* between vlen and kind */
	bb_word(b, BB_INT(0, 32));
}

static inline void bc_int_bits(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "i4", BTF_KIND_INT, 0, 0, 4);
	bb_word(b, BB_INT(0, 64));		/* 64 bits in 4 bytes */
}

static inline void bc_int_encoding(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "i5", BTF_KIND_INT, 0, 0, 4);
	bb_word(b, BB_INT(BTF_INT_SIGNED | BTF_INT_BOOL, 32));
}

static inline void bc_func_linkage(struct bb_btf *b)
{
	bc_valid(b);
	bb_head(b, "g", BTF_KIND_FUNC, 3, 0, 6);
}

struct btf_case {
	const char *what;
	void (*build)(struct bb_btf *b);
	const char *msg;	/* in our parser's message; NULL: valid */
};

static const struct btf_case btf_cases[] = {
	{ "valid types", bc_valid, NULL },
	{ "type id out of range", bc_ref_range, "type 8: references type 99 out of range" },
	{ "name offset past the strings", bc_name_off, "type 8: name offset 0x10000 out of range" },
	{ "unknown kind", bc_kind, "type 8: unknown kind 30" },
	{ "vlen past the type section", bc_vlen_overrun, "type 8: record at" },
	{ "vlen on an int", bc_vlen_int, "type 8: kind 1 with vlen 1 (rule:" },
	{ "typedef/const loop", bc_typedef_loop, "type 8: its chain" },
	{ "pointer loop", bc_ptr_loop, "type 8: its chain" },
	{ "array of itself", bc_array_loop, "type 8: its chain" },
	{ "unused info bits", bc_info_bits, "type 8: info 0x01100000 sets bits" },
	{ "int bits past its size", bc_int_bits, "type 8: int of 64 bits at bit 0 in 4 bytes" },
	{ "int both signed and bool", bc_int_encoding, "type 8: int encoding 0x5" },
	{ "func linkage 3", bc_func_linkage, "type 8: func linkage 3" },
};

#define NR_BTF_CASES (sizeof(btf_cases) / sizeof(btf_cases[0]))

/* The blob's length, after bb_finish(): header, types, strings. */
static inline size_t bc_len(const struct bb_btf *b)
{
	return sizeof(struct btf_header) + b->nt * 4 + b->ns;
}

#endif
