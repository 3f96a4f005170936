// SPDX-License-Identifier: GPL-2.0
/*
 * stream_setup.c - the system calls bb_perf_buffer_open() and bb_ringbuf_open()
 * make, checked against a fake kernel (sys_call replaced): which CPUs get a
 * ring, with what perf_event_attr, mmap sizes and protections, what goes
 * into the map, and that closing gives everything back.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "loader/stream/perf_buffer.h"
#include "loader/stream/ringbuf.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define PAGE 4096
#define FD_ONLINE 100
#define FD_EVENT 200	/* + cpu */
#define FD_EPOLL 300
#define FD_MAP 42

static struct {
	const char *online;	/* what /sys/devices/system/cpu/online says */
	uint32_t map_type, max_entries;
	int online_read;
	int opened[8], nr_opened, bad_attr;
	int updated[8];		/* key -> fd stored, -1 none */
	int deleted[8], enabled[8], watched[8];
	uint64_t epoll_data[8];
	size_t mmap_len[4];
	int mmap_prot[4];
	long mmap_off[4];
	int nr_mmap, nr_munmap, closed;
	void *mem[4];
} k;

static void fake_reset(const char *online, uint32_t type, uint32_t max)
{
	int i;

	for (i = 0; i < k.nr_mmap; i++)
		free(k.mem[i]);
	memset(&k, 0, sizeof(k));
	for (i = 0; i < 8; i++)
		k.updated[i] = -1;
	k.online = online;
	k.map_type = type;
	k.max_entries = max;
}

static long fake_bpf(int cmd, union bpf_attr *attr)
{
	struct bpf_map_info *info;
	uint32_t key;

	switch (cmd) {
	case BPF_OBJ_GET_INFO_BY_FD:
		info = (void *)(unsigned long)attr->info.info;
		info->type = k.map_type;
		info->max_entries = k.max_entries;
		return 0;
	case BPF_MAP_UPDATE_ELEM:
		key = *(uint32_t *)(unsigned long)attr->key;
		if (key < 8)
			k.updated[key] = *(int *)(unsigned long)attr->value;
		return 0;
	case BPF_MAP_DELETE_ELEM:
		key = *(uint32_t *)(unsigned long)attr->key;
		if (key < 8)
			k.deleted[key] = 1;
		return 0;
	}
	return -ENOSYS;
}

static long fake_perf_event_open(struct perf_event_attr *a, long pid, long cpu)
{
	k.bad_attr |= a->type != PERF_TYPE_SOFTWARE ||
		      a->config != PERF_COUNT_SW_BPF_OUTPUT ||
		      a->sample_type != PERF_SAMPLE_RAW ||
		      a->wakeup_events != 1 || pid != -1;
	k.opened[k.nr_opened++] = cpu;
	return FD_EVENT + cpu;
}

/* Real memory, shaped like a perf ring or a ring buffer's pages. */
static long fake_mmap(size_t len, int prot, int fd, long off)
{
	struct perf_event_mmap_page *meta;
	void *mem = aligned_alloc(PAGE, len);
	int i = k.nr_mmap++;

	memset(mem, 0, len);
	k.mem[i] = mem;
	k.mmap_len[i] = len;
	k.mmap_prot[i] = prot;
	k.mmap_off[i] = off;
	if (fd >= FD_EVENT) {
		meta = mem;
		meta->data_offset = PAGE;
		meta->data_size = len - PAGE;
	}
	return (long)mem;
}

static long fake(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	switch (nr) {
	case __NR_openat:
		return strcmp((char *)a2, "/sys/devices/system/cpu/online") ?
		       -ENOENT : FD_ONLINE;
	case __NR_read:
		if (a1 != FD_ONLINE || k.online_read++)
			return 0;
		strcpy((char *)a2, k.online);
		return strlen(k.online);
	case __NR_fstat:	/* sysfs files say 4096 or 0, whatever they hold */
		memset((void *)a2, 0, sizeof(struct stat));
		((struct stat *)a2)->st_mode = S_IFREG;
		return 0;
	case __NR_close:
		k.closed++;
		return 0;
	case __NR_bpf:
		return fake_bpf(a1, (void *)a2);
	case __NR_perf_event_open:
		return fake_perf_event_open((void *)a1, a2, a3);
	case __NR_mmap:
		return fake_mmap(a2, a3, a5, a6);
	case __NR_munmap:
		k.nr_munmap++;
		return 0;
	case __NR_ioctl:
		if (a1 >= FD_EVENT && a1 < FD_EVENT + 8 &&
		    (unsigned long)a2 == PERF_EVENT_IOC_ENABLE)
			k.enabled[a1 - FD_EVENT] = 1;
		return 0;
	case __NR_epoll_create1:
		return FD_EPOLL;
	case __NR_epoll_ctl:
		if (a1 == FD_EPOLL && a2 == EPOLL_CTL_ADD && a3 >= FD_EVENT &&
		    a3 < FD_EVENT + 8) {
			k.watched[a3 - FD_EVENT] = 1;
			k.epoll_data[a3 - FD_EVENT] =
				((struct epoll_event *)a4)->data.u64;
		}
		if (a1 == FD_EPOLL && a3 == FD_MAP)
			k.watched[7] = 1;
		return 0;
	}
	(void)a6;
	return -ENOSYS;
}

