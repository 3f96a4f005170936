// SPDX-License-Identifier: GPL-2.0
/*
 * execve_perfbuf_libbpf.c - execve_perfbuf.c on libbpf, for comparison
 * (and as the tests' oracle): the skeleton is bpftool's, the calls are
 * libbpf's.  Built only where libbpf-dev is installed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include <bpf/libbpf.h>

#include "execve_perfbuf.skel.h"
#include "print_event.h"

#define PAGES 64

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(void)
{
	struct execve_perfbuf *skel;
	struct perf_buffer *pb = NULL;
	int ret = 1;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = execve_perfbuf__open_and_load();
	if (!skel)
		return 1;
	if (execve_perfbuf__attach(skel))
		goto out;
	pb = perf_buffer__new(bpf_map__fd(skel->maps.events), PAGES, handle_event,
			      handle_lost, NULL, NULL);
	if (!pb) {
		fprintf(stderr, "perf buffer: %d\n", -errno);
		goto out;
	}
	printf("%-8s %-16s %s\n", "PID", "COMM", "COUNT");
	fflush(stdout);
	while (!stop) {
		if (perf_buffer__poll(pb, 100) < 0 && errno != EINTR) {
			fprintf(stderr, "poll: %d\n", -errno);
			goto out;
		}
		fflush(stdout);
	}
	ret = 0;
out:
	perf_buffer__free(pb);
	execve_perfbuf__destroy(skel);
	return ret;
}
