// SPDX-License-Identifier: GPL-2.0
/*
 * streams.c - both event streams against the real kernel, fed by
 * kernel/test/stream_test.bpf.o: one 112-byte record per getppid() of
 * this process, numbered, with a payload derived from the number.
 *
 *  - the perf event array declared with max_entries 0 has one slot per
 *    possible CPU;
 *  - perf buffer with a 1-page ring: read in small batches, every record
 *    arrives, in order, intact, including records that wrapped around the
 *    end of the ring (they come through the scratch copy);
 *  - the same ring and a burst it cannot hold: the kernel's
 *    PERF_RECORD_LOST counts exactly what did not arrive, and what did
 *    arrive is intact;
 *  - ring buffer: the same, records that wrap are read in place through
 *    the kernel's second mapping; an overflowing burst is counted by the
 *    program (bpf_ringbuf_reserve failed) and nothing arrives torn;
 *  - the public shape (loader/barebpf.h): the epoll fd of each stream
 *    wakes the caller's own loop, the callbacks get the caller's ctx, and
 *    a ring buffer callback's negative return stops the reading.
 */
#include <errno.h>
#include <sched.h>
#include <sys/epoll.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/types.h>
#include "kernel/test/stream_test.h"
#include "loader/sys/cpus.h"
#include "loader/maps/map.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/stream/perf_buffer.h"
#include "loader/stream/ringbuf.h"
#include "tests/tap.h"

#define OBJ "build/test/stream_test.bpf.o"

struct seen {
	uint64_t events, lost, torn, disorder, wrapped, last_seq;
	int any;
	const uint8_t *lo, *hi;	/* where a wrapped record would lie */
	uint64_t ring_size;	/* ring buffer: to spot records crossing the end */
	const uint8_t *ring_data;
};

static int intact(const struct stream_rec *r, uint32_t size)
{
	int i;

	if (size < sizeof(*r) || r->pid != (uint32_t)getpid())
		return 0;
	for (i = 0; i < STREAM_PAYLOAD; i++)
		if (r->payload[i] != (uint8_t)(r->seq * 7 + i))
			return 0;
	return 1;
}

static void check(struct seen *s, const void *data, uint32_t size)
{
	const struct stream_rec *r = data;

	s->events++;
	if (!intact(r, size)) {
		s->torn++;
		return;
	}
	if (s->any && r->seq <= s->last_seq)
		s->disorder++;
	s->any = 1;
	s->last_seq = r->seq;
}

static void on_perf(void *ctx, int cpu, void *data, uint32_t size)
{
	struct seen *s = ctx;

	(void)cpu;
	if ((const uint8_t *)data >= s->lo && (const uint8_t *)data < s->hi)
		s->wrapped++;	/* it was copied out of the ring */
	check(s, data, size);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct seen *)ctx)->lost += n;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;
	uint64_t off = (const uint8_t *)data - s->ring_data;

	if (off + size > s->ring_size)
		s->wrapped++;	/* it runs into the second mapping */
	check(s, data, size);
	return 0;
}

static void fire(int n)
{
	while (n-- > 0)
		syscall(SYS_getppid);
}

static int set_config(struct bb_object *obj, uint32_t transport)
{
	struct stream_config c = { .pid = getpid(), .transport = transport };
	uint32_t zero = 0;

	return bb_map_update(bb_object_find_map(obj, "config"), &zero, &c, BPF_ANY);
}

static struct stream_config get_config(struct bb_object *obj)
{
	struct stream_config c = { 0 };
	uint32_t zero = 0;

	bb_map_lookup(bb_object_find_map(obj, "config"), &zero, &c, 0);
	return c;
}

/* All records run on CPU 0 so one flush reaches the ring that lost some. */
static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void test_perf_size(struct bb_object *obj)
{
	uint32_t possible = 0, slots = 0;
	struct bb_err err = { 0 };

	cpus_possible_count(&possible, &err);
	is_int(map_check_type(bb_object_find_map(obj, "perf_events"),
			      BPF_MAP_TYPE_PERF_EVENT_ARRAY, &slots, &err),
	       0, "perf event array created");
	ok(possible > 0 && slots == possible,
	   "max_entries 0 became one slot per possible CPU (%u)", possible);
}

