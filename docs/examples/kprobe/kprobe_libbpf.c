// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe_libbpf.c - kprobe.c on libbpf, for comparison: the same program
 * on bpftool's skeleton of the same kprobe.bpf.o.  The differences are
 * the includes and libbpf's own calls (bpf_program__set_autoload(),
 * bpf_map__lookup_elem()); the skeleton calls are the same.  Built where
 * libbpf-dev and bpftool are installed; this host has no kprobes and
 * refuses fentry, so it is built by make examples but runs only on a
 * kernel that has them.
 *
 *	kprobe_libbpf [kprobe|fentry] [SECONDS]
 */
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

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
	struct bpf_program *prog, *other;
	struct blk_stats s = {};
	__u32 slot;
	int ret = 1;

	if (strcmp(kind, "kprobe") && strcmp(kind, "fentry")) {
		fprintf(stderr, "usage: kprobe_libbpf [kprobe|fentry] [SECONDS]\n");
		return 2;
	}
	slot = strcmp(kind, "kprobe") ? SLOT_FENTRY : SLOT_KPROBE;
	skel = kprobe__open();
	if (!skel)
		goto out;
	prog = slot == SLOT_KPROBE ? skel->progs.kprobe_start : skel->progs.fentry_start;
	other = slot == SLOT_KPROBE ? skel->progs.fentry_start : skel->progs.kprobe_start;
	bpf_program__set_autoload(other, false);
	if (kprobe__load(skel) || kprobe__attach(skel))
		goto out;
	printf("attached: %s on %s\n", bpf_program__name(prog),
	       bpf_program__section_name(prog));
	fflush(stdout);
	sleep(seconds);
	ret = bpf_map__lookup_elem(skel->maps.stats, &slot, sizeof(slot),
				   &s, sizeof(s), 0);
	if (ret) {
		fprintf(stderr, "kprobe_libbpf: cannot read map 'stats': %s\n",
			strerror(-ret));
		ret = 1;
		goto out;
	}
	print_stats(&s);
	ret = 0;
out:
	kprobe__destroy(skel);
	return ret;
}
