// SPDX-License-Identifier: GPL-2.0
/*
 * mapread - how fast can we read a hash map of N entries?
 *
 *	mapread N [PIN]
 *
 * Fills a hash map (u32 key -> u64 value, max_entries N) with N entries,
 * then reads it all three times each way: bb_map_for_each() (GET_NEXT_KEY +
 * LOOKUP_ELEM per entry) and bb_map_for_each_batch() (BPF_MAP_LOOKUP_BATCH,
 * MAP_BATCH_DEFAULT entries a call), and against them the kernel's floor:
 * a raw tight loop of bpf(2) calls (syscall(), no wrapper, no callback)
 * doing the same per key, and a raw LOOKUP_BATCH loop at each batch size
 * from 64 to 65536 entries, the best kept.  Prints the best of each, as
 *	N perkey_ms batch_ms perkey_entries_per_s batch_entries_per_s
 *	  raw_perkey_entries_per_s raw_batch_entries_per_s raw_best_batch
 * With PIN, the map is then pinned there (a bpffs path) so that another
 * tool (bpftool map dump pinned PIN) can read the same map; the caller
 * removes the pin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "loader/maps/map_batch.h"
#include "loader/sys/sys.h"

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
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
	uint64_t in = 0, out = 0;	/* opaque positions, 8 bytes (hash: 4) */
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

/* One way to read the whole map. */
struct way {
	const struct bb_map *map;
	int raw;		/* a bare bpf(2) loop, not the library */
	uint32_t batch;		/* 0: per key; raw: entries a call */
	uint32_t *keys;		/* raw batch: room for @batch of each */
	uint64_t *vals;
};

/* One read of the whole map by @w: the entries seen, or -1. */
static long read_all(const struct way *w)
{
	long seen = 0;

	if (w->raw)
		return w->batch ? raw_batch(w->map->fd, w->batch, w->keys, w->vals) :
				  raw_per_key(w->map->fd);
	if (w->batch ? bb_map_for_each_batch(w->map, 0, count, &seen) :
		       bb_map_for_each(w->map, count, &seen))
		return -1;
	return seen;
}

/* Best of three reads: seconds, or -1 if one did not see every entry. */
static double best_of_3(const struct way *w, long n)
{
	double best = 1e9, t;
	int i;

	for (i = 0; i < 3; i++) {
		t = now_s();
		if (read_all(w) != n)
			return -1;
		t = now_s() - t;
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0;
	struct map_spec spec = { .name = "bb_bench_read", .type = BPF_MAP_TYPE_HASH,
				 .key_size = 4, .value_size = 8 };
	struct bb_map m = { .spec = &spec, .fd = -1 };
	struct bb_err err = { 0 };
	double per_key, batch, raw_key, raw_b = 1e9, t;
	uint32_t *keys, bs, best_bs = 0;
	uint64_t *vals;
	uint64_t v;
	uint32_t k;

	if (n < 1) {
		fprintf(stderr, "usage: mapread N [PIN]\n");
		return 2;
	}
	spec.max_entries = n;
	if (map_create(&m, &err)) {
		fprintf(stderr, "mapread: %s\n", err.msg);
		return 1;
	}
	for (k = 0; k < n; k++) {
		v = k;
		if (bb_map_update(&m, &k, &v, BPF_ANY)) {
			fprintf(stderr, "mapread: update of key %u failed\n", k);
			return 1;
		}
	}
	per_key = best_of_3(&(struct way){ .map = &m }, n);
	batch = best_of_3(&(struct way){ .map = &m, .batch = 1 }, n);
	if (per_key <= 0 || batch <= 0) {
		fprintf(stderr, "mapread: a read missed entries\n");
		return 1;
	}
	raw_key = best_of_3(&(struct way){ .map = &m, .raw = 1 }, n);
	keys = calloc(65536, sizeof(*keys));
	vals = calloc(65536, sizeof(*vals));
	for (bs = 64; keys && vals && bs <= 65536; bs *= 4) {
		t = best_of_3(&(struct way){ .map = &m, .raw = 1, .batch = bs,
					     .keys = keys, .vals = vals }, n);
		if (t > 0 && t < raw_b) {
			raw_b = t;
			best_bs = bs;
		}
	}
	printf("%ld %.2f %.2f %.0f %.0f %.0f %.0f %u\n", n, per_key * 1e3, batch * 1e3,
	       n / per_key, n / batch, raw_key > 0 ? n / raw_key : 0,
	       best_bs ? n / raw_b : 0, best_bs);
	if (argc > 2 && sys_obj_pin(m.fd, argv[2])) {
		fprintf(stderr, "mapread: cannot pin at %s\n", argv[2]);
		return 1;
	}
	return 0;
}
