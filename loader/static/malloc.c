// SPDX-License-Identifier: GPL-2.0
/*
 * malloc.c - libc's four allocation functions, as our heap (heap.c).
 *
 * Linked only into the tools `make static` and `make vm-static` build
 * (see the Makefile's TOOL_EXTRA): a program that defines malloc, free,
 * calloc and realloc itself gets none of musl's allocator (musl 1.2.1 and
 * later allow this; Debian 12 has 1.2.3).  Why we do: docs/static.md.
 * With -flto these wrappers cost nothing: the calls are inlined.
 */
#include <stdlib.h>

#include "loader/static/heap.h"

void *malloc(size_t n)
{
	return heap_alloc(n);
}

void free(void *p)
{
	heap_free(p);
}

void *calloc(size_t n, size_t size)
{
	return heap_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return heap_realloc(p, n);
}
