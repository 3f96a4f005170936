/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print_event.h - one line per event, shared by both versions of the
 * example (barebpf's and libbpf's): the same handle_event() and
 * handle_lost() serve both, their types being the same.
 */
#ifndef EXECVE_PERFBUF_PRINT_EVENT_H
#define EXECVE_PERFBUF_PRINT_EVENT_H

#include <stdio.h>
#include <string.h>

#include "execve_perfbuf.h"

/*
 * One record.  The kernel writes it 4-byte aligned (after its u32 size),
 * and struct event has a __u64: copy it out before reading it.
 */
static void handle_event(void *ctx, int cpu, void *data, __u32 size)
{
	struct event e;
	char comm[sizeof(e.comm) + 1] = "";
	size_t i;

	(void)ctx;
	(void)cpu;
	if (size < sizeof(e))
		return;
	memcpy(&e, data, sizeof(e));
	/* A process names itself: print only plain characters of it. */
	for (i = 0; i < sizeof(e.comm) && e.comm[i]; i++)
		comm[i] = (e.comm[i] > 0x20 && e.comm[i] < 0x7f) ? e.comm[i] : '?';
	printf("%-8u %-16s %llu\n", e.pid, comm, (unsigned long long)e.count);
}

/* The kernel dropped records: the ring of CPU @cpu was full. */
static void handle_lost(void *ctx, int cpu, __u64 lost)
{
	(void)ctx;
	fprintf(stderr, "lost %llu events on CPU %d\n", (unsigned long long)lost, cpu);
}

#endif
