// SPDX-License-Identifier: GPL-2.0
/*
 * lesson5.c - Lesson 5, kernel and user space map communication: the
 * user side, on the skeleton barebpf generates (make writes
 * build/examples/lesson5.skel.h with `barebpf gen skeleton`).
 *
 * Open and load the object, attach its two programs, then every second
 * walk the hash map process_map (get-next-key, then a lookup per key)
 * and print what is in it, until Ctrl+C.  lesson5_libbpf.c is the same
 * program on libbpf: the two differ only in the header and the map calls.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lesson5.skel.h"

#define TASK_COMM_LEN 16

static volatile sig_atomic_t exiting;

static void sig_handler(int sig)
{
	(void)sig;
	exiting = 1;
}

/* One round: every pid in the map with its name. */
static void print_processes(const struct bb_map *map)
{
	__u32 key, next_key;
	char comm[TASK_COMM_LEN];
	int n = 0, err;

	printf("--- processes started since we attached ---\n");
	err = bb_map_get_next_key(map, NULL, &next_key);
	while (!err) {
		/* A process may end between the two calls: skip it then. */
		if (!bb_map_lookup(map, &next_key, comm, 0)) {
			printf("%-8u %.*s\n", next_key, TASK_COMM_LEN, comm);
			n++;
		}
		key = next_key;
		err = bb_map_get_next_key(map, &key, &next_key);
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
		print_processes(skel->maps.process_map);
		sleep(1);
	}

cleanup:
	lesson5__destroy(skel);
	return err < 0 ? -err : 0;
}
