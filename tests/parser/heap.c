// SPDX-License-Identifier: GPL-2.0
/*
 * The static tools' allocator (loader/static/heap.c), beside this test's
 * own libc malloc: random sequences of alloc, calloc, realloc and free in
 * which every live block carries a pattern that must survive (so blocks
 * never overlap and realloc keeps contents), alignment, reuse, large
 * blocks going back to the kernel, and the failures: sizes too large,
 * calloc's overflow, a kernel that refuses.
 *
 * The test rule links only this file and libbarebpf_internal.a, and
 * heap.c is in neither on purpose (only the musl tools link it), so we
 * include it.  Its functions are heap_*: this program's malloc stays
 * glibc's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/static/heap.c"
#include "tests/tap.h"

#define SLOTS	400
#define ROUNDS	20000

struct slot {
	unsigned char *p;
	size_t n;
	unsigned seed;
};

static struct slot slots[SLOTS];

static unsigned char pattern(unsigned seed, size_t i)
{
	return (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

static void fill(struct slot *s, size_t from)
{
	size_t i;

	for (i = from; i < s->n; i++)
		s->p[i] = pattern(s->seed, i);
}

/* Are the first @n bytes of the block still the slot's pattern? */
static int intact(const struct slot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s->p[i] != pattern(s->seed, i))
			return 0;
	return 1;
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Mostly small sizes, some up to the largest small block, a few large. */
static size_t random_size(void)
{
	switch (rand() % 16) {
	case 0:
		return 16384 + rand() % (256 * 1024);
	case 1: case 2: case 3:
		return rand() % 20000;
	default:
		return rand() % 300;
	}
}

