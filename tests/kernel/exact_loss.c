// SPDX-License-Identifier: GPL-2.0
/*
 * exact_loss.c - a reader that falls behind loses events, and both event
 * streams account for every one of them, exactly:
 *
 *	sent == received + reported lost
 *
 * for a perf buffer (the kernel's PERF_RECORD_LOST, given to the lost
 * callback) and for a ring buffer (which keeps no count: the producer
 * counts its failed bpf_ringbuf_output() in a map, see
 * docs/event-streams.md).
 *
 * The producer, kernel/test/exact_loss.bpf.o, is never attached: each
 * BPF_PROG_TEST_RUN of ours runs it once and it sends one record to each
 * transport, so nothing else on the machine can add or take an event.
 * The reader is stopped (not polled) while 1000 records go into rings
 * that hold about 30; then it reads everything (public API only:
 * bb_perf_buffer_consume, bb_ringbuf_consume).  A perf ring reports its
 * loss with the next record that fits, so one more run follows.  Then the
 * same with a reader that keeps up: nothing lost.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <unistd.h>

#include "loader/barebpf.h"
#include "loader/sys/sys.h"
#include "kernel/test/exact_loss.h"
#include "tests/tap.h"

#define OBJ "build/test/exact_loss.bpf.o"
#define BURST 1000

struct got {
	uint64_t records, lost, bad, disorder;
	uint32_t last_seq;
	int any;
};

struct ctx {
	struct bb_object *obj;
	int prog_fd;
	struct bb_perf_buffer *pb;
	struct bb_ringbuf *rb;
	struct got perf, ring;
};

/* Count a record; one that is torn, foreign or out of order is "bad". */
static void take(struct got *g, const void *data, size_t size)
{
	const struct exact_rec *r = data;
	int i;

	g->records++;
	if (size < sizeof(*r) || r->magic != EXACT_MAGIC) {
		g->bad++;
		return;
	}
	for (i = 0; i < EXACT_PAYLOAD; i++)
		if (r->payload[i] != (uint8_t)(r->seq * 7 + i)) {
			g->bad++;
			return;
		}
	if (g->any && r->seq <= g->last_seq)
		g->disorder++;
	g->any = 1;
	g->last_seq = r->seq;
}

static void on_perf(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	take(&((struct ctx *)ctx)->perf, data, size);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct ctx *)ctx)->perf.lost += n;
}

static int on_ring(void *ctx, void *data, size_t size)
{
	take(&((struct ctx *)ctx)->ring, data, size);
	return 0;
}

static struct exact_tally tally(struct ctx *c)
{
	struct exact_tally t = { 0 };
	uint32_t zero = 0;

	bb_map_lookup(bb_object_find_map(c->obj, "tally"), &zero, &t, 0);
	return t;
}

/* @n runs of the producer, each sending one record to both transports. */
static int send(struct ctx *c, int n)
{
	uint64_t args[1] = { EXACT_PERF | EXACT_RING };
	uint32_t retval = 0;
	int ret = 0;

	while (n-- > 0 && ret == 0) {
		ret = sys_prog_test_run(c->prog_fd, args, sizeof(args), NULL, 0, &retval);
		if (ret == 0 && retval != 0)
			ret = -EIO;
	}
	return ret;
}

static int read_all(struct ctx *c)
{
	struct bb_err err = { 0 };
	int a = bb_perf_buffer_consume(c->pb, &err);
	int b = bb_ringbuf_consume(c->rb, &err);

	if (a < 0 || b < 0)
		diag("consume: %s", err.msg);
	return a < 0 ? a : b < 0 ? b : 0;
}

