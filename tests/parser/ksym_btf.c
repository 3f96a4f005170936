// SPDX-License-Identifier: GPL-2.0
/*
 * ksym_btf.c - the pure parts of __ksym resolution, on hand-written
 * inputs: a name found in a module's split BTF (ids after vmlinux's,
 * names in either string section), a kfunc's declaration compared with
 * the kernel's prototype, and a symbol's address in kallsyms text.
 */
#include <errno.h>

#include "loader/load/kallsyms.h"
#include "tests/parser/btf_builder.h"
#include "tests/tap.h"

/* A FUNC_PROTO returning @ret with the parameter types @params. */
static uint32_t proto(struct bb_btf *b, uint32_t ret, const uint32_t *params,
		      uint32_t n)
{
	uint32_t i, id = bb_head(b, NULL, BTF_KIND_FUNC_PROTO, n, 0, ret);

	for (i = 0; i < n; i++) {
		bb_word(b, bb_str(b, "p"));
		bb_word(b, params[i]);
	}
	return id;
}

/*
 * The "kernel": 1 int, 2 struct task_struct { int pid; }, 3 ptr to 2,
 * 4 proto (int) -> task_struct *, 5 FUNC get_task, 6 FUNC pid_of
 * (proto 7: (task_struct *) -> int).
 */
static void kernel(struct bb_btf *k)
{
	const struct bb_member m[] = { { "pid", 1, 0, 0 } };
	uint32_t one = 1, three = 3;

	bb_init(k);
	bb_int(k, "int", 4, 1);
	bb_struct(k, BTF_KIND_STRUCT, "task_struct", 4, m, 1);
	bb_ref(k, BTF_KIND_PTR, NULL, 2);
	proto(k, 3, &one, 1);
	bb_ref(k, BTF_KIND_FUNC, "get_task", 4);
	bb_ref(k, BTF_KIND_FUNC, "pid_of", 7);
	proto(k, 1, &three, 1);
}

static void split(const struct btf *base)
{
	/* Module strings: no leading NUL, as pahole writes them. */
	static const char strs[] = "mod_fn\0mod_var";
	uint32_t so = base->strs.len, n = base->nr_types;
	uint32_t types[] = {
		0, BB_INFO(BTF_KIND_FUNC_PROTO, 0, 0), 1,	/* n */
		so, BB_INFO(BTF_KIND_FUNC, 0, 0), n,		/* n + 1 */
		so + 7, BB_INFO(BTF_KIND_VAR, 0, 0), 1, 1,	/* n + 2 */
		0, BB_INFO(BTF_KIND_FUNC, 0, 0), n,		/* n + 3 */
	};
	struct btf_header h = {
		.magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(h),
		.type_len = sizeof(types), .str_off = sizeof(types),
		.str_len = sizeof(strs),
	};
	uint32_t blob[64];
	struct bytes data = { (const uint8_t *)blob, sizeof(h) + sizeof(types) + sizeof(strs) };

	/* n + 3 is named "pid": a string of vmlinux's. */
	types[10] = ((const struct btf_member *)btf_extra(btf_type(base, 2)))->name_off;
	memcpy(blob, &h, sizeof(h));
	memcpy((uint8_t *)blob + sizeof(h), types, sizeof(types));
	memcpy((uint8_t *)blob + sizeof(h) + sizeof(types), strs, sizeof(strs));
	is_int(btf_split_find(&data, base, "mod_fn", BTF_KIND_FUNC, NULL), n + 1,
	       "a module's FUNC: id after vmlinux's last (%u)", n + 1);
	is_int(btf_split_find(&data, base, "mod_var", BTF_KIND_VAR, NULL), n + 2,
	       "a module's VAR");
	is_int(btf_split_find(&data, base, "pid", BTF_KIND_FUNC, NULL), n + 3,
	       "a name in vmlinux's strings");
	is_int(btf_split_find(&data, base, "get_task", BTF_KIND_FUNC, NULL), -ENOENT,
	       "vmlinux's own FUNC is not the module's");
	is_int(btf_split_find(&data, base, "mod_fn", BTF_KIND_VAR, NULL), -ENOENT,
	       "the kind must match");
	data.len -= sizeof(strs) + 8;
	is_int(btf_split_find(&data, base, "mod_fn", BTF_KIND_FUNC, NULL), -EINVAL,
	       "a truncated module BTF is an error");
}

