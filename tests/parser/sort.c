// SPDX-License-Identifier: GPL-2.0
/* elf/sort.c against libc's qsort: the same order for the same input. */
#include <stdlib.h>
#include <string.h>

#include "elf/base/sort.h"
#include "tests/tap.h"

struct row {			/* like procmon's rows: 40 bytes, a key */
	unsigned key;
	char rest[36];
};

static int by_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* @n rows with keys from @gen; sorted by both, the keys must agree. */
static int same_order(size_t n, unsigned (*gen)(size_t i))
{
	struct row *a = calloc(n + 1, sizeof(*a)), *b = calloc(n + 1, sizeof(*b));
	size_t i;
	int same = 1;

	for (i = 0; i < n; i++)
		a[i].key = b[i].key = gen(i);
	sort(a, n, sizeof(*a), by_key);
	qsort(b, n, sizeof(*b), by_key);
	for (i = 0; i < n; i++)
		same &= a[i].key == b[i].key;
	free(a);
	free(b);
	return same;
}

static unsigned random_key(size_t i) { (void)i; return rand() % 1000; }
static unsigned ascending(size_t i) { return i; }
static unsigned descending(size_t i) { return 100000 - i; }
static unsigned all_equal(size_t i) { (void)i; return 7; }

int main(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 10, 1000, 10240 };
	size_t i;

	srand(1);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ok(same_order(sizes[i], random_key), "%zu random keys", sizes[i]);
		ok(same_order(sizes[i], ascending), "%zu ascending", sizes[i]);
		ok(same_order(sizes[i], descending), "%zu descending", sizes[i]);
		ok(same_order(sizes[i], all_equal), "%zu equal keys", sizes[i]);
	}
	return done_testing();
}
