/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map_api.h - what map_api.c (barebpf) and map_api_libbpf.c (libbpf)
 * share: how they print each call's result, so that the two print the
 * same lines for the same kernel answers (the test compares them).
 */
#ifndef MAP_API_EXAMPLE_H
#define MAP_API_EXAMPLE_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAP_NAME	"map_api_demo"
#define MAX_KEYS	8	/* max_entries */

/* "EEXIST" for -EEXIST: the errnos these calls give. */
static inline const char *err_name(int ret)
{
	switch (-ret) {
	case EEXIST: return "EEXIST";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case E2BIG: return "E2BIG";
	case ENOTSUP: return "ENOTSUP";
	}
	return "?";
}

/* One call and what the kernel said: "ok" or "-EEXIST (File exists)". */
static inline int show(const char *what, int ret)
{
	if (ret)
		printf("%-44s -> -%s (%s)\n", what, err_name(ret),
		       strerror(-ret));
	else
		printf("%-44s -> ok\n", what);
	return ret;
}

/* A lookup: its result, and the value found. */
static inline void show_value(const char *what, int ret, uint64_t value)
{
	if (show(what, ret) == 0)
		printf("%-44s    value %llu\n", "", (unsigned long long)value);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The keys a get-next-key walk found, sorted: a hash map hands them out in
 * its buckets' order, which a random seed per map decides, so two runs
 * (or the two programs) walk in different orders.
 */
static inline void show_keys(uint32_t *keys, int n)
{
	int i;

	qsort(keys, n, sizeof(*keys), cmp_u32);
	printf("%-44s    %d keys:", "", n);
	for (i = 0; i < n; i++)
		printf(" %u", keys[i]);
	printf("\n");
}

#endif
