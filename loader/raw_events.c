// SPDX-License-Identifier: GPL-2.0
/*
 * raw_events.c - read a perf event array's records (see raw_events.h).
 *
 * The ring (include/uapi/linux/perf_event.h): the first page is a
 * struct perf_event_mmap_page, whose data_head the kernel advances and
 * whose data_tail we advance once we have read; the data pages follow.
 * Each record starts with a struct perf_event_header; a BPF output is a
 * PERF_RECORD_SAMPLE holding (u32 size, size bytes); PERF_RECORD_LOST
 * says how many were dropped because we read too slowly.  A record may
 * wrap around the end of the ring, so we copy it out byte by byte.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpus.h"
#include "file.h"
#include "map.h"
#include "raw_events.h"
#include "sys.h"

static int open_cpu(struct raw_events *ev, uint32_t cpu, struct bb_err *err)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW,
		.wakeup_events = 1,
	};
	struct raw_cpu *c = &ev->cpus[cpu];
	size_t len = (1 + RAW_EVENTS_PAGES) * ev->page;
	int fd, ret;

	fd = sys_perf_event_open(&attr, -1, cpu, -1, 0);
	if (fd == -ENODEV || fd == -EINVAL)
		return 0;	/* a possible CPU that is not online */
	if (fd < 0)
		return bb_errf(err, fd, "perf_event_open(BPF output, cpu %u): %s%s",
			       cpu, strerror(-fd), errno_hint(fd));
	c->fd = fd;
	c->mem = sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (sys_mmap_failed(c->mem)) {
		ret = (int)(long)c->mem;
		c->mem = NULL;
		return bb_errf(err, ret, "mmap of the perf ring of cpu %u: %s",
			       cpu, strerror(-ret));
	}
	ret = map_update(ev->map, &cpu, &fd, BPF_ANY);
	if (ret)
		return bb_errf(err, ret, "map '%s': slot %u = perf event: %s",
			       ev->map->spec->name, cpu, strerror(-ret));
	return sys_ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
}

int raw_events_open(struct raw_events *ev, const struct bpf_map *map,
		    struct bb_err *err)
{
	uint32_t i, n = map_max_entries(map);
	int ret;

	memset(ev, 0, sizeof(*ev));
	ev->map = map;
	ev->page = sysconf(_SC_PAGESIZE);
	if (!n) {
		ret = cpus_possible(&n, err);
		if (ret)
			return ret;
	}
	ev->cpus = calloc(n, sizeof(*ev->cpus));
	if (!ev->cpus)
		return bb_errf(err, -ENOMEM, "out of memory");
	ev->nr_cpus = n;
	for (i = 0; i < n; i++)
		ev->cpus[i].fd = -1;
	for (i = 0; i < n; i++) {
		ret = open_cpu(ev, i, err);
		if (ret) {
			raw_events_close(ev);
			return ret;
		}
	}
	return 0;
}

/* @len bytes at ring offset @off, unwrapped into @out. */
static void ring_copy(const uint8_t *data, uint64_t size, uint64_t off,
		      void *out, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		((uint8_t *)out)[i] = data[(off + i) & (size - 1)];
}

static int read_cpu(struct raw_events *ev, uint32_t cpu, raw_event_fn fn,
		    void *ctx)
{
	struct raw_cpu *c = &ev->cpus[cpu];
	struct perf_event_mmap_page *h = c->mem;
	const uint8_t *data = (const uint8_t *)c->mem + ev->page;
	uint64_t size = RAW_EVENTS_PAGES * ev->page, head, tail;
	struct perf_event_header hdr;
	uint8_t *rec;
	uint32_t raw;
	int n = 0;

	head = __atomic_load_n(&h->data_head, __ATOMIC_ACQUIRE);
	for (tail = h->data_tail; tail < head; tail += hdr.size) {
		ring_copy(data, size, tail, &hdr, sizeof(hdr));
		if (hdr.size < sizeof(hdr))
			break;
		rec = malloc(hdr.size);
		if (!rec)
			break;
		ring_copy(data, size, tail, rec, hdr.size);
		if (hdr.type == PERF_RECORD_SAMPLE && hdr.size >= sizeof(hdr) + 4) {
			memcpy(&raw, rec + sizeof(hdr), 4);
			if (raw <= hdr.size - sizeof(hdr) - 4)
				fn(ev, cpu, rec + sizeof(hdr) + 4, raw, ctx);
			n++;
		} else if (hdr.type == PERF_RECORD_LOST && hdr.size >= sizeof(hdr) + 16) {
			uint64_t lost;

			memcpy(&lost, rec + sizeof(hdr) + 8, 8);
			c->lost += lost;
		}
		free(rec);
	}
	__atomic_store_n(&h->data_tail, head, __ATOMIC_RELEASE);
	return n;
}

int raw_events_poll(struct raw_events *ev, raw_event_fn fn, void *ctx)
{
	uint32_t i;
	int n = 0;

	for (i = 0; i < ev->nr_cpus; i++)
		if (ev->cpus[i].mem)
			n += read_cpu(ev, i, fn, ctx);
	return n;
}

void raw_events_close(struct raw_events *ev)
{
	uint32_t i;

	for (i = 0; ev->cpus && i < ev->nr_cpus; i++) {
		if (ev->cpus[i].mem)
			sys_munmap(ev->cpus[i].mem,
				   (1 + RAW_EVENTS_PAGES) * ev->page);
		if (ev->cpus[i].fd >= 0)
			sys_close(ev->cpus[i].fd);
	}
	free(ev->cpus);
	memset(ev, 0, sizeof(*ev));
}
