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
	bb_ringbuf_fn fn;
	void *ctx;
};

/*
 * bb_ringbuf_open(), _poll() (wait up to @timeout_ms, -1: forever, 0: not
 * at all, then read all there is), _consume(), _epoll_fd() and _free()
 * are declared in loader/barebpf.h.
 */

#endif
