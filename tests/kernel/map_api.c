// SPDX-License-Identifier: GPL-2.0
/*
 * map_api.c - the public map calls (loader/barebpf.h) on the real kernel:
 * a map made from user space (bb_map_create) and the maps of
 * kernel/test/map_api.bpf.o.  Every update flag succeeds where it should
 * and fails with the kernel's errno where it should not; BB_F_LOCK works
 * on a value holding a bpf_spin_lock and is refused on one without.
 * Only our own maps are touched (other tests run on this kernel too).
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <unistd.h>

#include "loader/barebpf.h"
#include "tests/kernel/attach.h"
#include "tests/tap.h"

struct locked_value {
	uint32_t lock;		/* struct bpf_spin_lock: the kernel's */
	uint32_t pad;
	uint64_t n;
};

struct walk {
	uint32_t nr;
	uint64_t key_sum, value_sum;
};

static int add(const void *key, const void *value, void *ctx)
{
	struct walk *w = ctx;

	w->nr++;
	w->key_sum += *(const uint32_t *)key;
	w->value_sum += *(const uint64_t *)value;
	return 0;
}

static void test_flags(struct bb_map *m)
{
	uint32_t k1 = 1, k2 = 2, k9 = 9;
	uint64_t v = 10, got = 0;
	int ret;

	is_int(bb_map_update(m, &k1, &v, BB_NOEXIST), 0, "BB_NOEXIST on a new key");
	is_int(bb_map_update(m, &k1, &v, BB_NOEXIST), -EEXIST,
	       "BB_NOEXIST on an existing key: -EEXIST");
	v = 11;
	is_int(bb_map_update(m, &k2, &v, BB_EXIST), -ENOENT,
	       "BB_EXIST on a missing key: -ENOENT");
	is_int(bb_map_update(m, &k1, &v, BB_EXIST), 0, "BB_EXIST on an existing key");
	ret = bb_map_lookup(m, &k1, &got, 0);
	ok(!ret && got == 11,
	   "lookup without flags sees the replaced value (%llu)",
	   (unsigned long long)got);
	v = 20;
	is_int(bb_map_update(m, &k2, &v, BB_ANY), 0, "BB_ANY creates");
	v = 21;
	is_int(bb_map_update(m, &k2, &v, BB_ANY), 0, "BB_ANY replaces");
	is_int(bb_map_update(m, &k2, &v, BB_ANY | BB_F_LOCK), -EINVAL,
	       "BB_F_LOCK on a value without a spin lock: -EINVAL");
	is_int(bb_map_lookup(m, &k1, &got, BB_F_LOCK), -EINVAL,
	       "lookup with BB_F_LOCK there: -EINVAL");
	is_int(bb_map_lookup(m, &k9, &got, 0), -ENOENT, "lookup of a missing key: -ENOENT");
}

static void test_keys(struct bb_map *m)
{
	uint32_t first = 0, second = 0, after = 0, k1 = 1, k2 = 2;
	struct walk w = { 0 };
	uint64_t got = 0;
	int ret;

	is_int(bb_map_get_next_key(m, NULL, &first), 0, "get_next_key from NULL");
	is_int(bb_map_get_next_key(m, &first, &second), 0, "get_next_key from the first");
	ok(first + second == 3 && first != second, "the two keys, %u and %u",
	   first, second);
	is_int(bb_map_get_next_key(m, &second, &after), -ENOENT,
	       "get_next_key from the last: -ENOENT");
	is_int(bb_map_for_each(m, add, &w), 0, "bb_map_for_each");
	ok(w.nr == 2 && w.key_sum == 3 && w.value_sum == 32,
	   "saw both entries (%u, values summing to %llu)", w.nr,
	   (unsigned long long)w.value_sum);
	ret = bb_map_lookup_and_delete(m, &k2, &got);
	ok(!ret && got == 21,
	   "lookup_and_delete returns the value (%llu)", (unsigned long long)got);
	is_int(bb_map_lookup(m, &k2, &got, 0), -ENOENT, "and the key is gone");
	is_int(bb_map_delete(m, &k1), 0, "delete");
	is_int(bb_map_delete(m, &k1), -ENOENT, "delete of a missing key: -ENOENT");
	is_int(bb_map_get_next_key(m, NULL, &first), -ENOENT,
	       "get_next_key from NULL on the empty map: -ENOENT");
}

