// SPDX-License-Identifier: GPL-2.0
/*
 * btf_kernel.c - btf_parse_kernel() (elf/btf/btf_parse.c), the parse the
 * loader gives the kernel's own BTF for CO-RE and attach targets: every
 * record walked and every reference checked as btf_parse() does, but not
 * its rules pass.  A loop of typedefs, which the rules refuse, is
 * accepted, and what follows the loop then stops with an error instead
 * of hanging; a reference past the last type is still refused.
 */
#include <errno.h>

#include "tests/parser/btf_builder.h"
#include "tests/tap.h"

static size_t blob_len(const struct bb_btf *b)
{
	return sizeof(struct btf_header) + b->nt * 4 + b->ns;
}

/* 1 int, 2 typedef a -> 3, 3 typedef b -> 2 (a loop), 4 struct s { int x; } */
static void test_loop(void)
{
	const struct bb_member s[] = { { "x", 1, 0, 0 } };
	struct bb_err err = { .msg = "" };
	struct bb_btf b;
	struct btf k;
	uint32_t out, off;

	bb_init(&b);
	bb_int(&b, "int", 4, 1);
	bb_ref(&b, BTF_KIND_TYPEDEF, "a", 3);
	bb_ref(&b, BTF_KIND_TYPEDEF, "b", 2);
	bb_struct(&b, BTF_KIND_STRUCT, "s", 4, s, 1);
	ok(bb_finish(&b) != 0, "btf_parse() refuses a loop of typedefs (its rules)");
	if (!ok(btf_parse_kernel(&k, b.blob, blob_len(&b), &err) == 0,
		"btf_parse_kernel() indexes it (%s)", err.msg))
		goto out;
	is_int(k.nr_types, 5, "every record indexed");
	is_int(btf_find(&k, "s", BTF_KIND_STRUCT), 4, "struct s found by name");
	is_int(btf_member_offset(&k, 4, "x", &off, &err), 0, "s.x has an offset");
	ok(btf_skip_mods(&k, 2, &out, &err) < 0, "following the loop ends in an error: %s", err.msg);
	btf_free(&k);
out:
	bb_free(&b);
}

/* 1 int, 2 pointer -> 7: no type 7. */
static void test_bad_ref(void)
{
	struct bb_err err = { .msg = "" };
	struct bb_btf b;
	struct btf k;

	bb_init(&b);
	bb_int(&b, "int", 4, 1);
	bb_ref(&b, BTF_KIND_PTR, NULL, 7);
	bb_finish(&b);
	is_int(btf_parse_kernel(&k, b.blob, blob_len(&b), &err), -EINVAL,
	       "a reference past the last type is refused (%s)", err.msg);
	bb_free(&b);
}

int main(void)
{
	test_loop();
	test_bad_ref();
	return done_testing();
}
