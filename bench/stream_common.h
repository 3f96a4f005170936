/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stream_common.h - what the stream benchmark's two readers share
 * (bench/stream.c on barebpf, bench/ref/stream_libbpf.c on libbpf): the
 * clocks, the CPU pinning, the producer child, the callbacks and the
 * measuring loop, so that both measure the very same thing; a reader
 * only opens its buffer and lends its poll and its config map.  Static
 * functions: each reader is one file.
 */
#ifndef BAREBPF_BENCH_STREAM_COMMON_H
#define BAREBPF_BENCH_STREAM_COMMON_H

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/types.h>
#include "kernel/test/stream_test.h"

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

struct counts {
	uint64_t received, lost;
};

static void on_perf(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu, (void)data, (void)size;
	((struct counts *)ctx)->received++;
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct counts *)ctx)->lost += n;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	(void)data, (void)size;
	((struct counts *)ctx)->received++;
	return 0;
}

/* What a reader lends the measurement. */
struct reader {
	int (*poll)(void *ctx, int timeout_ms);	/* records read, or < 0 */
	struct stream_config (*get)(void *ctx);	/* the config map's value */
	void (*set)(void *ctx, const struct stream_config *c);
	void *ctx;
	int ringbuf;
};

/*
 * Start the producer (@n calls, @rate a second), read until every record
 * came or was counted lost, print the line: 0, or 1 if it could not start.
 */
static int measure(const struct reader *r, const char *transport, long size,
		   long n, double rate, struct counts *cnt)
{
	struct stream_config c = { 0 };
	double t0, c0, t1 = 0, c1 = 0;
	int go[2], status, ret, done = 0;
	pid_t child;

	pin(0);
	if (pipe(go))
		return 1;
	child = fork();
	if (child == 0)
		produce(go[0], n, rate);
	c.pid = child;
	c.transport = r->ringbuf ? STREAM_RINGBUF : STREAM_PERF;
	r->set(r->ctx, &c);
	t0 = now_s();
	c0 = cpu_s();
	if (write(go[1], "g", 1) != 1)
		return 1;
	for (;;) {
		ret = r->poll(r->ctx, 100);
		if (ret < 0)
			break;
		if (ret > 0) {
			t1 = now_s();
			c1 = cpu_s();
		}
		if (!done && waitpid(child, &status, WNOHANG) == child)
			done = 1;
		c = r->get(r->ctx);
		if (r->ringbuf)
			cnt->lost = c.rb_fail;
		/* A perf ring reports losses only when it next has room. */
		if (done && (cnt->received + cnt->lost >= c.seq || ret == 0))
			break;
	}
	print_result(transport, size, rate, c.seq, cnt->received, t1 - t0, c1 - c0);
	return 0;
}

#endif
