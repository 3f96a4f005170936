// SPDX-License-Identifier: GPL-2.0
/*
 * bb_map_for_each.c - walking a hash map that changes under us.
 *
 * The fake hash map behaves like the kernel's: BPF_MAP_GET_NEXT_KEY with a
 * key that is no longer there starts over from the first key.  A key
 * deleted mid-walk therefore makes the walk see keys twice; a key deleted
 * between GET_NEXT_KEY and LOOKUP answers ENOENT.  bb_map_for_each() must
 * report every live key exactly once, with its value, and skip the others.
 */
#include "loader/maps/map.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

#define MAP_FD 200

struct seen {
	uint32_t keys[64];
	uint64_t values[64];
	int n;
	int stop_after;		/* return 1 after this many (0: never) */
};

static int collect(const void *key, const void *value, void *ctx)
{
	struct seen *s = ctx;

	if (s->n < 64) {
		memcpy(&s->keys[s->n], key, 4);
		memcpy(&s->values[s->n], value, 8);
	}
	s->n++;
	return s->stop_after && s->n >= s->stop_after ? 1 : 0;
}

static int times_seen(const struct seen *s, uint32_t key)
{
	int i, n = 0;

	for (i = 0; i < s->n && i < 64; i++)
		n += s->keys[i] == key;
	return n;
}

static uint64_t value_of(const struct seen *s, uint32_t key)
{
	int i;

	for (i = 0; i < s->n && i < 64; i++)
		if (s->keys[i] == key)
			return s->values[i];
	return 0;
}

static void fill(int n)
{
	int i;

	fake_reset();
	fk.hash_fd = MAP_FD;
	for (i = 0; i < n; i++) {
		fk.hash.keys[i] = 10 * (i + 1);		/* 10, 20, ... */
		fk.hash.values[i] = 1000 + i + 1;	/* 1001, 1002, ... */
		fk.hash.live[i] = true;
	}
	fk.hash.nr = n;
}

static const struct map_spec spec = {
	.name = "fake_hash",
	.type = BPF_MAP_TYPE_HASH,
	.key_size = 4,
	.value_size = 8,
	.max_entries = 16,
};
static struct bb_map map = { .spec = &spec, .fd = MAP_FD };	/* not const: a walk keeps its key buffer in it */

static void plain_walk(void)
{
	struct seen s = { 0 };
	int ret, k;

	fill(5);
	ret = bb_map_for_each(&map, collect, &s);
	is_int(ret, 0, "plain: returns 0");
	is_int(s.n, 5, "plain: five entries");
	for (k = 1; k <= 5; k++)
		ok(times_seen(&s, 10 * k) == 1 && value_of(&s, 10 * k) == 1000u + k,
		   "plain: key %d once, value %d", 10 * k, 1000 + k);
	is_int(fk.hash.next_calls, 6, "plain: 5 keys + the final ENOENT");
	is_int(fk.hash.lookups, 5, "plain: one lookup per key");
}

static void empty_walk(void)
{
	struct seen s = { 0 };

	fill(0);
	is_int(bb_map_for_each(&map, collect, &s), 0, "empty: returns 0");
	is_int(s.n, 0, "empty: nothing reported");
	is_int(fk.hash.lookups, 0, "empty: no lookup");
}

/* Key 30 is deleted as soon as GET_NEXT_KEY hands it out. */
static void delete_restarts_walk(void)
{
	struct seen s = { 0 };
	int ret;

	fill(5);
	fk.hash.delete_after_next = 30;
	ret = bb_map_for_each(&map, collect, &s);
	is_int(ret, 0, "restart: returns 0");
	/* 10 20 30 | restart: 10 20 40 50 | ENOENT */
	is_int(fk.hash.next_calls, 8, "restart: the walk did start over");
	is_int(s.n, 4, "restart: four live keys reported");
	is_int(times_seen(&s, 10), 1, "restart: 10 once, though seen twice");
	is_int(times_seen(&s, 20), 1, "restart: 20 once, though seen twice");
	is_int(times_seen(&s, 30), 0, "restart: deleted 30 skipped (ENOENT)");
	is_int(times_seen(&s, 40), 1, "restart: 40 once");
	is_int(times_seen(&s, 50), 1, "restart: 50 once");
	is_int(value_of(&s, 40), 1004, "restart: 40 has its value");
}