static int aligned(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

/* No two live blocks share a byte. */
static int disjoint(void)
{
	int i, j;

	for (i = 0; i < SLOTS; i++)
		for (j = i + 1; j < SLOTS; j++) {
			const struct slot *a = &slots[i], *b = &slots[j];

			if (a->p && b->p && a->p < b->p + b->n && b->p < a->p + a->n)
				return 0;
		}
	return 1;
}

/* Random alloc/calloc/realloc/free; counts what went wrong. */
static void random_rounds(void)
{
	int r, bad_pattern = 0, bad_align = 0, bad_zero = 0, failed = 0;
	int overlaps = 0, reallocs = 0;

	for (r = 0; r < ROUNDS; r++) {
		struct slot *s = &slots[rand() % SLOTS];
		size_t n = random_size();

		if (!s->p) {
			int zeroed = rand() % 2;

			s->p = zeroed ? heap_calloc(1, n) : heap_alloc(n);
			if (!s->p) {
				failed++;
				continue;
			}
			if (zeroed && !all_zero(s->p, n))
				bad_zero++;
			s->n = n;
			s->seed = rand();
			fill(s, 0);
		} else if (rand() % 2) {
			unsigned char *q;
			size_t keep = n < s->n ? n : s->n;

			if (!intact(s, s->n))
				bad_pattern++;
			q = heap_realloc(s->p, n);
			if (!q) {
				failed++;
				continue;
			}
			s->p = q;
			if (!intact(s, keep))
				bad_pattern++;
			s->n = n;
			fill(s, keep);
			reallocs++;
		} else {
			if (!intact(s, s->n))
				bad_pattern++;
			heap_free(s->p);
			s->p = NULL;
		}
		if (s->p && !aligned(s->p))
			bad_align++;
		if (r % 4000 == 0 && !disjoint())
			overlaps++;
	}
	ok(!failed, "%d rounds of alloc/calloc/realloc/free: no failure (%d)",
	   ROUNDS, failed);
	ok(!bad_pattern, "every block kept its bytes, across %d reallocs too (%d bad)",
	   reallocs, bad_pattern);
	ok(!bad_align, "every block is 16-byte aligned (%d not)", bad_align);
	ok(!bad_zero, "every calloc block is zero, reused ones too (%d not)", bad_zero);
	ok(!overlaps && disjoint(), "no two live blocks overlap");
	for (r = 0; r < SLOTS; r++) {
		if (slots[r].p && !intact(&slots[r], slots[r].n))
			bad_pattern++;
		heap_free(slots[r].p);
		slots[r].p = NULL;
	}
	ok(!bad_pattern, "and still had them when freed at the end");
}

/* A block of @n bytes: aligned, and every byte of it writable. */
static int usable(size_t n)
{
	unsigned char *p = heap_alloc(n);

	if (!p || !aligned(p))
		return 0;
	memset(p, 0xa5, n);
	heap_free(p);
	return 1;
}

/* Every size from 0 to past the largest small block, and some large. */
static void every_size(void)
{
	int bad = 0;
	size_t n;

	for (n = 0; n < 20000; n++)
		bad += !usable(n);
	for (n = 16000; n < 4 << 20; n = n * 3 + 1)
		bad += !usable(n);
	ok(!bad, "malloc of every size 0..19999 and of large ones: aligned, usable");
}

static void reuse_and_keep(void)
{
	char *p = heap_alloc(100), *q;

	heap_free(p);
	q = heap_alloc(100);
	ok(q == p, "a freed small block serves the next request of its size");
	memset(q, 0xff, 100);
	heap_free(q);
	q = heap_calloc(10, 10);
	ok(q == p && all_zero((unsigned char *)q, 100),
	   "calloc zeroes a reused block");
	ok(heap_realloc(q, 10) == q, "realloc to a smaller size keeps the block");
	ok(heap_realloc(q, 112) == q, "realloc that still fits keeps the block");
	p = heap_realloc(q, 113);
	ok(p && p != q, "realloc past the block moves it");
	heap_free(p);
	p = heap_realloc(NULL, 50);
	ok(p != NULL, "realloc(NULL, n) allocates");
	heap_free(p);
	heap_free(NULL);
	ok(1, "free(NULL) does nothing");
	p = heap_alloc(0);
	q = heap_alloc(0);
	ok(p && q && p != q, "malloc(0) gives distinct blocks");
	heap_free(p);
	heap_free(q);
}

/* Large blocks are their own mapping: freed, the pages are gone. */
static void large_goes_back(void)
{
	size_t n = 1 << 20;
	char *p = heap_alloc(n);
	unsigned char vec[1];
	long page = sysconf(_SC_PAGESIZE);
	char *last;

	if (!ok(p != NULL, "1 MiB block"))
		return;
	memset(p, 1, n);
	last = (char *)((uintptr_t)(p + n - 1) & ~(uintptr_t)(page - 1));
	ok(mincore(last, 1, vec) == 0, "its last page is mapped");
	heap_free(p);
	errno = 0;
	ok(mincore(last, 1, vec) == -1 && errno == ENOMEM,
	   "freed, its last page is unmapped (mincore: ENOMEM)");
}

static int enomem(void *p)
{
	return p == NULL && errno == ENOMEM;
}

static void too_large(void)
{
	char *p = heap_alloc(64);

	strcpy(p, "still here");
	errno = 0;
	ok(enomem(heap_alloc(SIZE_MAX)), "malloc(SIZE_MAX): NULL, ENOMEM");
	errno = 0;
	ok(enomem(heap_alloc((size_t)PTRDIFF_MAX + 1)),
	   "malloc(PTRDIFF_MAX + 1): NULL, ENOMEM");
	errno = 0;
	ok(enomem(heap_alloc(PTRDIFF_MAX)),
	   "malloc(PTRDIFF_MAX): NULL, ENOMEM (the kernel refuses)");
	errno = 0;
	ok(enomem(heap_alloc(SIZE_MAX - 8)), "malloc(SIZE_MAX - 8): no wrap-around");
	errno = 0;
	ok(enomem(heap_calloc(SIZE_MAX / 2 + 1, 2)),
	   "calloc(SIZE_MAX / 2 + 1, 2) overflows: NULL, ENOMEM");
	errno = 0;
	ok(enomem(heap_calloc(2, SIZE_MAX / 2 + 1)),
	   "calloc(2, SIZE_MAX / 2 + 1) overflows: NULL, ENOMEM");
	errno = 0;
	ok(enomem(heap_calloc((size_t)1 << 32, (size_t)1 << 32)),
	   "calloc(2^32, 2^32) overflows: NULL, ENOMEM");
	ok(heap_calloc(0, SIZE_MAX) != NULL, "calloc(0, SIZE_MAX) is calloc of nothing");
	errno = 0;
	ok(enomem(heap_realloc(p, SIZE_MAX)), "realloc(p, SIZE_MAX): NULL, ENOMEM ...");
	ok(!strcmp(p, "still here"), "... and p is untouched");
	heap_free(p);
}

/* A fake kernel that refuses everything, as tests/fake/ install. */
static long refuse(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)nr; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
	return -ENOSYS;
}

static void not_faked(void)
{
	char *p;

	sys_call = refuse;
	p = heap_alloc(1 << 20);
	ok(p != NULL, "a fake kernel in sys_call does not fake the allocator's memory");
	heap_free(p);
	sys_call = sys_call_real;
}

int main(void)
{
	srand(4);
	random_rounds();
	every_size();
	reuse_and_keep();
	large_goes_back();
	too_large();
	not_faked();
	return done_testing();
}
