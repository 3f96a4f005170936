// SPDX-License-Identifier: GPL-2.0
/*
 * btf_vmlinux.c - the running kernel's BTF: the biggest real input we have.
 *
 * Parse /sys/kernel/btf/vmlinux, look up what procmon needs from it
 * (task_struct's real_parent and tgid), and query every type once so that
 * the whole index is exercised.  The parse time is printed, not checked.
 * Then the same questions to a lazy walk (btf_open): the same answers,
 * from fewer records than the whole.
 */
#include <errno.h>
#include <time.h>

#include "elf/btf/btf.h"
#include "tests/tap.h"
#include "tests/parser/objs.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every id answers; sized kinds all have a size; modifiers all resolve. */
static void check_all_types(const struct btf *btf)
{
	uint32_t id, out, size, null = 0, bad_size = 0, bad_mods = 0;
	struct bb_err err = { .msg = "" };
	const struct btf_type *t;

	for (id = 1; id < btf->nr_types; id++) {
		t = btf_type(btf, id);
		if (!t) {
			if (!null++)
				diag("  type %u: btf_type() is NULL", id);
			continue;
		}
		if (btf_skip_mods(btf, id, &out, &err) && !bad_mods++)
			diag("  type %u: btf_skip_mods: %s", id, err.msg);
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_PTR:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FLOAT:
			if (btf_type_size(btf, id, &size, &err) && !bad_size++)
				diag("  type %u: btf_type_size: %s", id, err.msg);
			break;
		}
	}
	is_int(null, 0, "every id 1..%u has a record", btf->nr_types - 1);
	is_int(bad_mods, 0, "btf_skip_mods resolves every type");
	is_int(bad_size, 0, "every int/ptr/struct/union/enum/float has a size");
	ok(btf_type(btf, 0) == NULL, "btf_type(0) is NULL (void)");
	ok(btf_type(btf, btf->nr_types) == NULL, "btf_type(nr_types) is NULL");
	ok(btf_type(btf, UINT32_MAX) == NULL, "btf_type(UINT32_MAX) is NULL");
}

static void check_task_struct(const struct btf *btf)
{
	static const char *const members[] = { "real_parent", "tgid", "pid", "comm" };
	struct bb_err err = { .msg = "" };
	uint32_t size = 0, off, i;
	int id, ret;

	id = btf_find(btf, "task_struct", BTF_KIND_STRUCT);
	if (!ok(id > 0, "btf_find(task_struct, STRUCT) = %d", id))
		return;
	ret = btf_type_size(btf, id, &size, &err);
	ok(!ret && size > 0, "sizeof(struct task_struct) = %u", size);
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		off = ~0u;
		/* Arguments are evaluated unordered: look up first. */
		ret = btf_member_offset(btf, id, members[i], &off, &err);
		if (!ok(!ret && off < size, "offsetof(task_struct, %s) = %u",
			members[i], off))
			diag("  %d %s", ret, err.msg);
	}
	is_int(btf_member_offset(btf, id, "no_such_member", &off, &err),
	       -ENOENT, "absent member is -ENOENT");
}

/* The lazy walk answers as the whole parse does, having walked less. */
static void check_lazy(const struct btf *whole, const void *data, size_t len)
{
	static const char *const members[] = { "real_parent", "tgid", "pid", "comm" };
	struct bb_err err = { .msg = "" };
	int id = btf_find(whole, "task_struct", BTF_KIND_STRUCT);
	uint32_t want, got, i;
	struct btf lazy;

	if (!ok(btf_open(&lazy, data, len, &err) == 0, "btf_open(" VMLINUX ")"))
		return;
	is_int(btf_find_reach(&lazy, "task_struct", BTF_KIND_STRUCT, &err), id,
	       "lazy: task_struct is the same id");
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		want = got = ~0u;
		btf_member_offset(whole, id, members[i], &want, &err);
		btf_member_offset_reach(&lazy, id, members[i], &got, &err);
		is_int(got, want, "lazy: offsetof(task_struct, %s) the same",
		       members[i]);
	}
	ok(lazy.nr_types < whole->nr_types,
	   "lazy: %u of %u types walked", lazy.nr_types - 1,
	   whole->nr_types - 1);
	btf_free(&lazy);
}

int main(void)
{
	struct bb_err err = { .msg = "" };
	struct btf btf;
	size_t len = 0;
	uint8_t *data;
	double t0;
	int ret;

	if (access(VMLINUX, R_OK))
		return skip_all(VMLINUX " is not readable (kernel without BTF?)");
	data = read_whole(VMLINUX, &len);
	if (!data) {
		ok(0, "read " VMLINUX);
		return done_testing();
	}
	t0 = now();
	ret = btf_parse(&btf, data, len, &err);
	diag("btf_parse of %zu bytes took %.1f ms", len, (now() - t0) * 1e3);
	if (!ok(ret == 0, "btf_parse(" VMLINUX ")")) {
		diag("  %d %s", ret, err.msg);
		free(data);
		return done_testing();
	}
	ok(btf.nr_types > 10000, "%u types (more than 10000)", btf.nr_types);
	check_task_struct(&btf);
	check_all_types(&btf);
	check_lazy(&btf, data, len);
	btf_free(&btf);
	free(data);
	return done_testing();
}
