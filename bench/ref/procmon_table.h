/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procmon_table.h - the table both reference procmons print
 * (procmon_libbpf.c, procmon_lskel.c), as procmon prints it: sorted by
 * pid, ages in seconds with one decimal.  Static: each is one file.
 */
#ifndef BAREBPF_BENCH_PROCMON_TABLE_H
#define BAREBPF_BENCH_PROCMON_TABLE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <linux/types.h>
#include "kernel/procmon.h"

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int print_table(struct proc_info *rows, size_t n)
{
	unsigned long long now, age;
	struct timespec ts;
	size_t i;

	qsort(rows, n, sizeof(*rows), by_pid);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = ts.tv_sec * 1000000000ull + ts.tv_nsec;
	printf("%-8s %-8s %-6s %-16s %s\n", "PID", "PPID", "UID", "COMM", "AGE");
	for (i = 0; i < n; i++) {
		age = now > rows[i].exec_ns ? now - rows[i].exec_ns : 0;
		printf("%-8u %-8u %-6u %-16.16s %llu.%llus\n", rows[i].pid,
		       rows[i].ppid, rows[i].uid, rows[i].comm,
		       age / 1000000000ull, age / 100000000ull % 10);
	}
	printf("\n");
	return fflush(stdout) ? -EIO : 0;
}

#endif