static void compat(const struct btf *kb)
{
	const struct bb_member m[] = { { "x", 1, 0, 0 } };
	uint32_t two[2] = { 1, 1 }, ptr = 3, one = 1;
	struct bb_btf l;
	char why[160] = "";

	bb_init(&l);
	bb_int(&l, "int", 4, 1);					/* 1 */
	bb_struct(&l, BTF_KIND_STRUCT, "task_struct___mine", 4, m, 1);	/* 2 */
	bb_ref(&l, BTF_KIND_PTR, NULL, 2);				/* 3 */
	proto(&l, 3, &one, 1);						/* 4 */
	bb_ref(&l, BTF_KIND_FUNC, "get_task", 4);			/* 5 */
	proto(&l, 3, two, 2);						/* 6 */
	bb_ref(&l, BTF_KIND_FUNC, "get_task", 6);			/* 7 */
	proto(&l, 1, &one, 1);						/* 8 */
	bb_ref(&l, BTF_KIND_FUNC, "pid_of", 8);				/* 9 */
	proto(&l, 3, &ptr, 1);						/* 10 */
	bb_ref(&l, BTF_KIND_FUNC, "pid_of", 10);			/* 11 */
	if (!ok(bb_finish(&l) == 0, "local BTF parses"))
		return;
	is_int(btf_func_compat(&l.btf, 5, kb, 5, why, sizeof(why)), 0,
	       "same prototype, struct named with a ___flavour: compatible");
	is_int(btf_func_compat(&l.btf, 7, kb, 5, why, sizeof(why)), -EINVAL,
	       "one parameter too many: refused");
	is_str(why, "2 parameter(s) here, 1 in the kernel", "and said");
	btf_func_compat(&l.btf, 9, kb, 6, why, sizeof(why));
	is_str(why, "parameter 1 is an integer here, a pointer in the kernel",
	       "a parameter of another class is named");
	btf_func_compat(&l.btf, 11, kb, 6, why, sizeof(why));
	is_str(why, "the return type is a pointer here, an integer in the kernel",
	       "so is the return type");
	bb_free(&l);
}

static void kallsyms(void)
{
	static const char text[] =
		"ffffffff81000000 T _stext\n"
		"ffffffff81000010 t dup\n"
		"ffffffff81000020 t dup\n"
		"ffffffffc0001000 t loop_fn\t[loop]\n"
		"ffffffff81000030 D same\n"
		"ffffffff81000030 D same\n"
		"garbage\n"
		"ffffffff81000040 T last";
	struct bytes t = { (const uint8_t *)text, sizeof(text) - 1 };
	uint64_t a = 0;

	ok(kallsyms_lookup(&t, "_stext", &a) == 0 && a == 0xffffffff81000000ull,
	   "a symbol's address");
	is_int(kallsyms_lookup(&t, "dup", &a), -ENOTUNIQ, "two addresses: ambiguous");
	ok(kallsyms_lookup(&t, "same", &a) == 0 && a == 0xffffffff81000030ull,
	   "listed twice at one address: fine");
	ok(kallsyms_lookup(&t, "loop_fn", &a) == 0 && a == 0xffffffffc0001000ull,
	   "a module's symbol");
	ok(kallsyms_lookup(&t, "last", &a) == 0 && a == 0xffffffff81000040ull,
	   "the last line, without its newline");
	is_int(kallsyms_lookup(&t, "_stex", &a), -ENOENT, "a prefix is not a match");
	is_int(kallsyms_lookup(&t, "garbage", &a), -ENOENT, "a malformed line is no symbol");
}

int main(void)
{
	struct bb_btf k;

	kernel(&k);
	if (ok(bb_finish(&k) == 0, "kernel BTF parses")) {
		split(&k.btf);
		compat(&k.btf);
	}
	bb_free(&k);
	kallsyms();
	return done_testing();
}
