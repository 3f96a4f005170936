/* SPDX-License-Identifier: GPL-2.0 */
/*
 * heap.h - the static build's small allocator (heap.c).
 *
 * The same contract as malloc, free, calloc and realloc, under names of
 * its own: malloc.c gives them libc's names in the static tools only, and
 * tests/parser/heap.c tests them beside the test's own libc malloc.
 */
#ifndef BAREBPF_HEAP_H
#define BAREBPF_HEAP_H

#include <stddef.h>

void *heap_alloc(size_t n);
void heap_free(void *p);
void *heap_calloc(size_t n, size_t size);
void *heap_realloc(void *p, size_t n);

#endif