static void on_event(void *ctx, int cpu, void *d, uint32_t n)
{
	(void)ctx, (void)cpu, (void)d, (void)n;
}

static int on_ring(void *ctx, void *d, size_t n)
{
	(void)ctx, (void)d, (void)n;
	return 0;
}

static struct map_spec spec = { .name = "events" };
static struct bb_map map = { .spec = &spec, .fd = FD_MAP };
static void test_perf_setup(void)
{
	struct bb_perf_buffer *pb = NULL;
	struct bb_err err = { 0 };
	int ret;

	/* CPUs 0 and 2 online: numbers with a gap. */
	fake_reset("0,2\n", BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4);
	ret = bb_perf_buffer_open(&pb, &map, 2, on_event, NULL, NULL,
				   &err);
	is_int(ret, 0, "bb_perf_buffer_open: %s", ret ? err.msg : "ok");
	if (ret)
		return;
	ok(k.nr_opened == 2 && k.opened[0] == 0 && k.opened[1] == 2,
	   "one perf event per online CPU: 0 and 2");
	ok(!k.bad_attr, "SOFTWARE / BPF_OUTPUT / SAMPLE_RAW, wakeup per sample");
	ok(k.nr_mmap == 2 && k.mmap_len[0] == 3 * PAGE &&
	   k.mmap_prot[0] == (PROT_READ | PROT_WRITE),
	   "each mapped read-write, 1 + 2 pages");
	ok(k.updated[0] == FD_EVENT && k.updated[2] == FD_EVENT + 2 &&
	   k.updated[1] == -1, "map[cpu] = that CPU's event fd");
	ok(k.enabled[0] && k.enabled[2], "both enabled");
	ok(k.watched[0] && k.watched[2] && k.epoll_data[2] == 1,
	   "both in the epoll, tagged with their ring's index");
	ok(pb->rings[1].cpu == 2 && pb->rings[1].size == 2 * PAGE,
	   "ring 1 is CPU 2's, 2 pages of data");
	k.closed = 0;
	bb_perf_buffer_free(pb);
	ok(k.deleted[0] && k.deleted[2], "free: our slots emptied");
	ok(k.nr_munmap == 2 && k.closed == 3, "free: unmapped, 2 events + epoll closed");
}

static void test_perf_refusals(void)
{
	struct bb_perf_buffer *pb = NULL;
	struct bb_err err = { 0 };

	fake_reset("0-1\n", BPF_MAP_TYPE_PERF_EVENT_ARRAY, 2);
	is_int(bb_perf_buffer_open(&pb, &map, 3, on_event, NULL, NULL,
				   &err), -EINVAL,
	       "3 pages refused");
	like(err.msg, "power of two", "and said why");
	is_int(k.nr_opened, 0, "before opening anything");

	fake_reset("0,7\n", BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4);
	is_int(bb_perf_buffer_open(&pb, &map, 1, on_event, NULL, NULL,
				   &err), -E2BIG,
	       "online CPU 7 and 4 slots refused");
	like(err.msg, "max_entries 0", "with advice");

	fake_reset("0\n", BPF_MAP_TYPE_HASH, 4);
	is_int(bb_perf_buffer_open(&pb, &map, 1, on_event, NULL, NULL,
				   &err), -EINVAL,
	       "not a perf event array");
}

static void test_ringbuf_setup(void)
{
	struct bb_ringbuf *rb = NULL;
	struct bb_err err = { 0 };
	int ret;

	fake_reset("0\n", BPF_MAP_TYPE_RINGBUF, 4 * PAGE);
	ret = bb_ringbuf_open(&rb, &map, on_ring, NULL, &err);
	is_int(ret, 0, "bb_ringbuf_open: %s", ret ? err.msg : "ok");
	if (ret)
		return;
	ok(k.nr_mmap == 2, "two mappings");
	ok(k.mmap_off[0] == 0 && k.mmap_len[0] == PAGE &&
	   k.mmap_prot[0] == (PROT_READ | PROT_WRITE),
	   "consumer page: offset 0, one page, read-write");
	ok(k.mmap_off[1] == PAGE && k.mmap_len[1] == PAGE + 2 * 4 * PAGE &&
	   k.mmap_prot[1] == PROT_READ,
	   "producer page + data twice: offset 1 page, read-only");
	ok(rb->ring.data == (uint8_t *)k.mem[1] + PAGE &&
	   rb->ring.size == 4 * PAGE, "data right after the producer page");
	ok(k.watched[7], "the map fd itself is in the epoll");
	k.closed = 0;
	bb_ringbuf_free(rb);
	ok(k.nr_munmap == 2 && k.closed == 1,
	   "free: both unmapped, epoll closed, map fd left alone");
}

int main(void)
{
	sys_call = fake;
	test_perf_setup();
	test_perf_refusals();
	test_ringbuf_setup();
	fake_reset("", 0, 0);
	return done_testing();
}