/*
 * Sixty keys, key 500 deleted as GET_NEXT_KEY hands it out: the walk meets
 * 10..490 twice, and the set that catches the repeats grew from its first
 * 64 slots twice on the way (a quarter full at most).
 */
static void restart_after_growth(void)
{
	static const struct map_spec big = {
		.name = "fake_hash", .type = BPF_MAP_TYPE_HASH,
		.key_size = 4, .value_size = 8, .max_entries = FAKE_MAX_KEYS,
	};
	struct bb_map m = { .spec = &big, .fd = MAP_FD };
	struct seen s = { 0 };
	int k, once = 0;

	fill(60);
	fk.hash.delete_after_next = 500;
	is_int(bb_map_for_each(&m, collect, &s), 0, "grown set: returns 0");
	is_int(fk.hash.next_calls, 50 + 59 + 1, "grown set: the walk did start over");
	is_int(s.n, 59, "grown set: 59 live keys reported");
	for (k = 1; k <= 60; k++)
		once += times_seen(&s, 10 * k) == (k == 50 ? 0 : 1);
	is_int(once, 60, "grown set: each live key once, the deleted one never");
	map_release(&m);
}

/* Key 40 disappears between GET_NEXT_KEY and its LOOKUP. */
static void lookup_enoent_skipped(void)
{
	struct seen s = { 0 };
	int ret;

	fill(5);
	fk.hash.lookup_enoent = 40;
	ret = bb_map_for_each(&map, collect, &s);
	is_int(ret, 0, "lookup ENOENT: not an error");
	is_int(s.n, 4, "lookup ENOENT: the other four reported");
	is_int(times_seen(&s, 40), 0, "lookup ENOENT: 40 skipped");
	ok(times_seen(&s, 50) == 1 && value_of(&s, 50) == 1005,
	   "lookup ENOENT: the walk went on past it");
	is_int(fk.hash.lookups, 5, "lookup ENOENT: every key looked up");
}

/* A map whose GET_NEXT_KEY never says ENOENT: the walk is bounded. */
static void endless_bounded(void)
{
	struct seen s = { 0 };
	int ret;

	fill(3);
	fk.hash.endless = true;
	ret = bb_map_for_each(&map, collect, &s);
	is_int(ret, 0, "endless: returns");
	is_int(fk.hash.next_calls, 2 * spec.max_entries,
	       "endless: stops after 2 * max_entries GET_NEXT_KEY");
	is_int(s.n, 1, "endless: the one key it saw, once");
}

static void callback_stops(void)
{
	struct seen s = { .stop_after = 2 };
	int ret;

	fill(5);
	ret = bb_map_for_each(&map, collect, &s);
	is_int(ret, 1, "callback stop: its return value comes back");
	is_int(s.n, 2, "callback stop: no call after it");
}

static void other_errors_stop(void)
{
	struct bb_map bad = { .spec = &spec, .fd = MAP_FD + 1 };
	struct seen s = { 0 };

	fill(5);
	is_int(bb_map_for_each(&bad, collect, &s), -EBADF,
	       "GET_NEXT_KEY error other than ENOENT is returned");
	is_int(s.n, 0, "and nothing reported");
	map_release(&bad);
}

int main(void)
{
	fake_install();
	plain_walk();
	empty_walk();
	delete_restarts_walk();
	restart_after_growth();
	lookup_enoent_skipped();
	endless_bounded();
	callback_stops();
	other_errors_stop();
	is_int(fk.unexpected, 0, "no unexpected bpf command");
	map_release(&map);
	fake_reset();
	return done_testing();
}
