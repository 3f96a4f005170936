/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf_buffer.h - receive events a BPF program sends with
 * bpf_perf_event_output() through a BPF_MAP_TYPE_PERF_EVENT_ARRAY.
 *
 * The map itself holds no data: each slot holds a perf event fd, one per
 * CPU, and the program writes into the ring of the event at the slot of
 * the CPU it runs on.  bb_perf_buffer_open() makes those events:
 *
 *	for each online CPU:
 *		perf_event_open(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_BPF_OUTPUT,
 *				PERF_SAMPLE_RAW, cpu)
 *		mmap(1 + data_pages pages)	the control page + the ring
 *		map[cpu] = fd
 *		ioctl(PERF_EVENT_IOC_ENABLE)
 *		epoll_ctl(ADD, fd)
 *
 * and bb_perf_buffer_poll() waits on the epoll and reads every ready ring.
 */
#ifndef BAREBPF_PERF_BUFFER_H
#define BAREBPF_PERF_BUFFER_H

#include "loader/core/types.h"
#include "loader/stream/perf_walk.h"

struct bb_perf_buffer {
	const struct bb_map *map;
	int epfd;
	uint32_t nr;			/* rings: one per online CPU */
	struct perf_ring *rings;
	int *fds;			/* the perf event of each ring */
	size_t mmap_len;		/* of each ring: 1 + data_pages pages */
	struct perf_handlers h;
	uint8_t *scratch;		/* shared by the rings */
	void *events;			/* epoll_wait's output, nr slots */
};

/*
 * bb_perf_buffer_open() (@pages: each CPU's ring, a power of two: the
 * kernel refuses anything else), _poll() (-EINTR is returned as 0: a
 * signal is not an error), _consume(), _epoll_fd() and _free() are
 * declared in loader/barebpf.h.
 */

#endif