static void test_user_map(void)
{
	struct bb_err err = { 0 };
	struct bb_map *m = NULL;
	int ret;

	ret = bb_map_create(&m, BPF_MAP_TYPE_HASH, "bb_map_api_test", 4, 8, 4, 0,
			    &err);
	if (!ok(ret == 0, "bb_map_create: %s", ret ? err.msg : "ok")) {
		skip(27, "no map");
		return;
	}
	ok(bb_map_fd(m) >= 0, "it has an fd (%d)", bb_map_fd(m));
	is_str(bb_map_name(m), "bb_map_api_test", "bb_map_name");
	is_int(bb_map_type(m), BPF_MAP_TYPE_HASH, "bb_map_type");
	is_int(bb_map_key_size(m), 4, "bb_map_key_size");
	is_int(bb_map_value_size(m), 8, "bb_map_value_size");
	is_int(bb_map_max_entries(m), 4, "bb_map_max_entries");
	is_int(bb_map_set_max_entries(m, 8), -EBUSY,
	       "bb_map_set_max_entries once created: -EBUSY");
	test_flags(m);
	test_keys(m);
	bb_map_close(m);
	is_int(bb_map_create(&m, BPF_MAP_TYPE_HASH, "bb_map_api_bad", 4, 0, 4, 0,
			     &err), -EINVAL, "a value size of 0 is refused");
	like(err.msg, "BPF_MAP_CREATE", "and the message names the call");
}

static void test_locked(struct bb_object *o)
{
	struct bb_map *m = bb_object_find_map(o, "locked");
	struct locked_value v = { .n = 5 }, got = { 0 };
	uint32_t k1 = 1, k2 = 2;
	int ret;

	is_int(bb_map_value_size(m), sizeof(v), "the locked value is 16 bytes");
	is_int(bb_map_update(m, &k1, &v, BB_ANY | BB_F_LOCK), 0,
	       "BB_F_LOCK update on a value with a bpf_spin_lock");
	is_int(bb_map_update(m, &k1, &v, BB_NOEXIST | BB_F_LOCK), -EEXIST,
	       "BB_NOEXIST | BB_F_LOCK on an existing key: -EEXIST");
	is_int(bb_map_update(m, &k2, &v, BB_EXIST | BB_F_LOCK), -ENOENT,
	       "BB_EXIST | BB_F_LOCK on a missing key: -ENOENT");
	v.n = 6;
	is_int(bb_map_update(m, &k1, &v, BB_EXIST | BB_F_LOCK), 0,
	       "BB_EXIST | BB_F_LOCK on an existing key");
	ret = bb_map_lookup(m, &k1, &got, BB_F_LOCK);
	ok(!ret && got.n == 6,
	   "lookup with BB_F_LOCK (%llu)", (unsigned long long)got.n);
	got.n = 0;
	ret = bb_map_lookup(m, &k1, &got, 0);
	ok(!ret && got.n == 6,
	   "lookup without flags (%llu)", (unsigned long long)got.n);
	is_int(bb_map_update(bb_object_find_map(o, "plain"), &k1, &v.n,
			     BB_F_LOCK), -EINVAL,
	       "BB_F_LOCK on the object's map without a lock: -EINVAL");
}

