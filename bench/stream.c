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
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/types.h>
#include "kernel/test/stream_test.h"
#include "bench/stream_common.h"
#include "loader/maps/map.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/stream/perf_buffer.h"
#include "loader/stream/ringbuf.h"

struct counts {
	uint64_t received, lost;
};

static void on_perf(void *ctx, int cpu, void *data, uint32_t size)
{
	(void)cpu, (void)data, (void)size;
	((struct counts *)ctx)->received++;
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct counts *)ctx)->lost += n;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	(void)data, (void)size;
	((struct counts *)ctx)->received++;
	return 0;
}

/* The spec is ours until bb_object_load(): resize the ring buffer there. */
static void set_ring_size(struct bb_object *obj, uint32_t size)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (!strcmp(obj->spec.maps[i].name, "ring_events"))
			obj->spec.maps[i].max_entries = size;
}

static struct stream_config config(struct bb_object *obj)
{
	struct stream_config c = { 0 };
	uint32_t zero = 0;

	bb_map_lookup(bb_object_find_map(obj, "config"), &zero, &c, 0);
	return c;
}

int main(int argc, char **argv)
{
	int ringbuf = argc > 1 && !strcmp(argv[1], "ringbuf");
	long size = argc > 2 ? atol(argv[2]) : 8, n = argc > 3 ? atol(argv[3]) : 100000;
	double rate = argc > 4 ? atof(argv[4]) : 0, t0, c0, t1 = 0, c1 = 0;
	struct counts cnt = { 0 };
	struct bb_err err = { 0 };
	struct bb_perf_buffer *pb = NULL;
	struct bb_ringbuf *rb = NULL;
	struct bb_object *obj = NULL;
	struct stream_config c = { 0 };
	uint32_t zero = 0;
	int go[2], status, ret, done = 0;
	pid_t child;

	if (argc < 4 || (strcmp(argv[1], "perf") && !ringbuf)) {
		fprintf(stderr, "usage: stream perf|ringbuf SIZE EVENTS [RATE]\n");
		return 2;
	}
	ret = bb_object_open(&obj, "build/test/stream_test.bpf.o", &err);
	if (!ret && ringbuf)
		set_ring_size(obj, size);
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (!ret)
		ret = bb_object_attach(obj, &err);
	if (!ret)
		ret = ringbuf ? bb_ringbuf_open(&rb, bb_object_find_map(obj, "ring_events"),
					    on_ring, &cnt, &err) :
				bb_perf_buffer_open(&pb, bb_object_find_map(obj, "perf_events"),
						 size, on_perf, on_lost, &cnt, &err);
	if (ret) {
		bb_err_print(out_stderr, "stream", &err);
		return 1;
	}
	pin(0);
	if (pipe(go))
		return 1;
	child = fork();
	if (child == 0)
		produce(go[0], n, rate);
	c.pid = child;
	c.transport = ringbuf ? STREAM_RINGBUF : STREAM_PERF;
	bb_map_update(bb_object_find_map(obj, "config"), &zero, &c, BPF_ANY);
	t0 = now_s();
	c0 = cpu_s();
	if (write(go[1], "g", 1) != 1)
		return 1;
	for (;;) {
		ret = rb ? bb_ringbuf_poll(rb, 100, &err) : bb_perf_buffer_poll(pb, 100, &err);
		if (ret < 0)
			break;
		if (ret > 0) {
			t1 = now_s();
			c1 = cpu_s();
		}
		if (!done && waitpid(child, &status, WNOHANG) == child)
			done = 1;
		c = config(obj);
		if (rb)
			cnt.lost = c.rb_fail;
		/* A perf ring reports losses only when it next has room. */
		if (done && (cnt.received + cnt.lost >= c.seq || ret == 0))
			break;
	}
	print_result(argv[1], size, rate, c.seq, cnt.received, t1 - t0, c1 - c0);
	bb_perf_buffer_free(pb);
	bb_ringbuf_free(rb);
	bb_object_close(obj);
	return 0;
}