static void test_perf_batches(struct bb_perf_buffer *pb)
{
	struct seen *s = pb->h.ctx;
	struct bb_err err = { 0 };
	int i, ret = 0;

	/* 30 records (3360 bytes) fit in the 4096-byte ring. */
	for (i = 0; i < 10 && ret >= 0; i++) {
		fire(30);
		ret = bb_perf_buffer_poll(pb, 1000, &err);
		if (ret >= 0)
			ret = bb_perf_buffer_consume(pb, &err);
	}
	ok(ret >= 0, "perf buffer read without error%s%s", ret < 0 ? ": " : "",
	   ret < 0 ? err.msg : "");
	is_int(s->events, 300, "300 records through a 1-page perf ring");
	is_int(s->lost, 0, "none lost");
	is_int(s->torn, 0, "none torn");
	is_int(s->disorder, 0, "in order");
	ok(s->wrapped > 0, "%llu of them wrapped around the ring's end, intact",
	   (unsigned long long)s->wrapped);
}

static void test_perf_burst(struct bb_object *obj, struct bb_perf_buffer *pb)
{
	struct seen *s = pb->h.ctx;
	struct bb_err err = { 0 };
	uint64_t sent;
	int ret;

	*s = (struct seen){ .lo = s->lo, .hi = s->hi };
	set_config(obj, STREAM_PERF);
	fire(500);		/* 56000 bytes into 4096 */
	ret = bb_perf_buffer_consume(pb, &err);
	/* The LOST record goes out before the next record that fits. */
	fire(1);
	if (ret >= 0)
		ret = bb_perf_buffer_consume(pb, &err);
	sent = get_config(obj).seq;
	ok(ret >= 0, "burst read without error");
	is_int(sent, 501, "the program sent 501 records");
	ok(s->lost > 0, "the kernel reported %llu lost",
	   (unsigned long long)s->lost);
	is_int(s->events + s->lost, sent, "received + reported lost == sent");
	is_int(s->torn, 0, "no received record torn");
	is_int(s->disorder, 0, "in order");
}

static void test_perf(struct bb_object *obj)
{
	struct seen s = { 0 };
	struct bb_perf_buffer *pb = NULL;
	struct bb_err err = { 0 };
	int ret;

	set_config(obj, STREAM_PERF);
	ret = bb_perf_buffer_open(&pb, bb_object_find_map(obj, "perf_events"), 1,
				  on_perf, on_lost, &s, &err);
	if (!ok(ret == 0, "bb_perf_buffer_open, 1 data page per CPU%s%s",
		ret ? ": " : "", ret ? err.msg : "")) {
		skip(13, "no perf buffer");
		return;
	}
	s.lo = pb->scratch;
	s.hi = pb->scratch + PERF_WALK_SCRATCH_SIZE;
	is_int(pb->rings[0].size, sysconf(_SC_PAGESIZE), "ring of one page");
	test_perf_batches(pb);
	test_perf_burst(obj, pb);
	bb_perf_buffer_free(pb);
}

static void test_ringbuf(struct bb_object *obj)
{
	struct bb_err err = { 0 };
	struct bb_ringbuf *rb = NULL;
	struct seen s = { 0 };
	int i, ret;

	set_config(obj, STREAM_RINGBUF);
	ret = bb_ringbuf_open(&rb, bb_object_find_map(obj, "ring_events"), on_ring, &s, &err);
	if (!ok(ret == 0, "bb_ringbuf_open%s%s", ret ? ": " : "",
		ret ? err.msg : "")) {
		skip(9, "no ring buffer");
		return;
	}
	s.ring_data = rb->ring.data;
	s.ring_size = rb->ring.size;
	/* 100 records (11200 bytes) fit in 16384. */
	for (i = 0; i < 5 && ret >= 0; i++) {
		fire(100);
		ret = bb_ringbuf_poll(rb, 1000, &err);
		if (ret >= 0)
			ret = bb_ringbuf_consume(rb, &err);
	}
	ok(ret >= 0, "ring buffer read without error");
	is_int(s.events, 500, "500 records through a 16 KiB ring buffer");
	is_int(s.torn + s.disorder, 0, "all intact and in order");
	ok(s.wrapped > 0, "%llu ran past the data area's end, read in place",
	   (unsigned long long)s.wrapped);
	is_int(get_config(obj).rb_fail, 0, "no reserve failed");

	/* An overflowing burst: reserve fails, the program counts it. */
	s = (struct seen){ .ring_data = s.ring_data, .ring_size = s.ring_size };
	set_config(obj, STREAM_RINGBUF);
	fire(400);		/* 44800 bytes into 16384 */
	ret = bb_ringbuf_consume(rb, &err);
	ok(ret >= 0, "burst read without error");
	ok(get_config(obj).rb_fail > 0, "%llu reserve failures counted",
	   (unsigned long long)get_config(obj).rb_fail);
	is_int(s.events + get_config(obj).rb_fail, 400,
	       "received + failed == sent");
	is_int(s.torn + s.disorder, 0, "all received intact and in order");
	bb_ringbuf_free(rb);
}

