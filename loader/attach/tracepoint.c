// SPDX-License-Identifier: GPL-2.0
/*
 * tracepoint.c - attach a program to a tracepoint.
 *
 * A tracepoint is a perf event source: tracefs gives its numeric id
 * (events/CATEGORY/NAME/id), perf_event_open() with PERF_TYPE_TRACEPOINT
 * and that id creates an event, and the PERF_EVENT_IOC_SET_BPF ioctl hangs
 * the program on it.  The program runs on every CPU, whatever CPU the
 * event was opened for: BPF programs sit on the tracepoint itself
 * (trace_event_call->prog_array), the event is only the handle.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "elf/base/num.h"
#include "loader/sys/file.h"
#include "loader/attach/perf_attach.h"
#include "loader/sys/sys.h"
#include "loader/attach/tracepoint.h"

static int read_id(const char *path, uint32_t *id, struct bb_err *err)
{
	char buf[32];	/* "365\n": a u32 and a newline */
	uint64_t v;
	int ret;

	ret = file_read_text(path, buf, sizeof(buf), err);
	if (ret)
		return ret;
	if (num_parse(buf, UINT32_MAX, &v, NULL))
		return bb_errf(err, -EINVAL, "%s: not a tracepoint id", path);
	*id = v;
	return 0;
}

/* Does @dir/events exist?  (Tells a mounted tracefs from an empty dir.) */
static int tracefs_at(const char *dir)
{
	char path[PATH_MAX];
	int fd;

	fmt_snprintf(path, sizeof(path), "%s/events", dir);
	fd = sys_open(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return 0;
	sys_close(fd);
	return 1;
}

/*
 * Read the id straight from where tracefs usually is; only when that file
 * is missing do we look further (the old debugfs place, then whether
 * tracefs is mounted at all), so a normal run makes one openat() per
 * tracepoint and no probing.
 */
int tracepoint_id(const char *cat, const char *name, uint32_t *id,
		  struct bb_err *err)
{
	char path[PATH_MAX];
	int ret;

	fmt_snprintf(path, sizeof(path), "%s/events/%s/%s/id", TRACEFS_PATH,
		     cat, name);
	ret = read_id(path, id, err);
	if (ret != -ENOENT)
		return ret;
	if (tracefs_at(TRACEFS_PATH))
		return bb_errf(err, ret,
			       "tracepoint %s/%s does not exist in this kernel (no %s)",
			       cat, name, path);
	if (!tracefs_at(TRACEFS_DEBUGFS_PATH))
		return bb_errf(err, -ENOENT,
			       "tracefs is not mounted (looked in %s and %s): mount it with 'mount -t tracefs nodev %s'",
			       TRACEFS_PATH, TRACEFS_DEBUGFS_PATH, TRACEFS_PATH);
	fmt_snprintf(path, sizeof(path), "%s/events/%s/%s/id",
		     TRACEFS_DEBUGFS_PATH, cat, name);
	ret = read_id(path, id, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "tracepoint %s/%s does not exist in this kernel (no %s)",
			       cat, name, path);
	return ret;
}

static int open_event(uint32_t id, struct bb_err *err)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	attr.sample_period = 1;
	/* pid -1, cpu 0: one event is enough, see the top of this file. */
	fd = sys_perf_event_open(&attr, -1, 0, -1, 0);
	if (fd < 0)
		return bb_errf(err, fd,
			       "perf_event_open(PERF_TYPE_TRACEPOINT, id %u): %s%s",
			       id, errno_text(-fd), errno_hint(fd));
	return fd;
}

int tracepoint_open_event(const struct bb_prog *prog, struct bb_err *err)
{
	char cat[256], name[256];
	uint32_t id;
	int fd, ret;

	ret = tracepoint_split(prog->spec->target, cat, sizeof(cat), name,
			       sizeof(name), err);
	if (!ret)
		ret = tracepoint_id(cat, name, &id, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	fd = open_event(id, err);
	if (fd < 0)
		return bb_err_prefix(err, fd, "program '%s'", prog->spec->name);
	return fd;
}

int tracepoint_attach(struct bb_prog *prog, struct bb_err *err)
{
	int fd;

	fd = tracepoint_open_event(prog, err);
	if (fd < 0)
		return fd;
	return perf_attach(prog, fd, "tracepoint", err);
}
