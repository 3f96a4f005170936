// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe.c - the user side of the course's kprobe (kprobe.bpf.c): load
 * one of the two programs on blk_mq_start_request, the kprobe or its
 * fentry twin, leave it attached for a while, then print what it counted.
 *
 *	kprobe [kprobe|fentry] [SECONDS [OBJ]]
 *
 * SECONDS defaults to 5, OBJ to kprobe.bpf.o next to this program.  It
 * says "attached" once the program runs; block I/O made after that
 * (any reader of a disk, bypassing the page cache) is counted:
 *
 *	attached: kprobe_start on kprobe/blk_mq_start_request
 *	requests started: 4
 *	with a start time: 4
 *	the longest wait from start_time_ns to blk_mq_start_request: 31 us
 */
#include <limits.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <barebpf.h>

#include "kprobe.h"

static int fail(const char *what, struct bb_err *err)
{
	fprintf(stderr, "kprobe: %s: %s\n", what, err->msg);
	if (*bb_err_log(err))
		fprintf(stderr, "%s\n", bb_err_log(err));
	bb_err_free(err);
	return 1;
}

/* kprobe.bpf.o beside this program, as make examples builds them. */
static const char *default_obj(const char *argv0, char *buf, size_t len)
{
	const char *slash = strrchr(argv0, '/');

	snprintf(buf, len, "%.*skprobe.bpf.o", slash ? (int)(slash - argv0) + 1 : 0, argv0);
	return buf;
}

static void print_stats(const struct blk_stats *s)
{
	printf("requests started: %llu\n", (unsigned long long)s->requests);
	printf("with a start time: %llu\n", (unsigned long long)s->with_start);
	printf("the longest wait from start_time_ns to blk_mq_start_request: %llu us\n",
	       (unsigned long long)s->max_wait_ns / 1000);
}

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "kprobe";
	unsigned int seconds = argc > 2 ? (unsigned int)atoi(argv[2]) : 5;
	struct bb_object *obj = NULL;
	struct bb_link *link = NULL;
	struct bb_prog *prog, *other;
	struct bb_map *stats;
	struct bb_err err = {};
	struct blk_stats s = {};
	char path[PATH_MAX];
	__u32 slot;
	int ret = 1;

	if (strcmp(kind, "kprobe") && strcmp(kind, "fentry")) {
		fprintf(stderr, "usage: kprobe [kprobe|fentry] [SECONDS [OBJ]]\n");
		return 2;
	}
	slot = strcmp(kind, "kprobe") ? SLOT_FENTRY : SLOT_KPROBE;
	/* 1. Read and parse the object: no system call into BPF yet. */
	if (bb_object_open(&obj, argc > 3 ? argv[3] : default_obj(argv[0], path, sizeof(path)),
			   &err)) {
		ret = fail("open", &err);
		goto out;
	}
	/* 2. Only the program asked for is loaded: the other stays in the file. */
	prog = bb_object_find_prog(obj, slot == SLOT_KPROBE ? "kprobe_start" : "fentry_start");
	other = bb_object_find_prog(obj, slot == SLOT_KPROBE ? "fentry_start" : "kprobe_start");
	stats = bb_object_find_map(obj, "stats");
	if (!prog || !other || !stats) {
		fprintf(stderr, "kprobe: the object lacks kprobe_start, fentry_start or stats\n");
		goto out;
	}
	bb_prog_set_autoload(other, false);
	/*
	 * 3. BPF_BTF_LOAD, BPF_MAP_CREATE, BPF_PROG_LOAD (fentry: with the
	 * kernel BTF id of blk_mq_start_request as its attach_btf_id).
	 */
	if (bb_object_load(obj, &err)) {
		ret = fail("load", &err);
		goto out;
	}
	/*
	 * 4. kprobe: perf_event_open on the kprobe PMU, then the ioctls
	 * PERF_EVENT_IOC_SET_BPF and ENABLE; fentry: BPF_RAW_TRACEPOINT_OPEN.
	 */
	if (bb_prog_attach(prog, &link, &err)) {
		ret = fail("attach", &err);
		goto out;
	}
	printf("attached: %s on %s\n", bb_prog_name(prog), bb_prog_section(prog));
	fflush(stdout);
	sleep(seconds);
	/* 5. BPF_MAP_LOOKUP_ELEM of our slot. */
	ret = bb_map_lookup(stats, &slot, &s, 0);
	if (ret) {
		fprintf(stderr, "kprobe: cannot read map 'stats': %s\n", strerror(-ret));
		ret = 1;
		goto out;
	}
	print_stats(&s);
	ret = 0;
out:
	/* 6. Detach and close: the kernel frees the rest. */
	bb_link_destroy(link);
	bb_object_close(obj);
	return ret;
}