struct tally {
	uint64_t records;
	int stop;		/* ring buffer: return -42 for the next record */
};

static void tally_perf(void *ctx, int cpu, void *data, uint32_t size)
{
	(void)cpu;
	((struct tally *)ctx)->records += intact(data, size);
}

static int tally_ring(void *ctx, void *data, size_t size)
{
	struct tally *t = ctx;

	t->records += intact(data, size);
	if (t->stop) {
		t->stop = 0;
		return -42;
	}
	return 0;
}

/* Wait on an epoll fd of ours, as a caller's own loop would. */
static int readable(int epfd, int timeout_ms)
{
	struct epoll_event ev;

	return epoll_wait(epfd, &ev, 1, timeout_ms);
}

static void test_public_shape(struct bb_object *obj)
{
	struct bb_perf_buffer *pb = NULL;
	struct bb_ringbuf *rb = NULL;
	struct tally t = { 0 };
	struct bb_err err = { 0 };
	int ret;

	set_config(obj, STREAM_PERF);
	ret = bb_perf_buffer_open(&pb, bb_object_find_map(obj, "perf_events"), 4,
				  tally_perf, NULL, &t, &err);
	if (ok(ret == 0, "perf buffer, no lost callback: %s", ret ? err.msg : "ok")) {
		is_int(readable(bb_perf_buffer_epoll_fd(pb), 0), 0, "its epoll fd: nothing yet");
		fire(5);
		is_int(readable(bb_perf_buffer_epoll_fd(pb), 1000), 1, "readable after 5 records");
		is_int(bb_perf_buffer_consume(pb, &err), 5, "bb_perf_buffer_consume reads 5");
		is_int(t.records, 5, "each given to the callback with our ctx");
	}
	bb_perf_buffer_free(pb);
	t = (struct tally){ .stop = 1 };
	set_config(obj, STREAM_RINGBUF);
	ret = bb_ringbuf_open(&rb, bb_object_find_map(obj, "ring_events"),
			      tally_ring, &t, &err);
	if (ok(ret == 0, "ring buffer: %s", ret ? err.msg : "ok")) {
		fire(3);
		is_int(readable(bb_ringbuf_epoll_fd(rb), 1000), 1, "its epoll fd is readable");
		is_int(bb_ringbuf_consume(rb, &err), -42,
		       "a callback's -42 stops the reading and is returned");
		is_int(t.records, 1, "after one record");
		is_int(bb_ringbuf_consume(rb, &err), 2, "the other two come next time");
		is_int(t.records, 3, "with our ctx");
	}
	bb_ringbuf_free(rb);
}

int main(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	ret = bb_object_open(&obj, OBJ, &err);
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (!ret)
		ret = bb_object_attach(obj, &err);
	if (!ok(ret == 0, "load and attach %s%s%s", OBJ, ret ? ": " : "",
		ret ? err.msg : "")) {
		bb_err_print(out_stderr, "# ", &err);
		bb_object_close(obj);
		return done_testing();
	}
	pin_cpu0();
	test_perf_size(obj);
	test_perf(obj);
	test_ringbuf(obj);
	test_public_shape(obj);
	bb_object_close(obj);
	return done_testing();
}
