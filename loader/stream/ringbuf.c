// SPDX-License-Identifier: GPL-2.0
/*
 * ringbuf.c - map a BPF ring buffer and read it through epoll.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf/base/errno_names.h"
#include "loader/maps/map.h"
#include "loader/stream/ringbuf.h"
#include "loader/sys/sys.h"

static int map_pages(struct bb_ringbuf *rb, struct bb_err *err)
{
	const char *name = rb->map->spec->name;
	void *mem;

	/* Page 0: consumer_pos, the one thing we write. */
	mem = sys_mmap(NULL, rb->page_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       rb->map->fd, 0);
	if (sys_mmap_failed(mem))
		return bb_errf(err, (long)mem, "map '%s': mmap consumer page: %s",
			       name, errno_text(-(long)mem));
	rb->cons_page = mem;
	/* Page 1 and the data area (twice): the kernel forbids writing. */
	mem = sys_mmap(NULL, rb->prod_len, PROT_READ, MAP_SHARED, rb->map->fd,
		       rb->page_size);
	if (sys_mmap_failed(mem))
		return bb_errf(err, (long)mem,
			       "map '%s': mmap producer page and data (%zu bytes): %s",
			       name, rb->prod_len, errno_text(-(long)mem));
	rb->prod_pages = mem;
	rb->ring.consumer_pos = rb->cons_page;
	rb->ring.producer_pos = rb->prod_pages;
	rb->ring.data = (uint8_t *)rb->prod_pages + rb->page_size;
	return 0;
}

static int ringbuf_setup(struct bb_ringbuf *rb, struct bb_err *err)
{
	uint32_t size;
	int ret;

	rb->page_size = getauxval(AT_PAGESZ);
	ret = map_check_type(rb->map, BPF_MAP_TYPE_RINGBUF, &size, err);
	if (ret)
		return ret;
	rb->ring.size = size;	/* the data area: a power of two */
	rb->prod_len = rb->page_size + 2 * rb->ring.size;
	ret = map_pages(rb, err);
	if (ret)
		return ret;
	rb->epfd = sys_epoll_create();
	if (rb->epfd < 0)
		return bb_errf(err, rb->epfd, "epoll_create1: %s",
			       errno_text(-rb->epfd));
	ret = sys_epoll_ctl(rb->epfd, EPOLL_CTL_ADD, rb->map->fd, EPOLLIN, 0);
	if (ret)
		return bb_errf(err, ret, "map '%s': epoll_ctl(ADD): %s",
			       rb->map->spec->name, errno_text(-ret));
	return 0;
}

int bb_ringbuf_open(struct bb_ringbuf **out, const struct bb_map *map,
		    bb_ringbuf_fn fn, void *ctx, struct bb_err *err)
{
	struct bb_ringbuf *rb = calloc(1, sizeof(*rb));
	int ret;

	if (!rb)
		return bb_errf(err, -ENOMEM, "out of memory");
	rb->map = map;
	rb->fn = fn;
	rb->ctx = ctx;
	rb->epfd = -1;
	ret = ringbuf_setup(rb, err);
	if (ret) {
		bb_ringbuf_free(rb);
		return ret;
	}
	*out = rb;
	return 0;
}

int bb_ringbuf_consume(struct bb_ringbuf *rb, struct bb_err *err)
{
	int n = ringbuf_ring_consume(&rb->ring, rb->fn, rb->ctx);

	if (n == -EBADMSG)
		return bb_errf(err, n, "ring buffer '%s': corrupt record",
			       rb->map->spec->name);
	if (n < 0)
		return bb_errf(err, n, "ring buffer '%s': the callback returned %d",
			       rb->map->spec->name, n);
	return n;
}

int bb_ringbuf_epoll_fd(const struct bb_ringbuf *rb)
{
	return rb->epfd;
}

int bb_ringbuf_poll(struct bb_ringbuf *rb, int timeout_ms, struct bb_err *err)
{
	struct epoll_event ev;
	int nev;

	nev = sys_epoll_wait(rb->epfd, &ev, 1, timeout_ms);
	if (nev == -EINTR || nev == 0)
		return 0;
	if (nev < 0)
		return bb_errf(err, nev, "epoll_wait: %s", errno_text(-nev));
	return bb_ringbuf_consume(rb, err);
}

void bb_ringbuf_free(struct bb_ringbuf *rb)
{
	if (!rb)
		return;
	if (rb->prod_pages)
		sys_munmap(rb->prod_pages, rb->prod_len);
	if (rb->cons_page)
		sys_munmap(rb->cons_page, rb->page_size);
	if (rb->epfd >= 0)
		sys_close(rb->epfd);
	free(rb);
}
