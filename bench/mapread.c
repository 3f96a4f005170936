// SPDX-License-Identifier: GPL-2.0
/*
 * mapread - how fast can we read a map of N entries, against the kernel's
 * floor?
 *
 *	mapread N hash|array [ROUNDS [PIN]]
 *
 * Fills a map (u32 key -> u64 value, max_entries N) with N entries, then
 * reads it all (a map under 100000 entries: as many times as make
 * 100000 entries), ROUNDS times (default 3) each way, the ways taking turns
 * within a round (the per-key ways, then the batch ways): bb_map_for_each() (GET_NEXT_KEY + LOOKUP_ELEM per
 * entry), bb_map_for_each_batch() (BPF_MAP_LOOKUP_BATCH, its default
 * batch size), and against them the kernel's floor: a raw tight loop of
 * bpf(2) calls (syscall(), no wrapper, no callback) doing the same per
 * key, and a raw LOOKUP_BATCH loop at each batch size from 64 to 65536.
 * On a shared machine the load drifts: each ratio is taken within a round
 * (the two reads ran back to back) and the median over the rounds is
 * printed, the raw batch loop at the size whose median rate is best.
 * Times are the CPU time of the reading thread (user and system): other
 * processes on the machine do not count, their cache traffic does.
 * Prints one line:
 *	N TYPE perkey/s raw_perkey/s perkey_ratio
 *	  batch/s raw_batch/s raw_best_batch batch_ratio
 * (rates are medians).  With PIN, the map is then pinned there (a bpffs
 * path) so that another tool (bpftool map dump pinned PIN) can read the
 * same map; the caller removes the pin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "elf/base/sort.h"
#include "loader/maps/map_batch.h"
#include "loader/sys/sys.h"

#define MAX_ROUNDS 15
#define NR_SIZES 6	/* raw batch sizes: 64, 256, ... 65536 */

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int count(const void *key, const void *value, void *ctx)
{
	(void)key;
	(void)value;
	++*(long *)ctx;
	return 0;
}

static long raw_bpf(int cmd, union bpf_attr *a)
{
	return syscall(__NR_bpf, cmd, a, sizeof(*a));
}

/* GET_NEXT_KEY + LOOKUP_ELEM, nothing else: entries seen. */
static long raw_per_key(int fd)
{
	union bpf_attr a;
	uint32_t key, next;
	uint64_t val;
	long seen = 0;
	void *prev = NULL;

	for (;;) {
		memset(&a, 0, sizeof(a));
		a.map_fd = fd;
		a.key = (uintptr_t)prev;
		a.next_key = (uintptr_t)&next;
		if (raw_bpf(BPF_MAP_GET_NEXT_KEY, &a))
			return seen;
		key = next;
		prev = &key;
		memset(&a, 0, sizeof(a));
		a.map_fd = fd;
		a.key = (uintptr_t)&key;
		a.value = (uintptr_t)&val;
		seen += !raw_bpf(BPF_MAP_LOOKUP_ELEM, &a);
	}
}

/* LOOKUP_BATCH, @batch entries a call, until ENOENT: entries seen. */
static long raw_batch(int fd, uint32_t batch, uint32_t *keys, uint64_t *vals)
{
	union bpf_attr a;
	uint64_t in = 0, out = 0;	/* opaque positions: a bucket or a key */
	long seen = 0, r;
	int first = 1;

	for (;;) {
		memset(&a, 0, sizeof(a));
		a.batch.map_fd = fd;
		a.batch.in_batch = first ? 0 : (uintptr_t)&in;
		a.batch.out_batch = (uintptr_t)&out;
		a.batch.keys = (uintptr_t)keys;
		a.batch.values = (uintptr_t)vals;
		a.batch.count = batch;
		r = raw_bpf(BPF_MAP_LOOKUP_BATCH, &a);
		seen += a.batch.count;
		if (r)
			return seen;
		in = out;
		first = 0;
	}
}

/* One way to read the whole map, and its rate in each round. */
struct way {
	int raw;		/* a bare bpf(2) loop, not the library */
	uint32_t batch;		/* 0: per key; raw: entries a call */
	double rate[MAX_ROUNDS];	/* entries/s */
};

struct bench {
	const struct bb_map *map;
	long n;
	long reps;		/* reads a measurement */
	uint32_t *keys;		/* raw batch: room for 65536 of each */
	uint64_t *vals;
};

/* One read of the whole map by @w: the entries seen, or -1. */
static long read_all(const struct bench *b, const struct way *w)
{
	long seen = 0;

	if (w->raw)
		return w->batch ? raw_batch(b->map->fd, w->batch, b->keys, b->vals) :
				  raw_per_key(b->map->fd);
	if (w->batch ? bb_map_for_each_batch(b->map, 0, count, &seen) :
		       bb_map_for_each(b->map, count, &seen))
		return -1;
	return seen;
}

