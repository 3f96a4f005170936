// SPDX-License-Identifier: GPL-2.0
/*
 * set_range.c - `--set VAR=VALUE` checks the value against the variable's
 * BTF type (elf/btf/btf_int.c): unsigned, signed, bool, char and enum
 * types of each size, through typedefs and const volatile; and, end to
 * end on a real object (no root: the check comes before any bpf() call),
 * 99999999999 into globals.bpf.o's `const volatile __u32 filter_tgid` is
 * refused naming the range.
 */
#include <errno.h>
#include <stdio.h>

#include "elf/btf/btf_int.h"
#include "loader/object/obj_knobs.h"
#include "loader/object/object.h"
#include "tests/parser/btf_builder.h"
#include "tests/tap.h"

static void ranges(void)
{
	struct btf_int_range r;
	struct bb_err err = { 0 };
	struct bb_btf b;
	uint32_t u32, s8, bl, ch, td, cv, en, st;
	const struct bb_member m[] = { { "x", 1, 0, 0 } };
	static const char *const names[] = { "A" };
	static const int32_t vals[] = { 1 };

	bb_init(&b);
	u32 = bb_int(&b, "unsigned int", 4, 0);
	s8 = bb_int(&b, "signed char", 1, 1);
	bl = bb_head(&b, "_Bool", BTF_KIND_INT, 0, 0, 1);
	bb_word(&b, BB_INT(BTF_INT_BOOL, 8));
	ch = bb_head(&b, "char", BTF_KIND_INT, 0, 0, 1);
	bb_word(&b, BB_INT(BTF_INT_CHAR, 8));
	td = bb_ref(&b, BTF_KIND_TYPEDEF, "__u32", u32);
	cv = bb_ref(&b, BTF_KIND_CONST, NULL, bb_ref(&b, BTF_KIND_VOLATILE, NULL, td));
	en = bb_enum(&b, "e", names, vals, 1);
	st = bb_struct(&b, BTF_KIND_STRUCT, "s", 4, m, 1);
	if (!ok(bb_finish(&b) == 0, "BTF built"))
		return;
	ok(!btf_int_range(&b.btf, cv, &r, &err) && r.min == 0 &&
	   r.max == UINT32_MAX && r.bytes == 4 && !r.is_signed,
	   "const volatile __u32: 0 to 4294967295");
	ok(!btf_int_range(&b.btf, s8, &r, &err) && r.min == -128 && r.max == 127,
	   "signed char: -128 to 127");
	ok(!btf_int_range(&b.btf, bl, &r, &err) && r.min == 0 && r.max == 1,
	   "_Bool: 0 or 1");
	ok(!btf_int_range(&b.btf, ch, &r, &err) && r.min == 0 && r.max == 255,
	   "char (unsigned in BPF): 0 to 255");
	ok(!btf_int_range(&b.btf, en, &r, &err) && r.max == UINT32_MAX,
	   "an enum (kind_flag 0, unsigned): 0 to 4294967295");
	is_int(btf_int_range(&b.btf, st, &r, &err), -EINVAL, "a struct has no range");
	like(err.msg, "not an integer", "  saying so");
	bb_free(&b);
}

/* A real object: globals.bpf.o's filter_tgid is a const volatile __u32. */
static void real_object(void)
{
	const char *d = getenv("BUILD");
	struct bb_object *obj = NULL;
	struct bb_err err = { 0 };
	char path[512];

	snprintf(path, sizeof(path), "%s/test/globals.bpf.o", d && *d ? d : "build");
	if (!ok(bb_object_open(&obj, path, &err) == 0, "open %s", path))
		return;
	is_int(obj_knob_set_var(obj, "filter_tgid=99999999999", &err), -ERANGE,
	       "99999999999 into a __u32 is refused");
	like(err.msg, "0 to 4294967295", "  naming the range");
	is_int(obj_knob_set_var(obj, "filter_tgid=-1", &err), -ERANGE,
	       "-1 into a __u32 is refused");
	is_int(obj_knob_set_var(obj, "filter_tgid=4294967295", &err), 0,
	       "4294967295 is taken");
	is_int(obj_knob_set_var(obj, "filter_tgid=0x1234", &err), 0,
	       "0x1234 is taken");
	is_int(obj_knob_set_var(obj, "step=0xffffffffffffffff", &err), 0,
	       "the largest __u64 into step");
	is_int(obj_knob_set_var(obj, "step=12ab", &err), -EINVAL,
	       "12ab is not a number");
	bb_object_close(obj);
}

int main(void)
{
	ranges();
	real_object();
	return done_testing();
}
