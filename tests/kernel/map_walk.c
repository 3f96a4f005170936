// SPDX-License-Identifier: GPL-2.0
/*
 * map_walk - bb_map_for_each() on real kernel maps that change under it.
 *
 * The walk asks, per key, what a bare loop asks: BPF_MAP_GET_NEXT_KEY for
 * the key after this one, then BPF_MAP_LOOKUP_ELEM of this one, in the
 * map's own order (an array: its indexes).  The next key is asked before
 * the callback sees this one, so a callback that deletes its key does not
 * make a hash map start over.  Keys the kernel gives again (it starts over
 * after a deleted key; an update moves a key to the head of its bucket)
 * are reported once.  Every map here is our own (made by the test), so
 * the machine's other BPF users do not matter.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/barebpf.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define N 1000

/* The bpf() commands the walk made, in order (the test's own calls too). */
static char cmds[64 * N];
static size_t nr_cmds;

static long counting(long nr, long a1, long a2, long a3, long a4, long a5,
		     long a6)
{
	if (nr == __NR_bpf && nr_cmds < sizeof(cmds))
		cmds[nr_cmds++] = a1 == BPF_MAP_GET_NEXT_KEY ? 'G' :
				  a1 == BPF_MAP_LOOKUP_ELEM ? 'L' : 'o';
	return sys_call_real(nr, a1, a2, a3, a4, a5, a6);
}

struct walk {
	const struct bb_map *map;
	uint8_t seen[4 * N];	/* per key: times reported */
	uint32_t order[N];	/* keys as reported */
	int n, bad;
	int what;		/* what the callback does to the map */
	uint32_t deleted;	/* DELETE_NEXT: the key it deleted */
};

enum { NOTHING, DELETE_SELF, DELETE_NEXT, UPDATE_NEXT };

static int on_entry(const void *key, const void *value, void *ctx)
{
	struct walk *w = ctx;
	uint32_t k, other;
	uint64_t v;

	memcpy(&k, key, 4);
	memcpy(&v, value, 8);
	if (k >= 4 * N || v != 3ull * k + 1)
		return w->bad++, 0;
	if (w->n < N)
		w->order[w->n] = k;
	w->seen[k]++;
	w->n++;
	if (w->what == DELETE_SELF && bb_map_delete(w->map, &k))
		w->bad++;
	/*
	 * The key after this one, which the walk already holds: deleted
	 * (once, half way: the walk starts over from the first key), or
	 * rewritten (every time: a new element at the head of its bucket,
	 * ahead of the bucket's keys already reported).
	 */
	if (w->what == NOTHING || w->what == DELETE_SELF ||
	    bb_map_get_next_key(w->map, &k, &other))
		return 0;
	if (w->what == DELETE_NEXT && w->n == N / 2) {
		w->deleted = other;
		if (bb_map_delete(w->map, &other))
			w->bad++;
	}
	v = 3ull * other + 1;
	if (w->what == UPDATE_NEXT && bb_map_update(w->map, &other, &v, BPF_EXIST))
		w->bad++;
	return 0;
}

static struct bb_map *filled(uint32_t type, uint32_t n)
{
	struct bb_err err = { 0 };
	struct bb_map *m = NULL;
	uint64_t v;
	uint32_t k;

	if (bb_map_create(&m, type, "bb_test_walk", 4, 8, n, 0, &err)) {
		diag("%s", err.msg);
		return NULL;
	}
	for (k = 0; k < n; k++) {
		v = 3ull * k + 1;
		if (bb_map_update(m, &k, &v, BPF_ANY)) {
			bb_map_close(m);
			return NULL;
		}
	}
	return m;
}

static int count_of(const struct walk *w, uint32_t lo, uint32_t step, int want)
{
	uint32_t k;

	for (k = lo; k < N; k += step)
		if (w->seen[k] != want)
			return 0;
	return 1;
}

/*
 * G, then G L per key: the first key, then for each key the one after it
 * and its lookup, with nothing between (the last G says ENOENT).
 */
static int interleaved(size_t from, int n)
{
	int i;

	if (nr_cmds - from != 2 * (size_t)n + 1 || cmds[from] != 'G')
		return 0;
	for (i = 1; i < 2 * n + 1; i++)
		if (cmds[from + i] != (i & 1 ? 'G' : 'L'))
			return 0;
	return 1;
}

static void plain(uint32_t type, const char *name)
{
	struct bb_map *m = filled(type, N);
	struct walk *w = calloc(1, sizeof(*w));
	size_t from;
	int i, in_order = 1;

	if (!ok(m && w, "%s: %d entries", name, N))
		goto out;
	w->map = m;
	from = nr_cmds;
	ok(!bb_map_for_each(m, on_entry, w), "%s: walk returns 0", name);
	ok(w->n == N && !w->bad && count_of(w, 0, 1, 1),
	   "%s: every key once, with its value", name);
	ok(interleaved(from, N),
	   "%s: per key one GET_NEXT_KEY then one LOOKUP_ELEM, as a bare loop (2n+1 calls)",
	   name);
	for (i = 0; i < N; i++)
		in_order &= w->order[i] == (uint32_t)i;
	if (type == BPF_MAP_TYPE_ARRAY)
		ok(in_order, "array: keys in index order (the map's own)");
out:
	free(w);
	bb_map_close(m);
}

static int gets_since(size_t from)
{
	int n = 0;

	for (; from < nr_cmds; from++)
		n += cmds[from] == 'G';
	return n;
}

static void changing(int what, const char *name)
{
	struct bb_map *m = filled(BPF_MAP_TYPE_HASH, N);
	struct walk *w = calloc(1, sizeof(*w));
	uint32_t k = 0;
	size_t from;

	if (!ok(m && w, "%s: %d entries", name, N))
		goto out;
	w->map = m;
	w->what = what;
	from = nr_cmds;
	ok(!bb_map_for_each(m, on_entry, w) && !w->bad, "%s: walk returns 0, values right", name);
	switch (what) {
	case DELETE_SELF:
		ok(count_of(w, 0, 1, 1), "%s: every key once", name);
		ok(bb_map_get_next_key(m, NULL, &k) == -ENOENT, "%s: the map is empty", name);
		break;
	case DELETE_NEXT:
		/* Without starting over: N + 1 by the walk, N by the callback. */
		ok(gets_since(from) > 2 * N + N / 4,
		   "%s: the kernel started over (%d GET_NEXT_KEY by the walk and the callback)",
		   name, gets_since(from));
		w->seen[w->deleted]++;	/* counted as if reported */
		ok(count_of(w, 0, 1, 1), "%s: every other key once, the deleted key not at all",
		   name);
		break;
	case UPDATE_NEXT:
		ok(count_of(w, 0, 1, 1), "%s: every key once, though updates moved them", name);
		break;
	}
out:
	free(w);
	bb_map_close(m);
}

int main(void)
{
	if (geteuid() != 0)
		return skip_all("needs root");
	sys_call = counting;
	plain(BPF_MAP_TYPE_HASH, "hash");
	plain(BPF_MAP_TYPE_ARRAY, "array");
	changing(DELETE_SELF, "callback deletes its key");
	changing(DELETE_NEXT, "callback deletes the next key");
	changing(UPDATE_NEXT, "callback rewrites the next key");
	sys_call = sys_call_real;
	return done_testing();
}
