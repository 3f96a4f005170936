// SPDX-License-Identifier: GPL-2.0
/*
 * lesson5_lskel - example 1 (docs/examples/lesson5/lesson5.c) on bpftool's
 * light skeleton of the very same lesson5.bpf.o (`bpftool gen skeleton -L`,
 * written by make into $B/bench/lesson5.lskel.h), for the size figure of
 * bench/bench.sh.  The light skeleton cannot attach "tp/" programs, so
 * they are attached by hand (bench/ref/lskel_attach.h); the map is read
 * with bpf(2) itself, as the light skeleton has no map calls.  Output as
 * lesson5's.  Only for bench/bench.sh: never part of barebpf.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lesson5.lskel.h"
#include "bench/ref/lskel_attach.h"

#define TASK_COMM_LEN 16

static volatile sig_atomic_t exiting;

static void sig_handler(int sig)
{
	(void)sig;
	exiting = 1;
}

/* One round: every pid in the map with its name. */
static void print_processes(int fd)
{
	__u32 key, next_key;
	char comm[TASK_COMM_LEN];
	int n = 0, err;

	printf("--- processes started since we attached ---\n");
	err = map_op(BPF_MAP_GET_NEXT_KEY, fd, NULL, &next_key);
	while (!err) {
		/* A process may end between the two calls: skip it then. */
		if (!map_op(BPF_MAP_LOOKUP_ELEM, fd, &next_key, comm)) {
			printf("%-8u %.*s\n", next_key, TASK_COMM_LEN, comm);
			n++;
		}
		key = next_key;
		err = map_op(BPF_MAP_GET_NEXT_KEY, fd, &key, &next_key);
	}
	printf("--- %d processes ---\n", n);
	fflush(stdout);	/* a pipe or a file sees each round at once */
}

int main(void)
{
	struct lesson5 *skel;
	int err;

	signal(SIGINT, sig_handler);
	signal(SIGTERM, sig_handler);

	skel = lesson5__open_and_load();
	if (!skel) {
		fprintf(stderr, "Failed to open and load BPF skeleton\n");
		return 1;
	}
	err = attach_tp("sched/sched_process_exec", skel->progs.handle_exec.prog_fd);
	if (err >= 0) {
		skel->links.handle_exec_fd = err;
		err = attach_tp("sched/sched_process_exit", skel->progs.handle_exit.prog_fd);
	}
	if (err < 0) {
		fprintf(stderr, "Failed to attach BPF skeleton\n");
		goto cleanup;
	}
	skel->links.handle_exit_fd = err;
	err = 0;
	printf("Successfully started! Ctrl+C to stop.\n");
	fflush(stdout);

	while (!exiting) {
		print_processes(skel->maps.process_map.map_fd);
		sleep(1);
	}

cleanup:
	lesson5__destroy(skel);
	return err < 0 ? -err : 0;
}
