/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ringbuf_walk.h - read the records of a BPF ring buffer (no system calls).
 *
 * A BPF_MAP_TYPE_RINGBUF map, as mmap() shows it (kernel/bpf/ringbuf.c):
 *
 *	page 0         consumer_pos   (ours: mapped read-write)
 *	page 1         producer_pos   (the kernel's: read-only for us)
 *	pages 2..      the data area, max_entries bytes, mapped twice in a
 *	               row, so a record that runs past the end of the area
 *	               simply continues into the second copy: never a copy.
 *
 * Positions are byte counters that only grow; the offset in the data area
 * is the counter & (size - 1).  Each record starts with an 8-byte header:
 * u32 len, whose top two bits are flags (BUSY: the program has reserved
 * it but not yet submitted it; DISCARD: the program threw it away), and
 * u32 pg_off (the kernel's own bookkeeping).  Records are 8-byte aligned.
 *
 * This file only walks memory, so tests can hand it a ring built in
 * plain memory.
 */
#ifndef BAREBPF_RINGBUF_WALK_H
#define BAREBPF_RINGBUF_WALK_H

#include <linux/bpf.h>		/* BPF_RINGBUF_BUSY_BIT and friends */
#include <stdint.h>

#include "loader/barebpf.h"	/* bb_ringbuf_fn */

struct ringbuf_ring {
	unsigned long *consumer_pos;		/* start of page 0 */
	const unsigned long *producer_pos;	/* start of page 1 */
	const uint8_t *data;	/* the data area (and its second copy) */
	uint64_t size;		/* max_entries: a power of two */
};

/*
 * Hand every submitted record from consumer_pos up to producer_pos to @fn,
 * skip discarded ones, stop at the first one still busy.  consumer_pos
 * moves past each record as soon as @fn returns; a negative return from
 * @fn stops the walk there and is returned (the record counts as read, as
 * in libbpf).  Returns the number of records handed to @fn, or -EBADMSG for a length that cannot be (then
 * consumer_pos jumps to producer_pos: everything in between is dropped).
 */
int ringbuf_ring_consume(struct ringbuf_ring *r, bb_ringbuf_fn fn,
			 void *ctx);

#endif
