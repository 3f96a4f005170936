// SPDX-License-Identifier: GPL-2.0
/*
 * heap.c - a small allocator for the static tools (malloc.c names it).
 *
 * Why: musl's malloc (mallocng) is about 9 KiB of static procmon, whose
 * whole budget is 64 KiB (docs/static.md).  This one is about 500 bytes,
 * because our tools ask little of an allocator.  One thread: no tool
 * starts another, so there is no lock.  No signal handlers: the tools
 * wait for signals with sigtimedwait (sys_sigwait_ms()), so nothing can
 * call malloc while malloc runs.  Short lives: memory that is never given
 * back costs little.
 *
 * What we give up: mallocng is hardened against heap corruption.  It keeps
 * its bookkeeping away from the blocks it hands out and checks it on every
 * free, so a double free, a free of a wild pointer or an overrun into the
 * next block usually stops the program at once.  Here the bookkeeping (a
 * size, and a free list's link) sits in a header right before each block,
 * and nothing is checked: the same bugs silently corrupt the heap.  We
 * find such bugs elsewhere: the glibc builds, the ASan build and valgrind
 * (make test SANITIZE=1) keep libc's malloc, and run the same code.
 *
 * How:
 *  - Every block starts with a 16-byte header (struct block) that says how
 *    big the block is; the caller's bytes follow it, 16-byte aligned like
 *    any malloc's on x86-64.
 *  - Small blocks (up to SMALL_MAX bytes, header included) come in ten
 *    sizes, the powers of two from 32 to 16384 bytes.  A request takes the
 *    smallest that fits.  Freed blocks of one size wait on that size's free
 *    list for the next request; new ones are cut from CHUNK-sized pieces of
 *    memory (the first in .bss, the others from the kernel), which are
 *    never given back.
 *  - Larger blocks are their own mmap, rounded up to whole pages, and go
 *    back to the kernel (munmap) when freed.
 *  - realloc keeps the block while the new size still fits in it, and
 *    otherwise moves it.  A small block moves to a larger size; a large one
 *    that grows by a little at a time moves (a copy) at every page:
 *    mremap could avoid that, but the loader's big buffers grow by
 *    doubling (file_read_all()), so we have not needed it.
 *
 * The memory comes from sys_mem_map() in loader/sys.c, which goes straight
 * to the kernel and not through sys_call: tests that fake the kernel
 * replace sys_call, and a fake must never be asked for the memory the
 * program itself runs on (those tests are glibc builds, which do not link
 * this file, but the allocator should not depend on that).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "loader/sys/sys.h"
#include "loader/static/heap.h"

struct block {
	size_t size;		/* the whole block, this header included */
	struct block *next;	/* the next free block, while on a free list */
};

#define MIN_BLOCK	32		/* the smallest size: 16 bytes for the caller */
#define NR_SIZES	10		/* 32, 64, ..., 16384 */
#define SMALL_MAX	(MIN_BLOCK << (NR_SIZES - 1))
#define CHUNK		(256 * 1024)	/* what small blocks are cut from */
#define PAGE		4096		/* x86-64's; the kernel rounds up to its own */

static struct block *free_list[NR_SIZES];

/*
 * The first chunk is in .bss: the kernel maps it with the program, so the
 * first small blocks cost no system call (static procmon: one fewer
 * before its first output), and its pages are only touched as they are
 * used.  Later chunks come from sys_mem_map().
 */
static char first_chunk[CHUNK] __attribute__((aligned(16)));
/* What is left of the current chunk. */
static char *chunk_next = first_chunk, *chunk_end = first_chunk + CHUNK;

/* Which of the small sizes holds @size bytes: 0 for 32, 1 for 64, ... */
static unsigned size_index(size_t size)
{
	unsigned i = 0;

	while ((size_t)MIN_BLOCK << i < size)
		i++;
	return i;
}

/* A small block, from its free list or cut from the current chunk. */
static struct block *small_block(size_t need)
{
	unsigned i = size_index(need);
	size_t size = (size_t)MIN_BLOCK << i;
	struct block *b = free_list[i];

	if (b) {
		free_list[i] = b->next;
		return b;
	}
	/* What is left of the old chunk, if anything, is wasted. */
	if ((size_t)(chunk_end - chunk_next) < size) {
		char *chunk = sys_mem_map(CHUNK);

		if (sys_mmap_failed(chunk))
			return NULL;
		chunk_next = chunk;
		chunk_end = chunk + CHUNK;
	}
	b = (struct block *)chunk_next;
	chunk_next += size;
	b->size = size;
	return b;
}

/* A large block: its own mapping, whole pages. */
static struct block *large_block(size_t need)
{
	size_t size = (need + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct block *b = sys_mem_map(size);

	if (sys_mmap_failed(b))
		return NULL;
	b->size = size;
	return b;
}

void *heap_alloc(size_t n)
{
	struct block *b = NULL;

	/*
	 * No object may be larger than PTRDIFF_MAX (pointer differences
	 * would overflow), and below it the sums that follow cannot wrap.
	 */
	if (n <= PTRDIFF_MAX) {
		size_t need = n + sizeof(*b);

		b = need <= SMALL_MAX ? small_block(need) : large_block(need);
	}
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	return b + 1;
}

void heap_free(void *p)
{
	struct block *b;
	unsigned i;

	if (!p)
		return;
	b = (struct block *)p - 1;
	if (b->size > SMALL_MAX) {
		sys_mem_unmap(b, b->size);
		return;
	}
	i = size_index(b->size);
	b->next = free_list[i];
	free_list[i] = b;
}

void *heap_calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {	/* n * size would wrap */
		errno = ENOMEM;
		return NULL;
	}
	/* Fresh memory from the kernel is zero, but a reused block is not. */
	p = heap_alloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *heap_realloc(void *p, size_t n)
{
	struct block *b;
	size_t have;
	void *q;

	if (!p)
		return heap_alloc(n);
	b = (struct block *)p - 1;
	have = b->size - sizeof(*b);
	if (n <= have)
		return p;
	q = heap_alloc(n);
	if (q) {		/* on failure the old block stays, untouched */
		memcpy(q, p, have);
		heap_free(p);
	}
	return q;
}
