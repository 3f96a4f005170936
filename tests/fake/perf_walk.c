// SPDX-License-Identifier: GPL-2.0
/*
 * perf_walk.c - perf_ring_consume() on perf rings built by hand in plain
 * memory: what the kernel would have written, byte for byte.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/stream/perf_walk.h"
#include "tests/tap.h"

#define RING_SIZE 256

static struct perf_event_mmap_page meta;
static uint8_t data[RING_SIZE] __attribute__((aligned(8)));
static uint8_t scratch[PERF_WALK_SCRATCH_SIZE] __attribute__((aligned(8)));
static struct perf_ring ring = {
	.meta = &meta, .data = data, .size = RING_SIZE, .scratch = scratch,
	.cpu = 3,
};

/* What the handlers saw. */
static struct {
	int events, lost_calls, bad_cpu;
	uint64_t lost;
	uint8_t last[256];
	uint32_t last_size;
} seen;

static void on_event(void *ctx, int cpu, void *d, uint32_t size)
{
	(void)ctx;
	seen.events++;
	seen.bad_cpu |= cpu != 3;
	seen.last_size = size;
	memcpy(seen.last, d, size < sizeof(seen.last) ? size : sizeof(seen.last));
}

static void on_lost(void *ctx, int cpu, __u64 count)
{
	(void)ctx;
	seen.lost_calls++;
	seen.bad_cpu |= cpu != 3;
	seen.lost += count;
}

static const struct perf_handlers handlers = { on_event, on_lost, NULL };

/* Write @len bytes at counter @pos, wrapping at the end as the kernel does. */
static void put(uint64_t pos, const void *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		data[(pos + i) % RING_SIZE] = ((const uint8_t *)src)[i];
}

/* A PERF_RECORD_SAMPLE with @len raw bytes (i, i+1, ... from @seed). */
static uint64_t put_sample(uint64_t pos, uint32_t len, uint8_t seed)
{
	struct perf_event_header h = {
		.type = PERF_RECORD_SAMPLE,
		.size = (sizeof(h) + 4 + len + 7) & ~7u,
	};
	uint32_t raw = h.size - sizeof(h) - 4;	/* the kernel pads raw data */
	uint8_t body[256] = { 0 };
	uint32_t i;

	for (i = 0; i < len; i++)
		body[i] = seed + i;
	put(pos, &h, sizeof(h));
	put(pos + sizeof(h), &raw, 4);
	put(pos + sizeof(h) + 4, body, raw);
	return pos + h.size;
}

static uint64_t put_lost(uint64_t pos, uint64_t count)
{
	struct perf_event_header h = { .type = PERF_RECORD_LOST, .size = 24 };
	uint64_t id = 7;

	put(pos, &h, sizeof(h));
	put(pos + 8, &id, 8);
	put(pos + 16, &count, 8);
	return pos + h.size;
}

static uint64_t put_header(uint64_t pos, uint32_t type, uint16_t size)
{
	struct perf_event_header h = { .type = type, .size = size };

	put(pos, &h, sizeof(h));
	return pos + size;
}

/* Start over with an empty ring whose counters are at @pos. */
static void reset(uint64_t pos)
{
	memset(&seen, 0, sizeof(seen));
	memset(data, 0xee, sizeof(data));
	meta.data_head = meta.data_tail = pos;
}

static int pattern_ok(uint32_t len, uint8_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (seen.last[i] != (uint8_t)(seed + i))
			return 0;
	return 1;
}

static void test_two_samples(void)
{
	uint64_t pos;

	reset(0);
	pos = put_sample(0, 4, 10);
	pos = put_sample(pos, 20, 50);
	meta.data_head = pos;
	is_int(perf_ring_consume(&ring, &handlers), 2, "two samples read");
	is_int(seen.events, 2, "two events handed over");
	ok(seen.last_size >= 20 && pattern_ok(20, 50), "second sample's bytes");
	is_int(meta.data_tail, pos, "data_tail given back up to data_head");
	is_int(perf_ring_consume(&ring, &handlers), 0, "nothing more");
}

static void test_wraparound(void)
{
	uint64_t start = 3 * RING_SIZE + 200, pos;

	reset(start);
	pos = put_sample(start, 100, 1);	/* 56 bytes fit, the rest wraps */
	meta.data_head = pos;
	is_int(perf_ring_consume(&ring, &handlers), 1, "wrapped sample read");
	ok(seen.last_size >= 100 && pattern_ok(100, 1),
	   "wrapped sample intact (through the scratch buffer)");
	is_int(meta.data_tail, pos, "data_tail past the wrapped record");
}

static void test_lost(void)
{
	uint64_t pos;

	reset(40);
	pos = put_sample(40, 8, 0);
	pos = put_lost(pos, 17);
	pos = put_sample(pos, 8, 0);
	meta.data_head = pos;
	is_int(perf_ring_consume(&ring, &handlers), 3, "sample, lost, sample");
	is_int(seen.events, 2, "two samples");
	is_int(seen.lost_calls, 1, "one lost record");
	is_int(seen.lost, 17, "its count");
	ok(!seen.bad_cpu, "handlers got the ring's cpu");
}

static void test_unknown_type_skipped(void)
{
	uint64_t pos;

	reset(0);
	pos = put_header(0, PERF_RECORD_MMAP, 32);
	pos = put_sample(pos, 8, 0);
	meta.data_head = pos;
	is_int(perf_ring_consume(&ring, &handlers), 2, "two records walked");
	is_int(seen.events, 1, "the unknown one is skipped");
}

static void test_partial(void)
{
	uint64_t first, second;

	reset(0);
	first = put_sample(0, 8, 0);
	second = put_sample(first, 40, 9);
	meta.data_head = first + 20;	/* inside the second record */
	is_int(perf_ring_consume(&ring, &handlers), 1, "only the whole record");
	is_int(meta.data_tail, first, "tail stops before the partial one");
	meta.data_head = first + 4;	/* not even a whole header */
	is_int(perf_ring_consume(&ring, &handlers), 0, "half a header: wait");
	meta.data_head = second;
	is_int(perf_ring_consume(&ring, &handlers), 1, "completed later");
	ok(pattern_ok(40, 9), "and intact");
}

static void test_corrupt(void)
{
	uint64_t pos;

	reset(0);
	pos = put_header(0, PERF_RECORD_SAMPLE, 4);	/* smaller than a header */
	meta.data_head = pos + 60;
	is_int(perf_ring_consume(&ring, &handlers), -EBADMSG, "size 4: corrupt");
	is_int(meta.data_tail, meta.data_head, "ring emptied, no spinning");

	reset(0);
	meta.data_head = put_header(0, PERF_RECORD_SAMPLE, 16);
	put(8, &(uint32_t){ 200 }, 4);	/* raw size past the record */
	is_int(perf_ring_consume(&ring, &handlers), -EBADMSG,
	       "raw size beyond the record: corrupt");
	is_int(seen.events, 0, "nothing handed over");

	reset(0);
	put_header(0, PERF_RECORD_SAMPLE, 512);	/* bigger than the ring */
	meta.data_head = 512;
	is_int(perf_ring_consume(&ring, &handlers), -EBADMSG,
	       "record larger than the ring: corrupt");
}

int main(void)
{
	test_two_samples();
	test_wraparound();
	test_lost();
	test_unknown_type_skipped();
	test_partial();
	test_corrupt();
	return done_testing();
}
