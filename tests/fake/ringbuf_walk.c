// SPDX-License-Identifier: GPL-2.0
/*
 * ringbuf_walk.c - ringbuf_ring_consume() on BPF ring buffers built by
 * hand in plain memory.  The kernel maps the data area twice in a row; we
 * imitate that by writing every byte at both of its places.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "loader/stream/ringbuf_walk.h"
#include "tests/tap.h"

#define RING_SIZE 128

static unsigned long cons, prod;
static uint8_t data[2 * RING_SIZE] __attribute__((aligned(8)));
static struct ringbuf_ring ring = {
	.consumer_pos = &cons, .producer_pos = &prod, .data = data,
	.size = RING_SIZE,
};

static struct {
	int events;
	uint32_t sizes[8];
	uint8_t first[8];	/* first byte of each */
	int whole[8];		/* every byte as written */
} seen;

static int on_event(void *ctx, void *d, size_t size)
{
	const uint8_t *b = d;
	uint32_t i;
	int n = seen.events++;

	(void)ctx;
	if (n >= 8)
		return 0;
	seen.sizes[n] = size;
	seen.first[n] = b[0];
	seen.whole[n] = 1;
	for (i = 0; i < size; i++)
		seen.whole[n] &= b[i] == (uint8_t)(b[0] + i);
	return 0;
}

static void put(uint64_t pos, const void *src, size_t len)
{
	size_t i, off;

	for (i = 0; i < len; i++) {
		off = (pos + i) % RING_SIZE;
		data[off] = data[off + RING_SIZE] = ((const uint8_t *)src)[i];
	}
}

/* A record of @len bytes (seed, seed+1, ...) with header flags @flags. */
static uint64_t put_rec(uint64_t pos, uint32_t len, uint32_t flags,
			uint8_t seed)
{
	uint32_t hdr[2] = { len | flags, 0 };
	uint8_t body[RING_SIZE];
	uint32_t i;

	for (i = 0; i < len && i < sizeof(body); i++)
		body[i] = seed + i;
	put(pos, hdr, sizeof(hdr));
	put(pos + 8, body, len);
	return pos + ((8 + len + 7) & ~7u);
}

static void set_flags(uint64_t pos, uint32_t len, uint32_t flags)
{
	uint32_t word = len | flags;

	put(pos, &word, 4);
}

static void reset(uint64_t pos)
{
	memset(&seen, 0, sizeof(seen));
	memset(data, 0xee, sizeof(data));
	cons = prod = pos;
}

static void test_records(void)
{
	uint64_t a;

	reset(0);
	a = put_rec(0, 5, 0, 1);
	prod = put_rec(a, 16, 0, 100);
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), 2, "two records");
	is_int(seen.sizes[0], 5, "first size: as written, not rounded");
	ok(seen.whole[0] && seen.first[0] == 1, "first bytes");
	ok(seen.whole[1] && seen.first[1] == 100, "second bytes");
	is_int(a, 16, "5 bytes + header take 16 (8-byte aligned)");
	is_int(cons, prod, "consumer_pos caught up");
}

static void test_wraparound(void)
{
	uint64_t start = 5 * RING_SIZE + RING_SIZE - 16;

	reset(start);
	prod = put_rec(start, 40, 0, 7);	/* 8 data bytes, then wraps */
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), 1, "wrapped record");
	ok(seen.sizes[0] == 40 && seen.whole[0] && seen.first[0] == 7,
	   "read whole from the second mapping, no copy");
	is_int(cons, start + 48, "consumer_pos past it");
}

static void test_busy(void)
{
	uint64_t a, b;

	reset(0);
	a = put_rec(0, 8, 0, 1);
	b = put_rec(a, 8, BPF_RINGBUF_BUSY_BIT, 2);
	prod = put_rec(b, 8, 0, 3);
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), 1,
	       "busy record stops the walk");
	is_int(cons, a, "consumer_pos stops before it");
	set_flags(a, 8, 0);	/* the program submits it */
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), 2, "then the rest");
	ok(seen.first[1] == 2 && seen.first[2] == 3, "in order");
}

static void test_discard(void)
{
	uint64_t a, b;

	reset(64);
	a = put_rec(64, 8, 0, 1);
	b = put_rec(a, 24, BPF_RINGBUF_DISCARD_BIT, 2);
	prod = put_rec(b, 8, 0, 3);
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), 2,
	       "discarded record not handed over");
	ok(seen.first[0] == 1 && seen.first[1] == 3, "its neighbours are");
	is_int(cons, prod, "consumer_pos moved past it too");
}

static void test_corrupt(void)
{
	reset(0);
	put_rec(0, 8, 0, 1);
	set_flags(0, 4000, 0);	/* longer than what was produced */
	prod = 16;
	is_int(ringbuf_ring_consume(&ring, on_event, NULL), -EBADMSG,
	       "length past producer_pos: corrupt");
	is_int(seen.events, 0, "nothing handed over");
	is_int(cons, prod, "ring emptied, no spinning");
}

/* A producer that writes one more record each time we read one. */
static int produce_more;

static int on_event_produce(void *ctx, void *d, size_t size)
{
	on_event(ctx, d, size);
	if (produce_more-- > 0)
		prod = put_rec(prod, 8, 0, 10 + seen.events);
	return 0;
}

static void test_reread(void)
{
	reset(0);
	prod = put_rec(0, 8, 0, 10);
	produce_more = 3;
	is_int(ringbuf_ring_consume(&ring, on_event_produce, NULL), 4,
	       "records produced during the walk are read in the same call");
	is_int(cons, prod, "consumer_pos caught up with the new producer_pos");
	/* A producer that never stops: one ring's worth per call. */
	reset(0);
	prod = put_rec(0, 8, 0, 10);
	produce_more = 1000;
	ok(ringbuf_ring_consume(&ring, on_event_produce, NULL) <= RING_SIZE / 16 + 1,
	   "a producer that never stops: at most one ring's worth per call");
}

int main(void)
{
	test_records();
	test_wraparound();
	test_busy();
	test_discard();
	test_corrupt();
	test_reread();
	return done_testing();
}
