// SPDX-License-Identifier: GPL-2.0
/*
 * map_walk.c - bb_map_for_each(): every entry of a map, one
 * BPF_MAP_GET_NEXT_KEY and one BPF_MAP_LOOKUP_ELEM each, in the map's own
 * order, and the buffer the walks keep in the map.  A per-CPU map's
 * value is every possible CPU's (map_percpu.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/maps/map.h"

void *map_scratch(const struct bb_map *map, size_t need)
{
	struct bb_map *m = (struct bb_map *)map;
	void *p;

	if (m->walk_cap >= need)
		return m->walk_buf;
	p = realloc(m->walk_buf, need);
	if (!p)
		return NULL;
	m->walk_buf = p;
	m->walk_cap = need;
	return p;
}

void map_release(struct bb_map *map)
{
	free(map->walk_buf);
	map->walk_buf = NULL;
	map->walk_cap = 0;
}

/*
 * One walk.  @keys holds every distinct key met so far, in the order the
 * kernel gave them, then the one being looked at (@n), then the next.
 * @set finds them by hash, to drop repeats: NULL for an array, whose keys
 * are indexes that GET_NEXT_KEY never gives twice.
 */
struct walk {
	const struct bb_map *map;
	size_t ksz;
	uint8_t *value;
	uint8_t *keys;
	uint32_t *set;		/* index + 1 into keys, 0: free */
	uint32_t mask;		/* slots - 1 */
	size_t max_slots;	/* what the buffer has room for */
	size_t n;		/* distinct keys */
};

/* A set starts this small and doubles as keys come (set_grow()). */
#define SET_MIN_SLOTS 64

static size_t round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

/*
 * A hash map restarts from its first key when the key we pass was deleted
 * (or replaced: an update puts a new element at the head of its bucket),
 * so a walk can meet keys again; it is bounded by 2 * max_entries steps,
 * and has room for as many distinct keys plus two (the one being looked
 * at and the next).  The set could grow to one free slot more than that;
 * it starts at SET_MIN_SLOTS and grows with the keys met, so a walk
 * touches memory in proportion to the map's entries, not to its
 * max_entries (procmon's first table: 33 page faults fewer).
 * Laid out as value, keys, set: one buffer, made at the first walk.
 */
static int walk_setup(struct walk *w, const struct bb_map *map, size_t steps)
{
	size_t vsz, slots = 16, ksz_all;
	uint8_t *buf;
	int ret = map_value_bytes(map, &vsz);	/* per-CPU: every CPU's */

	if (ret)
		return ret;
	vsz = round16(vsz);

	w->map = map;
	w->ksz = map->spec->key_size;
	w->n = 0;
	w->set = NULL;
	w->mask = 0;
	if (map->spec->type != BPF_MAP_TYPE_ARRAY)
		while (slots < steps + 2)
			slots *= 2;
	else
		slots = 0;
	if (slots > UINT32_MAX / 2)
		return -EOVERFLOW;
	ksz_all = round16((steps + 2) * w->ksz);
	buf = map_scratch(map, vsz + ksz_all + slots * sizeof(*w->set));
	if (!buf)
		return -ENOMEM;
	w->value = buf;
	w->keys = buf + vsz;
	w->max_slots = slots;
	if (slots) {
		w->set = (uint32_t *)(buf + vsz + ksz_all);
		slots = slots < SET_MIN_SLOTS ? slots : SET_MIN_SLOTS;
		w->mask = slots - 1;
		memset(w->set, 0, slots * sizeof(*w->set));
	}
	return 0;
}

/* FNV-1a, folded: the low bits pick the slot. */
static uint32_t key_hash(const uint8_t *k, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ *k++) * 16777619u;
	return h ^ h >> 15;
}

static uint32_t key_slot(const struct walk *w, size_t i)
{
	return key_hash(w->keys + i * w->ksz, w->ksz) & w->mask;
}

/*
 * Twice the slots, the keys met so far put in again.  Each key's slot is
 * asked for eight keys ahead: at a million keys the set is far larger
 * than the caches.
 */
static void set_grow(struct walk *w)
{
	size_t slots = 2 * ((size_t)w->mask + 1), i;
	uint32_t s;

	w->mask = slots - 1;
	memset(w->set, 0, slots * sizeof(*w->set));
	for (i = 0; i < w->n; i++) {
		if (i + 8 < w->n)
			__builtin_prefetch(&w->set[key_slot(w, i + 8)]);
		for (s = key_slot(w, i); w->set[s]; s = (s + 1) & w->mask)
			;
		w->set[s] = i + 1;
	}
}

/*
 * Was the key at @w->n met before?  If not, it joins the set, which is
 * kept at most a quarter full while it may grow.
 */
static int seen_before(struct walk *w)
{
	const uint8_t *k = w->keys + w->n * w->ksz;
	uint32_t s;

	if ((w->n + 1) * 4 > (size_t)w->mask + 1 &&
	    (size_t)w->mask + 1 < w->max_slots)
		set_grow(w);
	s = key_slot(w, w->n);

	for (; w->set[s]; s = (s + 1) & w->mask)
		if (!memcmp(w->keys + (w->set[s] - 1) * w->ksz, k, w->ksz))
			return 1;
	w->set[s] = w->n + 1;
	return 0;
}

/* The key at @w->n: a repeat is dropped, the next key taking its place. */
static int visit(struct walk *w, bb_map_entry_fn fn, void *ctx)
{
	uint8_t *k = w->keys + w->n * w->ksz;
	int ret;

	if (w->set && seen_before(w)) {
		memcpy(k, k + w->ksz, w->ksz);
		return 0;
	}
	w->n++;
	/*
	 * The set is large (two slots a map entry) and the next key's slot
	 * is a cache miss: ask for it now, it comes while LOOKUP_ELEM and
	 * the next GET_NEXT_KEY run (at 1M entries: 0.88x the bare loop).
	 */
	if (w->set)
		__builtin_prefetch(&w->set[key_hash(k + w->ksz, w->ksz) & w->mask]);
	ret = bb_map_lookup(w->map, k, w->value, 0);
	if (ret == -ENOENT)
		return 0;	/* deleted since GET_NEXT_KEY gave it */
	return ret ? ret : fn(k, w->value, ctx);
}

int bb_map_for_each(const struct bb_map *map, bb_map_entry_fn fn, void *ctx)
{
	size_t steps = 2 * (size_t)map_max_entries(map), calls = 1;
	struct walk w;
	uint8_t *k;
	int ret, r;

	ret = walk_setup(&w, map, steps);
	if (ret)
		return ret;
	ret = bb_map_get_next_key(map, NULL, w.keys);
	while (!ret) {
		/*
		 * The next key before @fn sees this one: @fn may delete it,
		 * and a hash map asked for the key after a deleted one
		 * starts over.  Two calls a key, as a bare loop makes, and
		 * both find the key's bucket warm.
		 */
		k = w.keys + w.n * w.ksz;
		ret = calls++ < steps ? bb_map_get_next_key(map, k, k + w.ksz) : 1;
		r = visit(&w, fn, ctx);
		if (r)
			return r;
	}
	return ret == -ENOENT || ret == 1 ? 0 : ret;
}
