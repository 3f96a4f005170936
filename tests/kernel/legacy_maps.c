// SPDX-License-Identifier: GPL-2.0
/*
 * legacy_maps.c - kernel/test/legacy_maps.bpf.o declares its maps in a
 * legacy "maps" section (struct bpf_map_def): they are parsed with the
 * sizes written there, created, and the program that counts in one of
 * them runs (issue 16).
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/kernel/attach.h"

#define N 6

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	const struct map_spec *calls, *hash;
	uint32_t me = getpid(), zero = 0;
	uint64_t n = 0;
	int ret, i;

	attach_obj_path("legacy_maps", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "an object with a legacy 'maps' section opens"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	calls = obj_spec_map(&o->spec, "calls");
	hash = obj_spec_map(&o->spec, "unused_hash");
	ok(calls && calls->legacy && calls->type == BPF_MAP_TYPE_ARRAY &&
	   calls->key_size == 4 && calls->value_size == 8 &&
	   calls->max_entries == 1, "calls: array, key 4, value 8, 1 entry");
	ok(hash && hash->legacy && hash->type == BPF_MAP_TYPE_HASH &&
	   hash->value_size == 16 && hash->max_entries == 8,
	   "unused_hash: hash, value 16, 8 entries");
	bb_object_set_var(o, "filter_tgid", &me, sizeof(me), &err);
	ret = bb_object_load(o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "it loads and attaches"))
		diag("%s", err.msg);
	for (i = 0; i < N; i++)
		syscall(SYS_getpid);
	if (!ret)
		bb_map_lookup(bb_object_find_map(o, "calls"), &zero, &n, 0);
	is_int(n, N, "the program counted our %d getpid() in the legacy map", N);
	bb_object_close(o);
	return done_testing();
}
