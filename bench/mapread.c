// SPDX-License-Identifier: GPL-2.0
/*
 * mapread - how fast can we read a hash map of N entries?
 *
 *	mapread N [PIN]
 *
 * Fills a hash map (u32 key -> u64 value, max_entries N) with N entries,
 * then reads it all three times each way: bb_map_for_each() (GET_NEXT_KEY +
 * LOOKUP_ELEM per entry) and bb_map_for_each_batch() (BPF_MAP_LOOKUP_BATCH,
 * MAP_BATCH_DEFAULT entries a call).  Prints the best of each, as
 *	N perkey_ms batch_ms perkey_entries_per_s batch_entries_per_s
 * With PIN, the map is then pinned there (a bpffs path) so that another
 * tool (bpftool map dump pinned PIN) can read the same map; the caller
 * removes the pin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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

/* Best of three reads: seconds, or -1 if one did not see every entry. */
static double best_of_3(const struct bb_map *m, int batch, long n)
{
	double best = 1e9, t;
	long seen;
	int i;

	for (i = 0; i < 3; i++) {
		seen = 0;
		t = now_s();
		if (batch ? bb_map_for_each_batch(m, 0, count, &seen) :
			    bb_map_for_each(m, count, &seen))
			return -1;
		t = now_s() - t;
		if (seen != n)
			return -1;
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
	double per_key, batch;
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
	per_key = best_of_3(&m, 0, n);
	batch = best_of_3(&m, 1, n);
	if (per_key <= 0 || batch <= 0) {
		fprintf(stderr, "mapread: a read missed entries\n");
		return 1;
	}
	printf("%ld %.2f %.2f %.0f %.0f\n", n, per_key * 1e3, batch * 1e3,
	       n / per_key, n / batch);
	if (argc > 2 && sys_obj_pin(m.fd, argv[2])) {
		fprintf(stderr, "mapread: cannot pin at %s\n", argv[2]);
		return 1;
	}
	return 0;
}
