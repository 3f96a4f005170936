// SPDX-License-Identifier: GPL-2.0
/*
 * sharing_maps_libbpf.c - sharing_maps.c on libbpf and bpftool's skeleton,
 * for comparison and as the tests' oracle.
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
 * The lines that differ from sharing_maps.c are listed in README.md.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "sharing_maps.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A new map holding @step, put in slot 0 of the map of maps @outer. */
static int insert_step(const struct bpf_map *outer, __u64 step)
{
	__u32 zero = 0;
	int fd, ret;

	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "step", sizeof(__u32),
			    sizeof(__u64), 1, NULL);
	if (fd < 0) {
		fprintf(stderr, "cannot create the step map: %s\n", strerror(-fd));
		return fd;
	}
	ret = bpf_map_update_elem(fd, &zero, &step, BPF_ANY);
	if (!ret)	/* the value written is the inner map's fd */
		ret = bpf_map_update_elem(bpf_map__fd(outer), &zero, &fd, BPF_ANY);
	close(fd);	/* the outer map holds it now */
	if (ret)
		fprintf(stderr, "cannot insert the step map: %s\n", strerror(-ret));
	return ret;
}

/* Open the map pinned at DIR/exec_count: its fd, or -errno. */
static int open_pin(const char *dir)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/exec_count", dir);
	fd = bpf_obj_get(path);
	if (fd < 0)
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(-fd));
	return fd;
}

static int count(const char *dir, const char *comm, __u64 step, int reuse)
{
	struct sigaction sa = { .sa_handler = on_signal };
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = dir);
	struct sharing_maps *skel;
	int fd, ret = 1;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* (reuse: the map is pinned nowhere, see below) */
	skel = sharing_maps__open_opts(&opts);
	if (!skel)
		return 1;
	strncpy((char *)skel->rodata->target_comm, comm,
		sizeof(skel->rodata->target_comm) - 1);
	if (reuse) {
		fd = open_pin(dir);
		if (fd < 0)
			goto out;
		/* The object's exec_count is this map, not a new one. */
		ret = bpf_map__reuse_fd(skel->maps.exec_count, fd);
		close(fd);	/* the object keeps its own dup */
		/* else libbpf would pin the reused map at DIR/exec_count */
		if (!ret)
			ret = bpf_map__set_pin_path(skel->maps.exec_count, NULL);
		if (ret) {
			fprintf(stderr, "cannot reuse the map: %s\n", strerror(-ret));
			ret = 1;
			goto out;
		}
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
	__u32 zero = 0;
	__u64 n;
	int fd = open_pin(dir), ret;

	if (fd < 0)
		return 1;
	ret = bpf_map_lookup_elem(fd, &zero, &n);
	if (ret)
		fprintf(stderr, "cannot read exec_count: %s\n", strerror(errno));
	else
		printf("exec_count %llu\n", (unsigned long long)n);
	close(fd);
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
