// SPDX-License-Identifier: GPL-2.0
/*
 * execve_perfbuf.c - the user side of the course's perf buffer, on the
 * skeleton `barebpf gen skeleton` writes: load, attach, open a perf
 * buffer on the "events" map, and poll it every 100 ms, one line per
 * execve on the machine, until Ctrl+C.
 *
 * execve_perfbuf_libbpf.c beside it is the same program on libbpf.
 */
#include <signal.h>
#include <stdio.h>

#include "execve_perfbuf.skel.h"
#include "print_event.h"

#define PAGES 64	/* per CPU: 256 KiB, room for thousands of events */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(void)
{
	struct execve_perfbuf *skel;
	struct bb_perf_buffer *pb = NULL;
	struct bb_err err = { 0 };
	int ret = 1;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = execve_perfbuf__open_and_load();
	if (!skel)
		return 1;
	if (execve_perfbuf__attach(skel))
		goto out;
	if (bb_perf_buffer_open(&pb, skel->maps.events, PAGES, handle_event,
				handle_lost, NULL, &err)) {
		bb_err_report("perf buffer", &err);
		goto out;
	}
	printf("%-8s %-16s %s\n", "PID", "COMM", "COUNT");
	fflush(stdout);
	while (!stop) {
		if (bb_perf_buffer_poll(pb, 100, &err) < 0) {
			bb_err_report("poll", &err);
			goto out;
		}
		fflush(stdout);
	}
	ret = 0;
out:
	bb_perf_buffer_free(pb);
	execve_perfbuf__destroy(skel);
	return ret;
}
