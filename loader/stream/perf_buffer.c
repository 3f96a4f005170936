// SPDX-License-Identifier: GPL-2.0
/*
 * perf_buffer.c - one perf ring per online CPU, read through one epoll.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf/base/errno_names.h"
#include "loader/sys/cpus.h"
#include "loader/sys/file.h"
#include "loader/maps/map.h"
#include "loader/stream/perf_buffer.h"
#include "loader/sys/sys.h"

/*
 * The event bpf_perf_event_output() writes into: a software event that
 * counts nothing by itself, and wakes the reader (poll) after every sample.
 */
static int open_event(int cpu, struct bb_err *err)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	fd = sys_perf_event_open(&attr, -1, cpu, -1, 0);
	if (fd < 0)
		return bb_errf(err, fd,
			       "perf_event_open(PERF_COUNT_SW_BPF_OUTPUT, cpu %d): %s%s",
			       cpu, errno_text(-fd), errno_hint(fd));
	return fd;
}

/* Ring @i on CPU @cpu: open, map, put in the map, enable, watch. */
static int ring_open(struct bb_perf_buffer *pb, uint32_t i, uint32_t cpu,
		     struct bb_err *err)
{
	struct perf_ring *r = &pb->rings[i];
	void *mem;
	int fd, ret;

	fd = open_event(cpu, err);
	if (fd < 0)
		return fd;
	pb->fds[i] = fd;
	mem = sys_mmap(NULL, pb->mmap_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		       fd, 0);
	if (sys_mmap_failed(mem))
		return bb_errf(err, (long)mem,
			       "mmap of the perf ring of cpu %u (%zu bytes): %s%s",
			       cpu, pb->mmap_len, errno_text(-(long)mem),
			       (long)mem == -EPERM ?
			       " (raise RLIMIT_MEMLOCK or kernel.perf_event_mlock_kb)" : "");
	r->meta = mem;
	r->data = (uint8_t *)mem + r->meta->data_offset;
	r->size = r->meta->data_size;
	r->scratch = pb->scratch;
	r->cpu = cpu;
	ret = bb_map_update(pb->map, &cpu, &fd, BPF_ANY);
	if (ret)
		return bb_errf(err, ret, "map '%s': store perf event of cpu %u: %s",
			       pb->map->spec->name, cpu, errno_text(-ret));
	ret = sys_ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	if (ret)
		return bb_errf(err, ret, "ioctl(PERF_EVENT_IOC_ENABLE) cpu %u: %s",
			       cpu, errno_text(-ret));
	ret = sys_epoll_ctl(pb->epfd, EPOLL_CTL_ADD, fd, EPOLLIN, i);
	if (ret)
		return bb_errf(err, ret, "epoll_ctl(ADD) cpu %u: %s", cpu,
			       errno_text(-ret));
	return 0;
}

static int alloc_rings(struct bb_perf_buffer *pb, uint32_t nr,
		       struct bb_err *err)
{
	uint32_t i;

	pb->nr = nr;
	pb->rings = calloc(nr, sizeof(*pb->rings));
	pb->fds = calloc(nr, sizeof(*pb->fds));
	pb->events = calloc(nr, sizeof(struct epoll_event));
	pb->scratch = malloc(PERF_WALK_SCRATCH_SIZE);
	if (!pb->rings || !pb->fds || !pb->events || !pb->scratch)
		return bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; i < nr; i++)
		pb->fds[i] = -1;
	return 0;
}

static int open_rings(struct bb_perf_buffer *pb, uint32_t data_pages,
		      struct bb_err *err)
{
	uint32_t *cpus = NULL, nr = 0, slots = 0, i;
	int ret;

