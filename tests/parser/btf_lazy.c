// SPDX-License-Identifier: GPL-2.0
/*
 * btf_lazy.c - the lazy walk (elf/btf/btf_lazy.c) on hand-written BTF:
 * btf_open() walks nothing, a lookup walks only as far as its answer, a
 * member inside an anonymous union stored after its struct is reached
 * before it is followed, and every answer equals btf_parse()'s.  Broken
 * records past the answer are not read; a lookup that reaches them fails
 * with btf_parse()'s message.
 */
#include <errno.h>

#include "tests/parser/btf_builder.h"
#include "tests/tap.h"

/*
 *   1 int
 *   2 struct outer { int a; union { int inner; int x; }; }   (union = 5)
 *   3 struct filler { int f; }
 *   4 typedef struct outer outer_t
 *   5 union (anon) { int inner; int x; }
 *   6 struct later { int l; }
 */
static void build(struct bb_btf *b)
{
	const struct bb_member outer[] = {
		{ "a", 1, 0, 0 }, { NULL, 5, 64, 0 },
	};
	const struct bb_member filler[] = { { "f", 1, 0, 0 } };
	const struct bb_member anon[] = {
		{ "inner", 1, 0, 0 }, { "x", 1, 0, 0 },
	};
	const struct bb_member later[] = { { "l", 1, 0, 0 } };

	bb_init(b);
	bb_int(b, "int", 4, 1);
	bb_struct(b, BTF_KIND_STRUCT, "outer", 12, outer, 2);
	bb_struct(b, BTF_KIND_STRUCT, "filler", 4, filler, 1);
	bb_ref(b, BTF_KIND_TYPEDEF, "outer_t", 2);
	bb_struct(b, BTF_KIND_UNION, NULL, 4, anon, 2);
	bb_struct(b, BTF_KIND_STRUCT, "later", 4, later, 1);
}

static size_t blob_len(const struct bb_btf *b)
{
	return sizeof(struct btf_header) + b->nt * 4 + b->ns;
}

static void test_walks_as_far_as_asked(void)
{
	struct bb_err err = { .msg = "" };
	struct bb_btf b;
	struct btf lazy;
	uint32_t off = 0, want = 0;
	int id;

	build(&b);
	if (!ok(bb_finish(&b) == 0, "the BTF parses whole"))
		return;
	is_int(btf_open(&lazy, b.blob, blob_len(&b), &err), 0, "btf_open");
	is_int(lazy.nr_types, 1, "btf_open walks nothing (only void is known)");
	id = btf_find_reach(&lazy, "outer", BTF_KIND_STRUCT, &err);
	is_int(id, 2, "btf_find_reach(outer) = 2");
	is_int(lazy.nr_types, 3, "  and the walk stopped there");
	ok(btf_type(&lazy, 5) == NULL, "type 5 is not known yet");
	is_int(btf_member_offset_reach(&lazy, 2, "inner", &off, &err), 0,
	       "offsetof(outer, inner), inside an anonymous union stored later");
	btf_member_offset(&b.btf, 2, "inner", &want, &err);
	is_int(off, 8, "  = 8");
	is_int(off, want, "  as btf_parse() answers");
	is_int(lazy.nr_types, 6, "  the walk reached the union (5), no further");
	is_int(btf_find_reach(&lazy, "outer_t", BTF_KIND_TYPEDEF, &err), 4,
	       "a name already walked past is found in the index");
	is_int(btf_find_reach(&lazy, "nothing", BTF_KIND_STRUCT, &err), -ENOENT,
	       "an absent name is -ENOENT");
	ok(lazy.walked == lazy.types.len && lazy.nr_types == b.btf.nr_types,
	   "  after walking every record (%u types)", lazy.nr_types);
	is_int(btf_reach(&lazy, 7, &err), -EINVAL, "btf_reach past the last type");
	like(err.msg, "type 7 out of range (7 types)", "  says so");
	btf_free(&lazy);
	bb_free(&b);
}

/* A record whose kind is unknown (31), after the struct we look for. */
static void test_broken_past_the_answer(void)
{
	struct bb_err err = { .msg = "" };
	struct bb_btf b;
	struct btf lazy;

	build(&b);
	bb_head(&b, "bad", 31, 0, 0, 0);
	if (!ok(bb_finish(&b) != 0, "btf_parse refuses the unknown kind"))
		return;
	btf_open(&lazy, b.blob, blob_len(&b), &err);
	is_int(btf_find_reach(&lazy, "later", BTF_KIND_STRUCT, &err), 6,
	       "the lazy walk answers before reaching it");
	is_int(btf_find_reach(&lazy, "nothing", BTF_KIND_STRUCT, &err), -EINVAL,
	       "a lookup that reaches it fails");
	like(err.msg, "type 7: unknown kind 31", "  with btf_parse's message");
	btf_free(&lazy);
	bb_free(&b);
}

/* A name offset past the strings: checked as the record is walked. */
static void test_bad_name_when_walked(void)
{
	struct bb_err err = { .msg = "" };
	struct bb_btf b;
	struct btf lazy;

	build(&b);
	bb_word(&b, 0xffff);	/* type 7: name_off out of range */
	bb_word(&b, BB_INFO(BTF_KIND_PTR, 0, 0));
	bb_word(&b, 1);
	ok(bb_finish(&b) != 0, "btf_parse refuses the name offset");
	btf_open(&lazy, b.blob, blob_len(&b), &err);
	is_int(btf_find_reach(&lazy, "nothing", BTF_KIND_STRUCT, &err), -EINVAL,
	       "the lazy walk refuses it when it gets there");
	like(err.msg, "type 7: name offset 0xffff out of range", "  naming it");
	btf_free(&lazy);
	bb_free(&b);
}

int main(void)
{
	test_walks_as_far_as_asked();
	test_broken_past_the_answer();
	test_bad_name_when_walked();
	return done_testing();
}
