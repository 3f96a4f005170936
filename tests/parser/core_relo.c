// SPDX-License-Identifier: GPL-2.0
/*
 * core_relo.c - the CO-RE engine (elf/core.c) on hand-written BTF pairs:
 * a "local" BTF as clang would write it for the program, a "target" BTF
 * as the kernel might have it, and one instruction per relocation.  Each
 * relocation kind, ___flavour names, missing fields, bitfields, arrays of
 * structs, anonymous members, size changes, ambiguity and the instruction
 * check.  The expected values are worked out by hand in the comments.
 */
#include "elf/btf/core.h"
#include "tests/parser/btf_builder.h"
#include "tests/tap.h"

static struct bb_btf L, T;
static struct core_target tg;

/* Local type ids. */
static uint32_t l_s, l_s_v2, l_bf, l_outer, l_miss, l_e, l_e_old, l_sz,
		l_anon, l_amb, l_gone, l_s_m, l_s_nm, l_ptr_s;

static void build_local(void)
{
	uint32_t i32, u32, i64, inner, arr;

	bb_init(&L);
	i32 = bb_int(&L, "int", 4, 1);
	u32 = bb_int(&L, "unsigned int", 4, 0);
	i64 = bb_int(&L, "long", 8, 1);
	l_s = bb_struct(&L, BTF_KIND_STRUCT, "s", 8, (struct bb_member[]){
		{ "a", i32, 0, 0 }, { "b", i32, 32, 0 } }, 2);
	l_s_v2 = bb_struct(&L, BTF_KIND_STRUCT, "s___v2", 4, (struct bb_member[]){
		{ "b", i32, 0, 0 } }, 1);
	/* unsigned int x:3, f:5 */
	l_bf = bb_struct(&L, BTF_KIND_STRUCT, "bf", 4, (struct bb_member[]){
		{ "x", u32, 0, 3 }, { "f", u32, 3, 5 } }, 2);
	inner = bb_struct(&L, BTF_KIND_STRUCT, "inner", 8, (struct bb_member[]){
		{ "x", i32, 0, 0 }, { "y", i32, 32, 0 } }, 2);
	arr = bb_array(&L, inner, i32, 4);
	l_outer = bb_struct(&L, BTF_KIND_STRUCT, "outer", 32, (struct bb_member[]){
		{ "arr", arr, 0, 0 } }, 1);
	l_miss = bb_struct(&L, BTF_KIND_STRUCT, "miss", 8, (struct bb_member[]){
		{ "a", i32, 0, 0 }, { "c", i32, 32, 0 } }, 2);
	l_e = bb_enum(&L, "e", (const char *[]){ "E_A", "E_B" },
		      (const int32_t[]){ 1, 2 }, 2);
	l_e_old = bb_enum(&L, "e___old", (const char *[]){ "E_A", "E_GONE" },
			  (const int32_t[]){ 1, 5 }, 2);
	l_sz = bb_struct(&L, BTF_KIND_STRUCT, "sz", 4, (struct bb_member[]){
		{ "v", i32, 0, 0 } }, 1);
	l_anon = bb_struct(&L, BTF_KIND_STRUCT, "anon", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	l_amb = bb_struct(&L, BTF_KIND_STRUCT, "amb", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	l_gone = bb_struct(&L, BTF_KIND_STRUCT, "gone", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	l_s_m = bb_struct(&L, BTF_KIND_STRUCT, "s___m", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	l_s_nm = bb_struct(&L, BTF_KIND_STRUCT, "s___nm", 8, (struct bb_member[]){
		{ "a", i64, 0, 0 } }, 1);
	l_ptr_s = bb_ref(&L, BTF_KIND_TYPEDEF, "s_ptr",
			 bb_ref(&L, BTF_KIND_PTR, NULL, l_s));
}

static void build_target(void)
{
	uint32_t i32, u32, i64, inner, arr, un;

	bb_init(&T);
	i32 = bb_int(&T, "int", 4, 1);
	u32 = bb_int(&T, "unsigned int", 4, 0);
	i64 = bb_int(&T, "long", 8, 1);
	/* s: a at byte 8, b at byte 12, 16 bytes in all */
	bb_struct(&T, BTF_KIND_STRUCT, "s", 16, (struct bb_member[]){
		{ "pad", i64, 0, 0 }, { "a", i32, 64, 0 }, { "b", i32, 96, 0 } }, 3);
	/* bf: x at bit 32, f (5 bits) at bit 40 */
	bb_struct(&T, BTF_KIND_STRUCT, "bf", 8, (struct bb_member[]){
		{ "pad", u32, 0, 0 }, { "x", u32, 32, 3 }, { "f", u32, 40, 5 } }, 3);
	/* inner: y at 8, x at 12, 16 bytes; outer.arr at byte 8 */
	inner = bb_struct(&T, BTF_KIND_STRUCT, "inner", 16, (struct bb_member[]){
		{ "pad", i64, 0, 0 }, { "y", i32, 64, 0 }, { "x", i32, 96, 0 } }, 3);
	arr = bb_array(&T, inner, i32, 4);
	bb_struct(&T, BTF_KIND_STRUCT, "outer", 72, (struct bb_member[]){
		{ "z", i32, 0, 0 }, { "arr", arr, 64, 0 } }, 2);
	bb_struct(&T, BTF_KIND_STRUCT, "miss", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	bb_enum(&T, "e", (const char *[]){ "E_B", "E_A" },
		(const int32_t[]){ 7, 9 }, 2);
	/* sz.v grew to 8 bytes, signed */
	bb_struct(&T, BTF_KIND_STRUCT, "sz", 8, (struct bb_member[]){
		{ "v", i64, 0, 0 } }, 1);
	/* anon: a inside an anonymous union at byte 4 */
	un = bb_struct(&T, BTF_KIND_UNION, NULL, 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	bb_struct(&T, BTF_KIND_STRUCT, "anon", 8, (struct bb_member[]){
		{ "q", i32, 0, 0 }, { NULL, un, 32, 0 } }, 2);
	/* two different "amb" */
	bb_struct(&T, BTF_KIND_STRUCT, "amb", 4, (struct bb_member[]){
		{ "a", i32, 0, 0 } }, 1);
	bb_struct(&T, BTF_KIND_STRUCT, "amb", 16, (struct bb_member[]){
		{ "p", i64, 0, 0 }, { "a", i32, 64, 0 } }, 2);
	bb_ref(&T, BTF_KIND_TYPEDEF, "s_ptr", bb_ref(&T, BTF_KIND_PTR, NULL, 1 + 3));
}

#define LDX_W(o) ((struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_W, \
				     .dst_reg = 1, .src_reg = 2, .off = (o) })
#define MOV_K(v) ((struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, \
				     .dst_reg = 1, .imm = (v) })

static struct bpf_insn insns[2];
static struct core_result res;
static struct bb_err err;

/* Apply one relocation to @in (a ld_imm64 when @ld64) and return ret. */
static int run(uint32_t type, const char *access, uint32_t kind,
	       struct bpf_insn in, int ld64, uint64_t imm64)
{
	struct core_reloc r = { .insn = 0, .type_id = type, .kind = kind };
	const char *s;
	uint32_t off;

	/* Access strings live in the local BTF: look for one already there. */
	for (off = 1; off < L.btf.strs.len; off += strlen(s) + 1) {
		s = btf_str(&L.btf, off);
		if (!strcmp(s, access))
			break;
	}
	r.access_off = off;
	memset(insns, 0, sizeof(insns));
	if (ld64) {
		insns[0] = (struct bpf_insn){ .code = BPF_LD | BPF_IMM | BPF_DW,
					      .dst_reg = 1, .imm = (uint32_t)imm64 };
		insns[1].imm = imm64 >> 32;
	} else {
		insns[0] = in;
	}
	memset(&err, 0, sizeof(err));
	return core_apply(&L.btf, &tg, &r, insns, 2, &res, &err);
}

static uint64_t imm64(void)
{
	return (uint32_t)insns[0].imm | (uint64_t)(uint32_t)insns[1].imm << 32;
}

static int poisoned(void)
{
	return insns[0].code == (BPF_JMP | BPF_CALL) &&
	       insns[0].imm == CORE_POISON_HELPER;
}

/* What to look at after a relocation, and what it must be. */
enum want { W_OFF, W_IMM, W_IMM64, W_POISON };

struct rcase {
	const char *name;
	uint32_t *type;		/* a local type id, set by build_local() */
	const char *access;
	uint32_t kind;
	struct bpf_insn in;	/* ignored for a ld_imm64 (@ld64) ... */
	int ld64;
	uint64_t imm;		/* ... which holds this */
	enum want w;
	int64_t want;
};

#define OFF BPF_CORE_FIELD_BYTE_OFFSET
static const struct rcase cases[] = {
	/* s.b: local byte 4, kernel byte 12; s___v2.b is s.b in the kernel */
	{ "s.b byte_off 4 -> 12", &l_s, "0:1", OFF, LDX_W(4), 0, 0, W_OFF, 12 },
	{ "s___v2.b matches s.b: 0 -> 12", &l_s_v2, "0:0", OFF, LDX_W(0), 0, 0, W_OFF, 12 },
	{ "s.b byte_sz 4", &l_s, "0:1", BPF_CORE_FIELD_BYTE_SIZE, MOV_K(4), 0, 0, W_IMM, 4 },
	{ "s.b exists", &l_s, "0:1", BPF_CORE_FIELD_EXISTS, MOV_K(1), 0, 0, W_IMM, 1 },
	{ "s.b is signed", &l_s, "0:1", BPF_CORE_FIELD_SIGNED, MOV_K(1), 0, 0, W_IMM, 1 },
	/* [1] of the root: pointer arithmetic, times the kernel's size */
	{ "s[1].b: 8 + 4 -> 16 + 12", &l_s, "1:1", OFF, LDX_W(12), 0, 0, W_OFF, 28 },
	/* missing: poisoned, but "exists" answers 0 */
	{ "miss.c: poisoned", &l_miss, "0:1", OFF, LDX_W(4), 0, 0, W_POISON, 0 },
	{ "miss.c exists: 0", &l_miss, "0:1", BPF_CORE_FIELD_EXISTS, MOV_K(1), 0, 0, W_IMM, 0 },
	{ "gone.a: poisoned", &l_gone, "0:0", OFF, LDX_W(0), 0, 0, W_POISON, 0 },
	{ "gone: type exists 0", &l_gone, "0", BPF_CORE_TYPE_EXISTS, MOV_K(1), 0, 0, W_IMM, 0 },
	{ "gone: ld_imm64 type size poisoned", &l_gone, "0", BPF_CORE_TYPE_SIZE, {0}, 1, 4, W_POISON, 0 },
	/* bitfield f: bits 3..7 of a u32 at 0 here; bit 40 in the kernel,
	 * i.e. bits 8..12 of the u32 at byte 4 */
	{ "bf.f byte_off 0 -> 4", &l_bf, "0:1", OFF, LDX_W(0), 0, 0, W_OFF, 4 },
	{ "bf.f byte_sz 4", &l_bf, "0:1", BPF_CORE_FIELD_BYTE_SIZE, MOV_K(4), 0, 0, W_IMM, 4 },
	{ "bf.f lshift_u64: 64-(3+5) = 56 -> 64-(40+5-32) = 51", &l_bf, "0:1",
	  BPF_CORE_FIELD_LSHIFT_U64, MOV_K(56), 0, 0, W_IMM, 51 },
	{ "bf.f rshift_u64: 64 - 5 = 59", &l_bf, "0:1", BPF_CORE_FIELD_RSHIFT_U64,
	  MOV_K(59), 0, 0, W_IMM, 59 },
	{ "bf.f unsigned", &l_bf, "0:1", BPF_CORE_FIELD_SIGNED, MOV_K(0), 0, 0, W_IMM, 0 },
	/* outer.arr[2].y: here 2*8 + 4 = 20; kernel 8 + 2*16 + 8 = 48 */
	{ "outer.arr[2].y: 20 -> 48", &l_outer, "0:0:2:1", OFF, LDX_W(20), 0, 0, W_OFF, 48 },
	{ "outer.arr[5].y: past the kernel's 4, poisoned", &l_outer, "0:0:5:1", OFF,
	  LDX_W(44), 0, 0, W_POISON, 0 },
	{ "anon.a inside an anonymous union: 0 -> 4", &l_anon, "0:0", OFF, LDX_W(0), 0, 0, W_OFF, 4 },
	{ "sz.v byte_sz 4 -> 8", &l_sz, "0:0", BPF_CORE_FIELD_BYTE_SIZE, MOV_K(4), 0, 0, W_IMM, 8 },
	/* type relocations */
	{ "type_id_local stays", &l_s, "0", BPF_CORE_TYPE_ID_LOCAL, {0}, 1, 4, W_IMM64, 4 },
	{ "type_id_target: s is kernel type 4", &l_s, "0", BPF_CORE_TYPE_ID_TARGET, {0}, 1, 4, W_IMM64, 4 },
	{ "type_size of s___v2 = kernel s: 16", &l_s_v2, "0", BPF_CORE_TYPE_SIZE, MOV_K(4), 0, 0, W_IMM, 16 },
	{ "s exists", &l_s, "0", BPF_CORE_TYPE_EXISTS, MOV_K(1), 0, 0, W_IMM, 1 },
	{ "s___m (int a) matches s", &l_s_m, "0", BPF_CORE_TYPE_MATCHES, MOV_K(1), 0, 0, W_IMM, 1 },
	{ "s___nm (long a) does not match s (int a)", &l_s_nm, "0", BPF_CORE_TYPE_MATCHES,
	  MOV_K(1), 0, 0, W_IMM, 0 },
	{ "typedef s_ptr exists", &l_ptr_s, "0", BPF_CORE_TYPE_EXISTS, MOV_K(1), 0, 0, W_IMM, 1 },
	/* enums */
	{ "E_B: 2 -> 7", &l_e, "1", BPF_CORE_ENUMVAL_VALUE, MOV_K(2), 0, 0, W_IMM, 7 },
	{ "e___old::E_A matches e::E_A: 9", &l_e_old, "0", BPF_CORE_ENUMVAL_VALUE, MOV_K(1), 0, 0, W_IMM, 9 },
	{ "E_GONE does not exist", &l_e_old, "1", BPF_CORE_ENUMVAL_EXISTS, MOV_K(1), 0, 0, W_IMM, 0 },
	{ "E_GONE's value: poisoned", &l_e_old, "1", BPF_CORE_ENUMVAL_VALUE, MOV_K(5), 0, 0, W_POISON, 0 },
};

static void run_case(const struct rcase *c)
{
	int ret = run(*c->type, c->access, c->kind, c->in, c->ld64, c->imm);

	if (!ok(ret == 0, "%s: no error", c->name)) {
		diag("%s", err.msg);
		return;
	}
	switch (c->w) {
	case W_OFF:
		is_int(insns[0].off, c->want, "%s", c->name);
		break;
	case W_IMM:
		is_int(insns[0].imm, c->want, "%s", c->name);
		break;
	case W_IMM64:
		is_int(imm64(), c->want, "%s", c->name);
		break;
	case W_POISON:
		ok(res.poisoned && poisoned() &&
		   (!c->ld64 || (insns[1].code == (BPF_JMP | BPF_CALL) &&
				 insns[1].imm == CORE_POISON_HELPER)),
		   "%s (call 0xbad2310%s)", c->name, c->ld64 ? ", both halves" : "");
		break;
	}
}

/* What the table does not show: messages and a changed load size. */
static void detail_tests(void)
{
	run(l_s, "0:1", OFF, LDX_W(4), 0, 0);
	like(res.what, "struct s.b", "described as struct s.b (%s)", res.what);
	run(l_outer, "0:0:2:1", OFF, LDX_W(20), 0, 0);
	like(res.what, "outer.arr[2].y", "described with its index (%s)", res.what);
	run(l_miss, "0:1", OFF, LDX_W(4), 0, 0);
	like(res.what, "struct miss.c", "a poison names struct miss.c");
	run(l_e, "1", BPF_CORE_ENUMVAL_VALUE, MOV_K(2), 0, 0);
	like(res.what, "enum e::E_B", "described as enum e::E_B");
	run(l_sz, "0:0", OFF, LDX_W(0), 0, 0);
	is_int(BPF_SIZE(insns[0].code), BPF_DW, "sz.v: the 4-byte load became 8 bytes");
	ok(run(l_ptr_s, "0:1", OFF, LDX_W(4), 0, 0) < 0,
	   "access into a pointer typedef is refused: %s", err.msg);
}

static void error_tests(void)
{
	int ret = run(l_amb, "0:0", OFF, LDX_W(0), 0, 0);

	ok(ret < 0, "two kernel 'amb' with a at 0 and 8: refused");
	like(err.msg, "ambiguous", "says ambiguous (%s)", err.msg);
	like(err.msg, "struct amb.a", "names struct amb.a");
	ret = run(l_s, "0:1", OFF, LDX_W(6), 0, 0);
	ok(ret < 0, "an instruction that does not hold the local value: refused");
	like(err.msg, "holds 6", "says what it holds (%s)", err.msg);
	ret = run(l_s, "0:9", OFF, LDX_W(4), 0, 0);
	ok(ret < 0, "member 9 of a 2-member struct: refused (%s)", err.msg);
	ret = run(l_s, "0:x", OFF, LDX_W(4), 0, 0);
	ok(ret < 0, "access string '0:x': refused (%s)", err.msg);
	ret = run(l_s, "0:1", OFF, ((struct bpf_insn){ .code = BPF_JMP | BPF_JA }), 0, 0);
	ok(ret < 0, "a jump cannot be relocated (%s)", err.msg);
}

/*
 * The loader indexes only the kernel types its relocations name
 * (core_reloc_name()): every case again on such an index gives the same
 * answers, and the index holds fewer types.
 */
static void filtered_index(void)
{
	const char *want[sizeof(cases) / sizeof(cases[0])];
	uint32_t i, full = tg.nr, nr = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct core_reloc r = { .type_id = *cases[i].type };

		want[nr] = core_reloc_name(&L.btf, &r);
		nr += !!*want[nr];
	}
	core_target_free(&tg);
	if (!ok(!core_target_init(&tg, &T.btf, want, nr, &err),
		"an index of the %u names the cases ask for", nr))
		return;
	ok(tg.nr > 0 && tg.nr < full, "it holds %u of the %u named types", tg.nr, full);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	core_target_free(&tg);
	want[0] = "s";
	ok(!core_target_init(&tg, &T.btf, want, 1, &err), "an index of 's' alone");
	run_case(&cases[0]);
	run(l_e, "1", BPF_CORE_ENUMVAL_VALUE, MOV_K(2), 0, 0);
	ok(res.poisoned || !res.target_id, "enum e is not in it: no match");
}

int main(void)
{
	static const char *const access[] = {
		"0", "1", "0:0", "0:1", "1:1", "0:9", "0:x", "0:0:2:1", "0:0:5:1",
	};
	size_t i;

	build_local();
	for (i = 0; i < sizeof(access) / sizeof(access[0]); i++)
		bb_str(&L, access[i]);
	build_target();
	if (bb_finish(&L) || bb_finish(&T)) {
		ok(0, "hand-written BTF parses");
		return done_testing();
	}
	if (core_target_init(&tg, &T.btf, NULL, 0, &err)) {
		ok(0, "target index: %s", err.msg);
		return done_testing();
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	detail_tests();
	error_tests();
	filtered_index();
	core_target_free(&tg);
	bb_free(&L);
	bb_free(&T);
	return done_testing();
}
