// SPDX-License-Identifier: GPL-2.0
/*
 * execve_counter.c - the user side of the course's counter, on the
 * skeleton `barebpf gen skeleton` writes: load the program, preset the
 * counter to 100, attach, then copy the kernel's trace_pipe to stdout
 * (the program's "execve called N times" lines, and whatever else on the
 * machine prints there) until Ctrl+C.
 *
 * execve_counter_libbpf.c beside it is the same program on libbpf.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "execve_counter.skel.h"
#include "trace_pipe.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	struct execve_counter *skel;
	__u32 key = 0;
	__u64 start = 100;
	int fd = -1, ret = 1;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	/* Read the object, create its map, load its program. */
	skel = execve_counter__open_and_load();
	if (!skel)
		return 1;
	/* Preset the counter before anything can count. */
	if (bb_map_update(skel->maps.counter, &key, &start, BB_ANY)) {
		fprintf(stderr, "cannot preset the counter\n");
		goto out;
	}
	fd = open_trace_pipe();
	if (fd < 0) {
		fprintf(stderr, "trace_pipe: %s (is tracefs mounted?)\n", strerror(errno));
		goto out;
	}
	if (execve_counter__attach(skel))
		goto out;
	printf("ready: counter preset to %llu, Ctrl+C stops\n", (unsigned long long)start);
	fflush(stdout);
	copy_trace_pipe(fd, &stop);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	execve_counter__destroy(skel);
	return ret;
}
