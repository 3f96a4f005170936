/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf_walk.h - read the records of one perf ring (no system calls).
 *
 * A perf event's ring, as mmap() shows it: one control page
 * (struct perf_event_mmap_page) followed by a data area of 2^n pages.
 * The kernel writes records at data_head and moves data_head on; we read
 * from data_tail and move data_tail on to give the space back.  Both are
 * byte counters that only grow: the position in the data area is the
 * counter modulo its size.  Every record starts with a
 * struct perf_event_header { u32 type; u16 misc; u16 size; }.
 *
 * This file knows nothing of fds or mmap: it walks a ring wherever it is,
 * so tests can hand it a ring built in plain memory.
 */
#ifndef BAREBPF_PERF_WALK_H
#define BAREBPF_PERF_WALK_H

#include <linux/perf_event.h>
#include <stdint.h>

#include "loader/barebpf.h"	/* bb_sample_fn, bb_lost_fn */

/* A record's size is a u16, so no record is bigger than this. */
#define PERF_WALK_SCRATCH_SIZE 65536

/*
 * on_event: for each PERF_RECORD_SAMPLE, its PERF_SAMPLE_RAW bytes;
 * on_lost: for each PERF_RECORD_LOST, how many records the kernel dropped.
 * The types are the public ones, shaped like libbpf's.
 */
struct perf_handlers {
	bb_sample_fn on_event;
	bb_lost_fn on_lost;	/* may be NULL */
	void *ctx;
};

struct perf_ring {
	struct perf_event_mmap_page *meta;	/* the control page */
	uint8_t *data;				/* the data area */
	uint64_t size;				/* its size, a power of two */
	uint8_t *scratch;	/* PERF_WALK_SCRATCH_SIZE bytes, for records
				   that wrap around the end of the area */
	int cpu;		/* passed to the handlers */
};

/*
 * Hand every complete record between data_tail and data_head to @h, giving
 * each one's space back (data_tail) as soon as its handler returns.  A
 * record the kernel has not finished (data_head inside it) is left for the
 * next call.  Returns the number of records read, or -EBADMSG if a header
 * makes no sense (then everything up to data_head is dropped, so a broken
 * ring cannot make the reader spin).
 */
int perf_ring_consume(struct perf_ring *r, const struct perf_handlers *h);

#endif
