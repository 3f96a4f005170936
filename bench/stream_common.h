/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stream_common.h - what the stream benchmark's two readers share
 * (bench/stream.c on barebpf, bench/ref/stream_libbpf.c on libbpf): the
 * clocks, the CPU pinning and the producer child, so that both measure
 * the very same thing.  Static functions: each reader is one file.
 */
#ifndef BAREBPF_BENCH_STREAM_COMMON_H
#define BAREBPF_BENCH_STREAM_COMMON_H

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* The child: wait for the go, then make @n calls at @rate per second. */
static void produce(int go, long n, double rate)
{
	double start;
	char c;
	long i;

	pin(1);
	if (read(go, &c, 1) != 1)
		_exit(1);
	start = now_s();
	for (i = 0; i < n; i++) {
		while (rate > 0 && now_s() < start + i / rate)
			;
		syscall(SYS_getppid);
	}
	_exit(0);
}

/* The line bench/stream.sh reads (stream.c's comment says what it holds). */
static void print_result(const char *transport, long size, double rate,
			 uint64_t sent, uint64_t received, double secs,
			 double cpu_secs)
{
	printf("%s %ld %.0f %llu %llu %llu %.0f %.0f\n", transport, size, rate,
	       (unsigned long long)sent, (unsigned long long)received,
	       (unsigned long long)(sent - received), received / secs,
	       cpu_secs * 1e9 / received);
}

#endif
