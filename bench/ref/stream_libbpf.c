// SPDX-License-Identifier: GPL-2.0
/*
 * stream_libbpf - bench/stream.c's measurement with libbpf's readers
 * (perf_buffer__poll, ring_buffer__poll) on the same producer object
 * (build/test/stream_test.bpf.o), the same ring sizes and the same
 * producer child (bench/stream_common.h): the reference for
 * bench/stream.sh.
 *
 *	stream_libbpf perf|ringbuf SIZE EVENTS [RATE]
 *
 * Prints the same line as bench/stream.c.  Only for the benchmark.
 */
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bench/stream_common.h"

struct lb_side {
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	int config_fd;
};

static int lb_poll(void *ctx, int timeout_ms)
{
	struct lb_side *l = ctx;

	return l->rb ? ring_buffer__poll(l->rb, timeout_ms) :
		       perf_buffer__poll(l->pb, timeout_ms);
}

static struct stream_config lb_get(void *ctx)
{
	struct stream_config c = { 0 };
	__u32 zero = 0;

	bpf_map_lookup_elem(((struct lb_side *)ctx)->config_fd, &zero, &c);
	return c;
}

static void lb_set(void *ctx, const struct stream_config *c)
{
	__u32 zero = 0;

	bpf_map_update_elem(((struct lb_side *)ctx)->config_fd, &zero, c, BPF_ANY);
}

/* Open, size the ring, load, attach: the object, or NULL. */
static struct bpf_object *start(int ringbuf, long size)
{
	struct bpf_object *obj = bpf_object__open_file("build/test/stream_test.bpf.o", NULL);
	struct bpf_program *prog;

	if (!obj)
		return NULL;
	if (ringbuf)
		bpf_map__set_max_entries(bpf_object__find_map_by_name(obj, "ring_events"),
					 size);
	if (bpf_object__load(obj))
		return NULL;
	bpf_object__for_each_program(prog, obj)
		if (!bpf_program__attach(prog))
			return NULL;
	return obj;
}

int main(int argc, char **argv)
{
	int ringbuf = argc > 1 && !strcmp(argv[1], "ringbuf");
	long size = argc > 2 ? atol(argv[2]) : 8, n = argc > 3 ? atol(argv[3]) : 100000;
	double rate = argc > 4 ? atof(argv[4]) : 0;
	struct counts cnt = { 0 };
	struct lb_side bufs = { 0 };
	struct reader r = { lb_poll, lb_get, lb_set, &bufs, ringbuf };
	struct bpf_object *obj;
	int ret;

	if (argc < 4 || (strcmp(argv[1], "perf") && !ringbuf)) {
		fprintf(stderr, "usage: stream_libbpf perf|ringbuf SIZE EVENTS [RATE]\n");
		return 2;
	}
	obj = start(ringbuf, size);
	if (obj && ringbuf)
		bufs.rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "ring_events")),
					   on_ring, &cnt, NULL);
	else if (obj)
		bufs.pb = perf_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "perf_events")),
					   size, on_perf, on_lost, &cnt, NULL);
	if (!bufs.rb && !bufs.pb) {
		fprintf(stderr, "stream_libbpf: cannot load or open the buffer\n");
		return 1;
	}
	bufs.config_fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "config"));
	ret = measure(&r, argv[1], size, n, rate, &cnt);
	perf_buffer__free(bufs.pb);
	ring_buffer__free(bufs.rb);
	bpf_object__close(obj);
	return ret;
}
