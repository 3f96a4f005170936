// SPDX-License-Identifier: GPL-2.0
/*
 * map_batch - bb_map_for_each_batch() on real kernel maps.
 *
 * A hash map of 5000 entries is read in batches of 64, of 1 (the kernel
 * answers ENOSPC for a bucket holding more than that, and the room must
 * grow) and of the default size; an array in batches of 7; and a
 * DEVMAP_HASH, a map type without batch lookup, through the fallback.
 * Every time, each key must come exactly once with its value, the same
 * set bb_map_for_each() sees.  Correctness only: speed is bench/'s business.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/maps/map_batch.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define N 5000

struct seen {
	uint8_t *count;		/* per key */
	uint32_t max;
	int n, bad, stop_after;
	uint64_t (*want)(uint32_t key);
	size_t vsz;
};

static uint64_t hash_value(uint32_t k) { return 3ull * k + 1; }
static uint64_t devmap_value(uint32_t k) { (void)k; return 1; }	/* lo */

static int collect(const void *key, const void *value, void *ctx)
{
	struct seen *s = ctx;
	uint64_t v = 0;
	uint32_t k;

	memcpy(&k, key, 4);
	memcpy(&v, value, s->vsz);
	if (k >= s->max || v != s->want(k))
		s->bad++;
	else
		s->count[k]++;
	s->n++;
	return s->stop_after && s->n >= s->stop_after ? 5 : 0;
}

static int each_once(const struct seen *s, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (s->count[i] != 1)
			return 0;
	return s->n == (int)n && !s->bad;
}

static void reset(struct seen *s)
{
	memset(s->count, 0, s->max);
	s->n = s->bad = 0;
}

static int fill(struct bb_map *m, uint32_t n, uint64_t (*want)(uint32_t))
{
	struct bb_err err = { 0 };
	uint32_t k;
	uint64_t v;
	int ret;

	if (map_create(m, &err)) {
		diag("%s", err.msg);
		return -1;
	}
	for (k = 0; k < n; k++) {
		v = want(k);
		ret = bb_map_update(m, &k, &v, BPF_ANY);
		if (ret) {
			diag("update %u: %s", k, strerror(-ret));
			return -1;
		}
	}
	return 0;
}

static void hash_map(struct seen *s)
{
	struct map_spec spec = { .name = "bb_batch_hash", .type = BPF_MAP_TYPE_HASH,
				 .key_size = 4, .value_size = 8, .max_entries = N };
	struct bb_map m = { .spec = &spec, .fd = -1 };
	uint32_t sizes[] = { 64, 1, 0 }, i;

	s->want = hash_value;
	s->vsz = 8;
	if (!ok(!fill(&m, N, hash_value), "hash: %d entries written", N))
		goto out;
	for (i = 0; i < 3; i++) {
		reset(s);
		is_int(bb_map_for_each_batch(&m, sizes[i], collect, s), 0,
		       "hash, batch %u: returns 0", sizes[i]);
		ok(each_once(s, N), "hash, batch %u: %d keys, each once, right value (%d seen, %d bad)",
		   sizes[i], N, s->n, s->bad);
	}
	reset(s);
	is_int(bb_map_for_each(&m, collect, s), 0, "hash: bb_map_for_each returns 0");
	ok(each_once(s, N), "hash: bb_map_for_each sees the same set");
	reset(s);
	s->stop_after = 100;
	is_int(bb_map_for_each_batch(&m, 64, collect, s), 5,
	       "hash: the callback's value stops the walk");
	is_int(s->n, 100, "hash: no entry after the stop");
	s->stop_after = 0;
out:
	if (m.fd >= 0)
		sys_close(m.fd);
	map_release(&m);
}

static void empty_hash(struct seen *s)
{
	struct map_spec spec = { .name = "bb_batch_empty", .type = BPF_MAP_TYPE_HASH,
				 .key_size = 4, .value_size = 8, .max_entries = 8 };
	struct bb_map m = { .spec = &spec, .fd = -1 };

	reset(s);
	if (ok(!fill(&m, 0, hash_value), "empty hash created")) {
		is_int(bb_map_for_each_batch(&m, 4, collect, s), 0, "empty hash: returns 0");
		is_int(s->n, 0, "empty hash: nothing reported");
	}
	if (m.fd >= 0)
		sys_close(m.fd);
	map_release(&m);
}

static void array_map(struct seen *s)
{
	struct map_spec spec = { .name = "bb_batch_array", .type = BPF_MAP_TYPE_ARRAY,
				 .key_size = 4, .value_size = 8, .max_entries = 100 };
	struct bb_map m = { .spec = &spec, .fd = -1 };

	reset(s);
	s->want = hash_value;
	s->vsz = 8;
	if (ok(!fill(&m, 100, hash_value), "array: 100 entries written")) {
		is_int(bb_map_for_each_batch(&m, 7, collect, s), 0, "array, batch 7: returns 0");
		ok(each_once(s, 100), "array, batch 7: 100 keys, each once, right value");
	}
	if (m.fd >= 0)
		sys_close(m.fd);
	map_release(&m);
}

/* DEVMAP_HASH has GET_NEXT_KEY but no batch ops: the fallback must work. */
static void no_batch_type(struct seen *s)
{
	struct map_spec spec = { .name = "bb_batch_devmap", .type = BPF_MAP_TYPE_DEVMAP_HASH,
				 .key_size = 4, .value_size = 4, .max_entries = 64 };
	struct bb_map m = { .spec = &spec, .fd = -1 };
	uint32_t keys[4], values[4], out[2], count = 4;
	int ret;

	reset(s);
	s->want = devmap_value;
	s->vsz = 4;
	if (!ok(!fill(&m, 50, devmap_value), "devmap_hash: 50 entries (-> lo) written"))
		goto out;
	ret = bb_map_lookup_batch(&m, NULL, out, keys, values, &count);
	ok(ret == -524 || ret == -EOPNOTSUPP || ret == -EINVAL,
	   "devmap_hash: the kernel has no batch lookup for it (%d)", ret);
	is_int(bb_map_for_each_batch(&m, 8, collect, s), 0, "devmap_hash: fallback returns 0");
	ok(each_once(s, 50), "devmap_hash: fallback reports 50 keys, each once");
out:
	if (m.fd >= 0)
		sys_close(m.fd);
	map_release(&m);
}

int main(void)
{
	struct seen s = { .max = N };

	s.count = calloc(N, 1);
	if (!s.count)
		return 1;
	hash_map(&s);
	empty_hash(&s);
	array_map(&s);
	no_batch_type(&s);
	free(s.count);
	return done_testing();
}
