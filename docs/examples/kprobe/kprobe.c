// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe.c - the user side of the course's kprobe (kprobe.bpf.c), on its
 * skeleton (kprobe.skel.h, `barebpf gen skeleton`, the object inside):
 * load one of the two programs on blk_mq_start_request, the kprobe or its
 * fentry twin, leave it attached for a while, then print what it counted.
 *
 *	kprobe [kprobe|fentry] [SECONDS]
 *
 * SECONDS defaults to 5.  It says "attached" once the program runs;
 * block I/O made after that (any reader of a disk, bypassing the page
 * cache) is counted:
 *
 *	attached: kprobe_start on kprobe/blk_mq_start_request
 *	requests started: 4
 *	with a start time: 4
 *	the longest wait from start_time_ns to blk_mq_start_request: 31 us
 */
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kprobe.h"
#include "kprobe.skel.h"

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
	struct kprobe *skel = NULL;
	struct bb_prog *prog, *other;
	struct blk_stats s = {};
	__u32 slot;
	int ret = 1;

	if (strcmp(kind, "kprobe") && strcmp(kind, "fentry")) {
		fprintf(stderr, "usage: kprobe [kprobe|fentry] [SECONDS]\n");
		return 2;
	}
	slot = strcmp(kind, "kprobe") ? SLOT_FENTRY : SLOT_KPROBE;
	/* 1. Unpack and parse the object: no system call into BPF yet. */
	skel = kprobe__open();
	if (!skel)
		goto out;
	/* 2. Only the program asked for is loaded: the other stays in the file. */
	prog = slot == SLOT_KPROBE ? skel->progs.kprobe_start : skel->progs.fentry_start;
	other = slot == SLOT_KPROBE ? skel->progs.fentry_start : skel->progs.kprobe_start;
	bb_prog_set_autoload(other, false);
	/*
	 * 3. BPF_BTF_LOAD, BPF_MAP_CREATE, BPF_PROG_LOAD (fentry: with the
	 * kernel BTF id of blk_mq_start_request as its attach_btf_id).
	 * 4. kprobe: perf_event_open on the kprobe PMU, then the ioctls
	 * PERF_EVENT_IOC_SET_BPF and ENABLE; fentry: BPF_RAW_TRACEPOINT_OPEN.
	 * The skeleton says what failed, on stderr.
	 */
	if (kprobe__load(skel) || kprobe__attach(skel))
		goto out;
	printf("attached: %s on %s\n", bb_prog_name(prog), bb_prog_section(prog));
	fflush(stdout);
	sleep(seconds);
	/* 5. BPF_MAP_LOOKUP_ELEM of our slot. */
	ret = bb_map_lookup(skel->maps.stats, &slot, &s, 0);
	if (ret) {
		fprintf(stderr, "kprobe: cannot read map 'stats': %s\n", strerror(-ret));
		ret = 1;
		goto out;
	}
	print_stats(&s);
	ret = 0;
out:
	/* 6. Detach and close: the kernel frees the rest. */
	kprobe__destroy(skel);
	return ret;
}