static void test_stopped_reader(struct ctx *c)
{
	struct exact_tally t;
	int ret;

	ret = send(c, BURST);
	if (ret == 0)
		ret = read_all(c);
	/* The perf ring's LOST record goes out before the next that fits. */
	if (ret == 0)
		ret = send(c, 1);
	if (ret == 0)
		ret = read_all(c);
	is_int(ret, 0, "%d BPF_PROG_TEST_RUNs into stopped readers, then read", BURST + 1);
	t = tally(c);
	is_int(t.runs, BURST + 1, "the producer ran %d times", BURST + 1);

	diag("perf buffer (1 page): sent %llu received %llu reported lost %llu",
	     (unsigned long long)t.perf_sent, (unsigned long long)c->perf.records,
	     (unsigned long long)c->perf.lost);
	is_int(t.perf_sent, BURST + 1, "perf: every run sent a record");
	ok(c->perf.lost > 0 && c->perf.records > 0,
	   "perf: some received, some lost");
	is_int(c->perf.records + c->perf.lost, t.perf_sent,
	       "perf: received + reported lost == sent, exactly");
	is_int(c->perf.lost, t.perf_failed,
	       "perf: the kernel's lost count is the producer's failed outputs");
	is_int(c->perf.bad + c->perf.disorder, 0,
	       "perf: every record received intact and in order");

	diag("ring buffer (4 KiB): sent %llu received %llu reported lost %llu",
	     (unsigned long long)t.ring_sent, (unsigned long long)c->ring.records,
	     (unsigned long long)t.ring_failed);
	is_int(t.ring_sent, BURST + 1, "ring: every run sent a record");
	ok(t.ring_failed > 0 && c->ring.records > 0,
	   "ring: some received, some refused");
	is_int(c->ring.records + t.ring_failed, t.ring_sent,
	       "ring: received + counted failures == sent, exactly");
	is_int(c->ring.bad + c->ring.disorder, 0,
	       "ring: every record received intact and in order");
}

/* A reader that reads after every record loses nothing. */
static void test_reader_keeps_up(struct ctx *c)
{
	struct exact_tally before = tally(c), t;
	int i, ret = 0;

	c->perf = (struct got){ 0 };
	c->ring = (struct got){ 0 };
	for (i = 0; i < BURST && ret == 0; i++) {
		ret = send(c, 1);
		if (ret == 0)
			ret = read_all(c);
	}
	is_int(ret, 0, "%d runs, each read at once", BURST);
	t = tally(c);
	is_int(c->perf.records, t.perf_sent - before.perf_sent,
	       "perf: all %d received", BURST);
	is_int(c->perf.lost + t.perf_failed - before.perf_failed, 0,
	       "perf: none lost");
	is_int(c->ring.records, t.ring_sent - before.ring_sent,
	       "ring: all %d received", BURST);
	is_int(t.ring_failed - before.ring_failed, 0, "ring: none refused");
	is_int(c->perf.bad + c->perf.disorder + c->ring.bad + c->ring.disorder,
	       0, "all intact and in order");
}

/* One CPU: the flush run must reach the perf ring that lost records. */
static int stay_on_this_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static int open_all(struct ctx *c, struct bb_err *err)
{
	struct bb_prog *prog;
	int ret;

	ret = bb_object_open(&c->obj, OBJ, err);
	if (!ret)
		ret = bb_object_load(c->obj, err);
	if (ret)
		return ret;
	prog = bb_object_find_prog(c->obj, "exact_loss_send");
	c->prog_fd = prog ? bb_prog_fd(prog) : -1;
	ret = bb_perf_buffer_open(&c->pb, bb_object_find_map(c->obj, "perf_out"),
				  1, on_perf, on_lost, c, err);
	if (!ret)
		ret = bb_ringbuf_open(&c->rb, bb_object_find_map(c->obj, "ring_out"),
				      on_ring, c, err);
	return ret;
}

int main(void)
{
	struct bb_err err = { 0 };
	struct ctx c = { 0 };
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	ret = open_all(&c, &err);
	if (!ok(ret == 0 && c.prog_fd >= 0, "load %s, open both readers%s%s",
		OBJ, ret ? ": " : "", ret ? err.msg : "")) {
		diag("%s", bb_err_log(&err));
	} else if (!ok(stay_on_this_cpu() == 0, "stay on one CPU")) {
		diag("sched_setaffinity failed");
	} else {
		test_stopped_reader(&c);
		test_reader_keeps_up(&c);
	}
	bb_perf_buffer_free(c.pb);
	bb_ringbuf_free(c.rb);
	bb_object_close(c.obj);
	bb_err_free(&err);
	return done_testing();
}
