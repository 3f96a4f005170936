// SPDX-License-Identifier: GPL-2.0
/*
 * sort.c - heapsort.  First make the array a max-heap (every element is
 * at least as big as its children 2i+1 and 2i+2), then n times: swap the
 * biggest (the root) to the end, shrink the heap by one, and let the new
 * root sink to its place.
 */
#include "elf/base/sort.h"

static void swap(char *a, char *b, size_t size)
{
	char t;

	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Let element @i sink in the heap of the first @n elements. */
static void sink(char *base, size_t i, size_t n, size_t size,
		 int (*cmp)(const void *, const void *, void *), void *ctx)
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size, ctx) < 0)
			child++;	/* the bigger child */
		if (cmp(base + i * size, base + child * size, ctx) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void sort_r(void *base, size_t n, size_t size,
	    int (*cmp)(const void *a, const void *b, void *ctx), void *ctx)
{
	char *b = base;
	size_t i;

	for (i = n / 2; i-- > 0;)
		sink(b, i, n, size, cmp, ctx);
	for (i = n; i-- > 1;) {
		swap(b, b + i * size, size);
		sink(b, 0, i, size, cmp, ctx);
	}
}

/* sort() is sort_r() with the two-argument comparison as its context. */
struct plain_cmp {
	int (*cmp)(const void *a, const void *b);
};

static int call_plain(const void *a, const void *b, void *ctx)
{
	return ((struct plain_cmp *)ctx)->cmp(a, b);
}

void sort(void *base, size_t n, size_t size,
	  int (*cmp)(const void *a, const void *b))
{
	struct plain_cmp p = { cmp };

	sort_r(base, n, size, call_plain, &p);
}
