/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lskel_attach.h - what the light-skeleton references share: a map
 * command (map_op()), and attaching a "tp/" program by hand
 * (bpftool's light skeleton cannot: "auto-attach not supported"):
 * perf_event_open of the tracepoint, PERF_EVENT_IOC_SET_BPF, ENABLE.
 * Shared by the light-skeleton references of bench/ref/.
 * Only for bench/bench.sh: never part of barebpf.
 */
#ifndef BENCH_REF_LSKEL_ATTACH_H
#define BENCH_REF_LSKEL_ATTACH_H

#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * One map command on @fd, made as the light skeleton makes its own
 * (skel_sys_bpf() of its skel_internal.h): LOOKUP_ELEM, GET_NEXT_KEY...
 */
static int map_op(enum bpf_cmd cmd, int fd, const void *key, void *val)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (long)key;
	a.value = (long)val;	/* next_key for GET_NEXT_KEY: same place */
	return skel_sys_bpf(cmd, &a, sizeof(a)) ? -errno : 0;
}

/* @event is "group/name" under tracefs: the perf fd, or -errno. */
static int attach_tp(const char *event, int prog_fd)
{
	struct perf_event_attr pa;
	char path[256], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/id", event);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EINVAL;
	buf[n] = '\0';
	memset(&pa, 0, sizeof(pa));
	pa.type = PERF_TYPE_TRACEPOINT;
	pa.size = sizeof(pa);
	pa.config = strtoull(buf, NULL, 10);
	pa.sample_period = 1;
	pa.wakeup_events = 1;
	fd = syscall(__NR_perf_event_open, &pa, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog_fd) ||
	    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		n = -errno;
		close(fd);
		return n;
	}
	return fd;
}

#endif
