/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sort.h - qsort()'s job, smaller: a heapsort.
 *
 * musl's qsort is a smoothsort (fast on sorted input) of about 2 KiB;
 * ours sorts the same arrays (procmon's rows, an object's relocations)
 * in O(n log n) in any case, in a few lines.  Not stable, like qsort.
 */
#ifndef BAREBPF_SORT_H
#define BAREBPF_SORT_H

#include <stddef.h>

void sort(void *base, size_t n, size_t size,
	  int (*cmp)(const void *a, const void *b));

/* The same, with @ctx passed to @cmp (like qsort_r). */
void sort_r(void *base, size_t n, size_t size,
	    int (*cmp)(const void *a, const void *b, void *ctx), void *ctx);

#endif