/*
 * Entries per CPU second of @b->reps reads, or -1 if one did not see
 * every entry.  CPU time of this thread, system time included: the
 * machine's other work does not count, and a small map is read often
 * enough to outlast the odd interrupt.
 */
static double rate(const struct bench *b, const struct way *w)
{
	double t = now_s();
	long i;

	for (i = 0; i < b->reps; i++)
		if (read_all(b, w) != b->n)
			return -1;
	return b->n * b->reps / (now_s() - t);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double s[MAX_ROUNDS];

	memcpy(s, v, n * sizeof(*s));
	sort(s, n, sizeof(*s), by_value);
	return s[n / 2];
}

/* Median over the rounds of @a's rate / @b's, each taken in one round. */
static double paired(const struct way *a, const struct way *b, int rounds)
{
	double r[MAX_ROUNDS];
	int i;

	for (i = 0; i < rounds; i++)
		r[i] = a->rate[i] / b->rate[i];
	return median(r, rounds);
}

static int fill(struct bb_map *m, long n)
{
	uint64_t v;
	uint32_t k;

	for (k = 0; k < n; k++) {
		v = k;
		if (bb_map_update(m, &k, &v, BPF_ANY)) {
			fprintf(stderr, "mapread: update of key %u failed\n", k);
			return 1;
		}
	}
	return 0;
}

/* @nr ways, @rounds rounds, each round in another order. */
static int measure(const struct bench *b, struct way *w, int nr, int rounds)
{
	int r, i, j;

	for (r = 0; r < rounds; r++)
		for (j = 0; j < nr; j++) {
			i = (j + r) % nr;
			w[i].rate[r] = rate(b, &w[i]);
			if (w[i].rate[r] <= 0) {
				fprintf(stderr, "mapread: a read missed entries\n");
				return 1;
			}
		}
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[1]) : 0;
	int array = argc > 2 && !strcmp(argv[2], "array");
	int rounds = argc > 3 ? atoi(argv[3]) : 3, i, best = 2;
	struct map_spec spec = { .name = "bb_bench_read", .key_size = 4, .value_size = 8 };
	struct bb_map m = { .spec = &spec, .fd = -1 };
	struct bb_err err = { 0 };
	struct way w[4 + NR_SIZES] = {
		{ 0 }, { .raw = 1 }, { .batch = 1 },
	};
	struct bench b = { .map = &m, .n = n, .reps = n < 100000 ? 100000 / n : 1 };

	if (n < 1 || rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: mapread N hash|array [ROUNDS (1-%d) [PIN]]\n",
			MAX_ROUNDS);
		return 2;
	}
	spec.type = array ? BPF_MAP_TYPE_ARRAY : BPF_MAP_TYPE_HASH;
	spec.max_entries = n;
	for (i = 0; i < NR_SIZES; i++)
		w[3 + i] = (struct way){ .raw = 1, .batch = 64u << (2 * i) };
	b.keys = calloc(65536, sizeof(*b.keys));
	b.vals = calloc(65536, sizeof(*b.vals));
	if (!b.keys || !b.vals || map_create(&m, &err)) {
		fprintf(stderr, "mapread: %s\n", err.msg[0] ? err.msg : "out of memory");
		return 1;
	}
	/*
	 * Per key, then in batches: a batch read follows other batch reads,
	 * whose cache it finds as the raw loops find it.
	 */
	if (fill(&m, n) || measure(&b, w, 2, rounds) ||
	    measure(&b, w + 2, 1 + NR_SIZES, rounds))
		return 1;
	for (i = 3; i < 3 + NR_SIZES; i++) {
		if (getenv("MAPREAD_SIZES"))
			fprintf(stderr, "raw batch %u: %.0f/s\n", w[i].batch,
				median(w[i].rate, rounds));
		if (median(w[i].rate, rounds) > median(w[best].rate, rounds) || best == 2)
			best = i;
	}
	printf("%ld %s %.0f %.0f %.2f %.0f %.0f %u %.2f\n", n, argv[2],
	       median(w[0].rate, rounds), median(w[1].rate, rounds),
	       paired(&w[0], &w[1], rounds), median(w[2].rate, rounds),
	       median(w[best].rate, rounds), w[best].batch,
	       paired(&w[2], &w[best], rounds));
	if (argc > 4 && sys_obj_pin(m.fd, argv[4])) {
		fprintf(stderr, "mapread: cannot pin at %s\n", argv[4]);
		return 1;
	}
	return 0;
}