	if (!data_pages || (data_pages & (data_pages - 1)))
		return bb_errf(err, -EINVAL,
			       "perf buffer: %u data pages is not a power of two",
			       data_pages);
	pb->mmap_len = (size_t)(1 + data_pages) * getauxval(AT_PAGESZ);
	ret = map_check_type(pb->map, BPF_MAP_TYPE_PERF_EVENT_ARRAY, &slots,
			     err);
	if (!ret)
		ret = cpus_read(CPUS_ONLINE_PATH, &cpus, &nr, err);
	if (!ret && cpus[nr - 1] >= slots)
		ret = bb_errf(err, -E2BIG,
			      "map '%s' has %u slots but cpu %u is online (declare max_entries 0 to get one per CPU)",
			      pb->map->spec->name, slots, cpus[nr - 1]);
	if (!ret)
		ret = alloc_rings(pb, nr, err);
	if (!ret) {
		pb->epfd = sys_epoll_create();
		if (pb->epfd < 0)
			ret = bb_errf(err, pb->epfd, "epoll_create1: %s",
				      errno_text(-pb->epfd));
	}
	for (i = 0; !ret && i < nr; i++)
		ret = ring_open(pb, i, cpus[i], err);
	free(cpus);
	return ret;
}

int bb_perf_buffer_open(struct bb_perf_buffer **out, const struct bb_map *map,
			uint32_t pages, bb_sample_fn sample, bb_lost_fn lost,
			void *ctx, struct bb_err *err)
{
	const struct perf_handlers h = { sample, lost, ctx };
	struct bb_perf_buffer *pb = calloc(1, sizeof(*pb));
	int ret;

	if (!pb)
		return bb_errf(err, -ENOMEM, "out of memory");
	pb->map = map;
	pb->h = h;
	pb->epfd = -1;
	ret = open_rings(pb, pages, err);
	if (ret) {
		bb_perf_buffer_free(pb);
		return ret;
	}
	*out = pb;
	return 0;
}

static int consume_ring(struct bb_perf_buffer *pb, uint32_t i,
			struct bb_err *err)
{
	int n = perf_ring_consume(&pb->rings[i], &pb->h);

	if (n < 0)
		return bb_errf(err, n, "perf ring of cpu %d: corrupt record",
			       pb->rings[i].cpu);
	return n;
}

int bb_perf_buffer_poll(struct bb_perf_buffer *pb, int timeout_ms,
		     struct bb_err *err)
{
	struct epoll_event *ev = pb->events;
	int nev, i, n, total = 0;

	nev = sys_epoll_wait(pb->epfd, ev, pb->nr, timeout_ms);
	if (nev == -EINTR)
		return 0;
	if (nev < 0)
		return bb_errf(err, nev, "epoll_wait: %s", errno_text(-nev));
	for (i = 0; i < nev; i++) {
		n = consume_ring(pb, ev[i].data.u64, err);
		if (n < 0)
			return n;
		total += n;
	}
	return total;
}

int bb_perf_buffer_consume(struct bb_perf_buffer *pb, struct bb_err *err)
{
	uint32_t i;
	int n, total = 0;

	for (i = 0; i < pb->nr; i++) {
		n = consume_ring(pb, i, err);
		if (n < 0)
			return n;
		total += n;
	}
	return total;
}

int bb_perf_buffer_epoll_fd(const struct bb_perf_buffer *pb)
{
	return pb->epfd;
}

void bb_perf_buffer_free(struct bb_perf_buffer *pb)
{
	uint32_t i, cpu;

	if (!pb)
		return;
	for (i = 0; pb->fds && i < pb->nr; i++) {
		if (pb->fds[i] < 0)
			continue;
		/*
		 * The map holds its own reference to the event: empty our
		 * slot, or the event (and its ring) lives on in the map.
		 */
		cpu = pb->rings[i].cpu;
		if (pb->rings[i].meta) {
			bb_map_delete(pb->map, &cpu);
			sys_munmap(pb->rings[i].meta, pb->mmap_len);
		}
		sys_close(pb->fds[i]);
	}
	if (pb->epfd >= 0)
		sys_close(pb->epfd);
	free(pb->rings);
	free(pb->fds);
	free(pb->events);
	free(pb->scratch);
	free(pb);
}
