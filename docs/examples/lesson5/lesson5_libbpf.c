// SPDX-License-Identifier: GPL-2.0
/*
 * lesson5_libbpf.c - lesson5.c on libbpf, kept beside it for comparison
 * (and as the tests' oracle): the same program, with libbpf's skeleton
 * (bpftool gen skeleton) and libbpf's fd-level map calls.  Built only
 * where libbpf-dev and bpftool are installed; never part of barebpf.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "lesson5.skel.h"

#define TASK_COMM_LEN 16

static volatile sig_atomic_t exiting;

static void sig_handler(int sig)
{
	(void)sig;
	exiting = 1;
}

/* One round: every pid in the map with its name. */
static void print_processes(int map_fd)
{
	__u32 key, next_key;
	char comm[TASK_COMM_LEN];
	int n = 0, err;

	printf("--- processes started since we attached ---\n");
	err = bpf_map_get_next_key(map_fd, NULL, &next_key);
	while (!err) {
		/* A process may end between the two calls: skip it then. */
		if (!bpf_map_lookup_elem(map_fd, &next_key, comm)) {
			printf("%-8u %.*s\n", next_key, TASK_COMM_LEN, comm);
			n++;
		}
		key = next_key;
		err = bpf_map_get_next_key(map_fd, &key, &next_key);
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
	err = lesson5__attach(skel);
	if (err) {
		fprintf(stderr, "Failed to attach BPF skeleton\n");
		goto cleanup;
	}
	printf("Successfully started! Ctrl+C to stop.\n");
	fflush(stdout);

	while (!exiting) {
		print_processes(bpf_map__fd(skel->maps.process_map));
		sleep(1);
	}

cleanup:
	lesson5__destroy(skel);
	return err < 0 ? -err : 0;
}
