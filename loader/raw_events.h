/* SPDX-License-Identifier: GPL-2.0 */
/*
 * raw_events.h - the records programs write into a perf event array
 * (bpf_perf_event_output), read raw: one software "BPF output" perf event
 * per CPU, its ring buffer mmap'ed, its fd stored at the CPU's index in
 * the map.  Enough for bbload --run to show what a real-world tool's
 * programs emit; the event-stream work (ring buffers, decoding) is
 * another part of barebpf.
 */
#ifndef BAREBPF_RAW_EVENTS_H
#define BAREBPF_RAW_EVENTS_H

#include <stdint.h>

#include "object.h"

#define RAW_EVENTS_PAGES 8	/* data pages per CPU, a power of two */

struct raw_cpu {
	int fd;			/* -1: CPU not online */
	void *mem;		/* header page + data pages */
	uint64_t lost;
};

struct raw_events {
	const struct bpf_map *map;
	struct raw_cpu *cpus;
	uint32_t nr_cpus;
	size_t page;
};

/* Open one perf event per CPU for perf event array @map. */
int raw_events_open(struct raw_events *ev, const struct bpf_map *map,
		    struct bb_err *err);

/* Call @fn for every record waiting; returns how many there were. */
typedef void (*raw_event_fn)(const struct raw_events *ev, uint32_t cpu,
			     const uint8_t *data, uint32_t size, void *ctx);
int raw_events_poll(struct raw_events *ev, raw_event_fn fn, void *ctx);

void raw_events_close(struct raw_events *ev);

#endif
