/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ringbuf.h - receive events a BPF program sends through a
 * BPF_MAP_TYPE_RINGBUF map (bpf_ringbuf_reserve/submit or _output).
 *
 * One ring shared by all CPUs, mapped straight from the map fd:
 *
 *	mmap(map_fd, offset 0, 1 page, read-write)    consumer_pos
 *	mmap(map_fd, offset 1 page, 1 page + 2 * size, read-only)
 *	                                              producer_pos + data
 *	epoll_ctl(ADD, map_fd)                        readable when data
 *
 * (the kernel maps the data area twice in a row, see ringbuf_walk.h).
 */
#ifndef BAREBPF_RINGBUF_H
#define BAREBPF_RINGBUF_H

#include <stddef.h>

#include "loader/core/types.h"
#include "loader/stream/ringbuf_walk.h"

struct bb_ringbuf {
	const struct bb_map *map;
	int epfd;
	void *cons_page;		/* page 0, read-write */
	void *prod_pages;		/* page 1 + data twice, read-only */
	size_t page_size, prod_len;
	struct ringbuf_ring ring;
	ringbuf_event_fn fn;
	void *ctx;
};

int bb_ringbuf_open(struct bb_ringbuf **out, const struct bb_map *map,
		 ringbuf_event_fn fn, void *ctx, struct bb_err *err);

/*
 * Wait up to @timeout_ms (-1: forever, 0: not at all) for data, then read
 * all there is.  Returns the number of records read (0 on timeout or
 * signal) or -errno.
 */
int bb_ringbuf_poll(struct bb_ringbuf *rb, int timeout_ms, struct bb_err *err);

/* Read all there is now.  Returns records read or -errno. */
int bb_ringbuf_consume(struct bb_ringbuf *rb, struct bb_err *err);

/* Unmap, close.  NULL is fine.  The map stays the caller's. */
void bb_ringbuf_free(struct bb_ringbuf *rb);

#endif
