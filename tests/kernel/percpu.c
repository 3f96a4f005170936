// SPDX-License-Identifier: GPL-2.0
/*
 * percpu.c - per-CPU maps from user space (loader/barebpf.h): one value
 * slot per possible CPU, each rounded up to 8 bytes.
 *
 * kernel/test/percpu.bpf.o's "syscall" program counts on the CPU it runs
 * on; we pin ourselves to each CPU we may run on in turn and run it there
 * (BPF_PROG_RUN runs it on the caller's CPU) once on the first, twice on
 * the second..., so every CPU's slot has a count of its own, checked
 * exactly through bb_map_for_each(), bb_map_for_each_batch() and
 * bb_map_lookup(); then bb_map_update() writes every CPU's slot.  The
 * maps are our object's: other BPF users on the machine do not matter.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/barebpf.h"
#include "tests/kernel/attach.h"
#include "tests/tap.h"

#define MAX_RUN_CPUS 8	/* CPUs we run on: 1 + ... + 8 runs at most */

static int ncpus;		/* possible CPUs */
static uint32_t runs[CPU_SETSIZE];	/* per CPU: runs of the program */

/* The possible CPUs as sysfs lists them: the last number, plus one. */
static int possible_from_sysfs(void)
{
	char text[4096];
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	char *p;

	if (f)
		fclose(f);
	text[n] = '\0';
	while (n && (text[n - 1] < '0' || text[n - 1] > '9'))
		text[--n] = '\0';
	for (p = text + n; p > text && p[-1] >= '0' && p[-1] <= '9'; p--)
		;
	return n ? atoi(p) + 1 : -1;
}

/* Run the program on the CPUs we may use: the k-th of them k + 1 times. */
static int run_on_cpus(const struct bb_prog *prog, int *used)
{
	cpu_set_t all, one;
	struct bb_err err = { 0 };
	uint32_t retval;
	int c, k = 0, i, ret = 0;

	if (sched_getaffinity(0, sizeof(all), &all))
		return -errno;
	for (c = 0; c < CPU_SETSIZE && k < MAX_RUN_CPUS && !ret; c++) {
		if (!CPU_ISSET(c, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(c, &one);
		if (sched_setaffinity(0, sizeof(one), &one))
			continue;	/* went offline meanwhile */
		for (i = 0; i <= k && !ret; i++)
			ret = bb_prog_run(prog, NULL, 0, &retval, &err);
		runs[c] = ++k;
	}
	if (ret)
		diag("%s", err.msg);
	sched_setaffinity(0, sizeof(all), &all);
	*used = k;
	return ret;
}

struct seen {
	const struct bb_map *map;
	int entries, bad;
};

/* Slot @c of @value, as its map's value type (8 or 4 bytes). */
static uint64_t slot(const struct bb_map *map, const void *value, int c)
{
	const void *p = bb_map_cpu_value(map, value, c);
	uint64_t v64 = UINT64_MAX;
	uint32_t v32;

	if (p && bb_map_value_size(map) == 4) {
		memcpy(&v32, p, 4);
		return v32;
	}
	if (p)
		memcpy(&v64, p, 8);
	return v64;
}

/* hits: key 0 never counted, key 1 counted; by_key: key 7 counted. */
static int check_entry(const void *key, const void *value, void *ctx)
{
	struct seen *s = ctx;
	uint32_t k;
	int c;

	memcpy(&k, key, 4);
	for (c = 0; c < ncpus; c++) {
		uint64_t want = k == 0 ? 0 : runs[c];

		if (slot(s->map, value, c) != want) {
			diag("%s key %u: CPU %d holds %llu, not %llu",
			     bb_map_name(s->map), k, c,
			     (unsigned long long)slot(s->map, value, c),
			     (unsigned long long)want);
			s->bad++;
		}
	}
	if (bb_map_cpu_value(s->map, value, ncpus))
		s->bad++;	/* no slot past the last possible CPU */
	s->entries++;
	return 0;
}

static void check_walks(const struct bb_map *m, int want_entries)
{
	struct seen s = { .map = m };
	int ret;

	ret = bb_map_for_each(m, check_entry, &s);
	ok(ret == 0 && s.entries == want_entries && !s.bad,
	   "bb_map_for_each(%s): %d entries, every CPU's slot exact (ret %d, %d entries, %d wrong)",
	   bb_map_name(m), want_entries, ret, s.entries, s.bad);
	s = (struct seen){ .map = m };
	ret = bb_map_for_each_batch(m, 0, check_entry, &s);
	ok(ret == 0 && s.entries == want_entries && !s.bad,
	   "bb_map_for_each_batch(%s): the same (ret %d, %d entries, %d wrong)",
	   bb_map_name(m), ret, s.entries, s.bad);
}

/* bb_map_update() takes one slot per possible CPU, as lookups give them. */
static void check_update(const struct bb_map *m, uint32_t key)
{
	size_t bytes = bb_map_value_bytes(m);
	uint8_t *in = calloc(1, bytes), *out = calloc(1, bytes);
	uint64_t v;
	int c, ret, bad = 0;

	for (c = 0; in && c < ncpus; c++) {
		v = 1000 + c;
		memcpy(bb_map_cpu_value(m, in, c), &v, bb_map_value_size(m));
	}
	ret = in && out ? bb_map_update(m, &key, in, BB_ANY) : -ENOMEM;
	if (!ret)
		ret = bb_map_lookup(m, &key, out, 0);
	for (c = 0; !ret && c < ncpus; c++)
		bad += slot(m, out, c) != 1000u + c;
	ok(ret == 0 && !bad,
	   "bb_map_update(%s, key %u) then bb_map_lookup: CPU c's slot holds 1000 + c (ret %d, %d wrong)",
	   bb_map_name(m), key, ret, bad);
	free(in);
	free(out);
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	const struct bb_map *hits, *by_key;
	char path[PATH_MAX];
	int ret, used = 0;

	ncpus = bb_possible_cpus();
	ok(ncpus > 0 && ncpus == possible_from_sysfs(),
	   "bb_possible_cpus(): %d, the last possible CPU in sysfs + 1 (%d)",
	   ncpus, possible_from_sysfs());
	if (ncpus <= 0 || ncpus > CPU_SETSIZE)
		return done_testing();
	attach_obj_path("percpu", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "load percpu.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	hits = bb_object_find_map(o, "hits");
	by_key = bb_object_find_map(o, "by_key");
	is_int(bb_map_value_bytes(hits), 8L * ncpus,
	       "bb_map_value_bytes(hits): 8 bytes a possible CPU");
	is_int(bb_map_value_bytes(by_key), 8L * ncpus,
	       "bb_map_value_bytes(by_key): its 4-byte value padded to 8, a CPU");

	ret = run_on_cpus(bb_object_find_prog(o, "count"), &used);
	ok(ret == 0 && used > 0, "ran the program on %d CPUs, pinned to each (ret %d)",
	   used, ret);
	check_walks(hits, 2);
	check_walks(by_key, 1);
	check_update(hits, 0);
	check_update(by_key, 3);
	bb_object_close(o);
	return done_testing();
}
