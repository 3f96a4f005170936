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
#include <sys/wait.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "kernel/test/stream_test.h"
#include "bench/stream_common.h"

struct counts {
	unsigned long long received, lost;
};

static void on_perf(void *ctx, int cpu, void *data, __u32 size)
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

static struct stream_config config(struct bpf_object *obj)
{
	struct stream_config c = { 0 };
	__u32 zero = 0;

	bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "config")),
			    &zero, &c);
	return c;
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
	double rate = argc > 4 ? atof(argv[4]) : 0, t0, c0, t1 = 0, c1 = 0;
	struct counts cnt = { 0 };
	struct perf_buffer *pb = NULL;
	struct ring_buffer *rb = NULL;
	struct stream_config c = { 0 };
	struct bpf_object *obj;
	__u32 zero = 0;
	int go[2], status, ret, done = 0, fd;
	pid_t child;

	if (argc < 4 || (strcmp(argv[1], "perf") && !ringbuf)) {
		fprintf(stderr, "usage: stream_libbpf perf|ringbuf SIZE EVENTS [RATE]\n");
		return 2;
	}
	obj = start(ringbuf, size);
	if (obj && ringbuf)
		rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "ring_events")),
				      on_ring, &cnt, NULL);
	else if (obj)
		pb = perf_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "perf_events")),
				      size, on_perf, on_lost, &cnt, NULL);
	if (!rb && !pb) {
		fprintf(stderr, "stream_libbpf: cannot load or open the buffer\n");
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
	fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "config"));
	bpf_map_update_elem(fd, &zero, &c, BPF_ANY);
	t0 = now_s();
	c0 = cpu_s();
	if (write(go[1], "g", 1) != 1)
		return 1;
	for (;;) {
		ret = rb ? ring_buffer__poll(rb, 100) : perf_buffer__poll(pb, 100);
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
	perf_buffer__free(pb);
	ring_buffer__free(rb);
	bpf_object__close(obj);
	return 0;
}
