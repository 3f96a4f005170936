// SPDX-License-Identifier: GPL-2.0
/*
 * sharing_maps.c - sharing maps (the pinning Q&A): the user side, on the
 * skeleton `barebpf gen skeleton` writes.
 *
 *   sharing_maps count DIR COMM STEP   load with pin directory DIR: the
 *	pinned-by-name map exec_count is created and pinned at
 *	DIR/exec_count (or opened there, if pinned already); insert a step
 *	map holding STEP into the map of maps; count execs of COMM until
 *	Ctrl+C.
 *   sharing_maps read DIR              another process: open the pin
 *	DIR/exec_count and print the count.
 *   sharing_maps reuse DIR COMM STEP   a second copy of the object that
 *	uses the map it is given, an fd, instead of creating its own
 *	(bb_map_reuse_fd between open and load); here the fd comes from
 *	the pin, but any map fd of the right shape does.
 *
 * sharing_maps_libbpf.c beside it is the same program on libbpf.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>	/* BPF_MAP_TYPE_ARRAY */

#include "sharing_maps.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A new map holding @step, put in slot 0 of the map of maps @outer. */
static int insert_step(const struct bb_map *outer, __u64 step)
{
	struct bb_err err = { 0 };
	struct bb_map *inner;
	__u32 zero = 0;
	int fd, ret;

	ret = bb_map_create(&inner, BPF_MAP_TYPE_ARRAY, "step", sizeof(__u32),
			    sizeof(__u64), 1, 0, &err);
	if (ret) {
		bb_err_report("sharing_maps", &err);
		return ret;
	}
	ret = bb_map_update(inner, &zero, &step, BB_ANY);
	fd = bb_map_fd(inner);
	if (!ret)	/* the value written is the inner map's fd */
		ret = bb_map_update(outer, &zero, &fd, BB_ANY);
	bb_map_close(inner);	/* the outer map holds it now */
	if (ret)
		fprintf(stderr, "cannot insert the step map: %s\n", strerror(-ret));
	return ret;
}

/* Open the map pinned at DIR/exec_count: its fd, or -errno. */
static int open_pin(const char *dir)
{
	struct bb_err err = { 0 };
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/exec_count", dir);
	fd = bb_pinned_open(path, &err);
	if (fd < 0)
		bb_err_report("sharing_maps", &err);
	return fd;
}

static int count(const char *dir, const char *comm, __u64 step, int reuse)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct bb_err err = { 0 };
	struct sharing_maps *skel;
	int fd, ret = 1;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	skel = sharing_maps__open();
	if (!skel)
		return 1;
	strncpy((char *)skel->rodata->target_comm, comm,
		sizeof(skel->rodata->target_comm) - 1);
	if (reuse) {
		fd = open_pin(dir);
		if (fd < 0)
			goto out;
		/* The object's exec_count is this map, not a new one. */
		ret = bb_map_reuse_fd(skel->maps.exec_count, fd, &err);
		close(fd);	/* the object keeps its own dup */
		if (ret) {
			bb_err_report("sharing_maps", &err);
			ret = 1;
			goto out;
		}
	} else {
		bb_object_set_pin_dir(skel->obj, dir);
	}
	if (sharing_maps__load(skel) || insert_step(skel->maps.steps, step) ||
	    sharing_maps__attach(skel))
		goto out;
	printf("ready: counting execs of %s, %llu each\n", comm,
	       (unsigned long long)step);
	fflush(stdout);
	while (!stop)
		pause();
	ret = 0;
out:
	sharing_maps__destroy(skel);
	return ret;
}

static int read_count(const char *dir)
{
	struct bb_err err = { 0 };
	struct bb_map *map;
	char path[256];
	__u32 zero = 0;
	__u64 n;
	int ret;

	snprintf(path, sizeof(path), "%s/exec_count", dir);
	ret = bb_map_open_pinned(&map, path, &err);
	if (ret) {
		bb_err_report("sharing_maps", &err);
		return 1;
	}
	ret = bb_map_lookup(map, &zero, &n, 0);
	if (ret)
		fprintf(stderr, "cannot read exec_count: %s\n", strerror(-ret));
	else
		printf("exec_count %llu\n", (unsigned long long)n);
	bb_map_close(map);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "read"))
		return read_count(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "count"))
		return count(argv[2], argv[3], strtoull(argv[4], NULL, 0), 0);
	if (argc == 5 && !strcmp(argv[1], "reuse"))
		return count(argv[2], argv[3], strtoull(argv[4], NULL, 0), 1);
	fprintf(stderr, "usage: sharing_maps count|reuse DIR COMM STEP | read DIR\n");
	return 2;
}
