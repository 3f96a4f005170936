// SPDX-License-Identifier: GPL-2.0
/*
 * stream.c - how fast each event stream delivers, and what reading costs.
 *
 *	stream perf|ringbuf SIZE EVENTS [RATE]
 *
 * SIZE is the perf ring per CPU in pages, or the ring buffer in bytes.
 * A child process (on CPU 1) makes EVENTS getppid() calls, RATE per second
 * (0: as fast as it can); kernel/test/stream_test.bpf.o turns each into a
 * 112-byte record.  The parent (on CPU 0) reads them and prints one line:
 *
 *	transport size rate_target sent received lost events_per_s reader_ns_per_event
 *
 * events_per_s is received / (time from the first call to the last record);
 * reader_ns_per_event is the parent's user + system CPU time over the same
 * span, divided by the records received.  Built and run by bench/stream.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/stream_common.h"
#include "loader/maps/map.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/stream/perf_buffer.h"
#include "loader/stream/ringbuf.h"

/* The spec is ours until bb_object_load(): resize the ring buffer there. */
static void set_ring_size(struct bb_object *obj, uint32_t size)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (!strcmp(obj->spec.maps[i].name, "ring_events"))
			obj->spec.maps[i].max_entries = size;
}

struct bb_side {
	struct bb_object *obj;
	struct bb_perf_buffer *pb;
	struct bb_ringbuf *rb;
	struct bb_err err;
};

static int bb_poll(void *ctx, int timeout_ms)
{
	struct bb_side *b = ctx;

	return b->rb ? bb_ringbuf_poll(b->rb, timeout_ms, &b->err) :
		       bb_perf_buffer_poll(b->pb, timeout_ms, &b->err);
}

static struct stream_config bb_get(void *ctx)
{
	struct stream_config c = { 0 };
	uint32_t zero = 0;

	bb_map_lookup(bb_object_find_map(((struct bb_side *)ctx)->obj, "config"),
		      &zero, &c, 0);
	return c;
}

static void bb_set(void *ctx, const struct stream_config *c)
{
	uint32_t zero = 0;

	bb_map_update(bb_object_find_map(((struct bb_side *)ctx)->obj, "config"),
		      &zero, c, BPF_ANY);
}

int main(int argc, char **argv)
{
	int ringbuf = argc > 1 && !strcmp(argv[1], "ringbuf");
	long size = argc > 2 ? atol(argv[2]) : 8, n = argc > 3 ? atol(argv[3]) : 100000;
	double rate = argc > 4 ? atof(argv[4]) : 0;
	struct bb_side b = { 0 };
	struct reader r = { bb_poll, bb_get, bb_set, &b, ringbuf };
	struct counts cnt = { 0 };
	int ret;

	if (argc < 4 || (strcmp(argv[1], "perf") && !ringbuf)) {
		fprintf(stderr, "usage: stream perf|ringbuf SIZE EVENTS [RATE]\n");
		return 2;
	}
	ret = bb_object_open(&b.obj, "build/test/stream_test.bpf.o", &b.err);
	if (!ret && ringbuf)
		set_ring_size(b.obj, size);
	if (!ret)
		ret = bb_object_load(b.obj, &b.err);
	if (!ret)
		ret = bb_object_attach(b.obj, &b.err);
	if (!ret)
		ret = ringbuf ? bb_ringbuf_open(&b.rb, bb_object_find_map(b.obj, "ring_events"),
					    on_ring, &cnt, &b.err) :
				bb_perf_buffer_open(&b.pb, bb_object_find_map(b.obj, "perf_events"),
						 size, on_perf, on_lost, &cnt, &b.err);
	if (ret) {
		bb_err_print(out_stderr, "stream", &b.err);
		return 1;
	}
	ret = measure(&r, argv[1], size, n, rate, &cnt);
	bb_perf_buffer_free(b.pb);
	bb_ringbuf_free(b.rb);
	bb_object_close(b.obj);
	return ret;
}