/* plain was declared with 16 entries and grown to 32 before the load. */
static void test_batch(struct bb_object *o)
{
	struct bb_map *m = bb_object_find_map(o, "plain");
	uint32_t k, keys[32], count, nr = 0, next = 0;
	uint64_t v, values[32];
	uint8_t in[8], out[8];
	struct walk w = { 0 };
	int ret, steps = 0;

	for (k = 100, ret = 0; k < 120 && !ret; k++) {
		v = k * 2;
		ret = bb_map_update(m, &k, &v, BB_NOEXIST);
	}
	is_int(ret, 0, "20 entries fit in the map grown past its declared 16");
	is_int(bb_map_for_each_batch(m, 7, add, &w), 0, "bb_map_for_each_batch");
	ok(w.nr == 20 && w.key_sum == 2190 && w.value_sum == 4380,
	   "saw all 20 entries, keys and values right (%u)", w.nr);
	ok(bb_map_batch_token_size(m) <= sizeof(in), "a token fits in 8 bytes");
	do {
		count = 8;
		ret = bb_map_lookup_batch(m, nr ? in : NULL, out, keys + nr,
					  values + nr, &count);
		nr += count;
		memcpy(in, out, sizeof(in));
	} while (!ret && nr + 8 <= 32 && ++steps < 10);
	ok(ret == -ENOENT && nr == 20, "bb_map_lookup_batch by 8: %u entries, then -ENOENT (%d)",
	   nr, ret);
	for (k = 0; k < nr && values[k] == 2 * (uint64_t)keys[k]; k++)
		;
	is_int(k, nr, "each value belongs to its key");
	for (k = 0; !bb_map_get_next_key(m, k ? &next : NULL, &next); k++)
		;
	is_int(k, 20, "get_next_key walks 20 keys, then -ENOENT");
}

static void test_object_accessors(struct bb_object *o)
{
	static const char *const names[] = { "locked", "plain", "self", "execs" };
	struct bb_map *m = NULL;
	uint32_t i = 0;

	while ((m = bb_object_next_map(o, m)) && i < 4)
		if (!strcmp(bb_map_name(m), names[i]))
			i++;
	ok(i == 4 && !m, "bb_object_next_map: the four maps in order, then NULL");
	m = bb_object_find_map(o, "plain");
	is_int(bb_map_fd(m), -1, "no fd before the load");
	is_int(bb_map_set_max_entries(m, 0), -EINVAL, "max_entries 0: -EINVAL");
	is_int(bb_map_set_max_entries(m, 32), 0, "bb_map_set_max_entries before the load");
	is_int(bb_map_max_entries(m), 32, "and bb_map_max_entries says so");
}

/* Another object's "plain", reusing a map of ours (bb_map_reuse_fd). */
static void test_reuse(const char *path)
{
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	struct bb_map *mine = NULL, *bad = NULL;
	uint32_t k = 7;
	uint64_t v = 77, got = 0;
	int ret;

	ret = bb_map_create(&mine, BPF_MAP_TYPE_HASH, "bb_reuse", 4, 8, 16, 0, &err);
	if (!ret)
		ret = bb_map_create(&bad, BPF_MAP_TYPE_HASH, "bb_reuse_bad", 4, 8, 15,
				    0, &err);
	if (!ret)
		ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "two maps and a second object: %s", ret ? err.msg : "ok")) {
		skip(3, "no maps");
		goto out;
	}
	is_int(bb_map_reuse_fd(bb_object_find_map(o, "plain"), bb_map_fd(bad), &err),
	       -EINVAL, "bb_map_reuse_fd of a map of another size: -EINVAL");
	like(err.msg, "max_entries", "naming the field");
	ret = bb_map_reuse_fd(bb_object_find_map(o, "plain"), bb_map_fd(mine), &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	bb_map_update(mine, &k, &v, BB_ANY);
	ok(!ret && !bb_map_lookup(bb_object_find_map(o, "plain"), &k, &got, 0) &&
	   got == 77, "the object's map is ours after the load%s%s",
	   ret ? ": " : "", ret ? err.msg : "");
out:
	bb_object_close(o);
	bb_map_close(mine);
	bb_map_close(bad);
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	test_user_map();
	attach_obj_path("map_api", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "open %s: %s", path, ret ? err.msg : "ok"))
		return done_testing();
	test_object_accessors(o);
	ret = bb_object_load(o, &err);
	if (ok(ret == 0, "load: %s", ret ? err.msg : "ok")) {
		is_int(bb_map_set_max_entries(bb_object_find_map(o, "plain"), 8),
		       -EBUSY, "bb_map_set_max_entries after the load: -EBUSY");
		test_locked(o);
		test_batch(o);
	}
	bb_err_free(&err);
	bb_object_close(o);
	test_reuse(path);
	return done_testing();
}
