// SPDX-License-Identifier: GPL-2.0
/*
 * perf_attach.c - from a perf event fd to an attached program.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "elf/base/num.h"
#include "loader/sys/file.h"
#include "loader/attach/perf_attach.h"
#include "loader/sys/sys.h"

/*
 * The event was opened with attr.disabled = 0, so it is enabled already:
 * perf_event_alloc() leaves it PERF_EVENT_STATE_INACTIVE, not OFF, and
 * PERF_EVENT_IOC_ENABLE on such an event returns at once
 * (kernel/events/core.c, _perf_event_enable(), since Linux 2.6.31).  libbpf
 * makes that ioctl anyway; one SET_BPF is all the kernel needs.
 */
static int set_bpf(struct bb_prog *prog, int pfd, const char *what,
		   struct bb_err *err)
{
	int ret = sys_ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog->fd);

	if (ret)
		return bb_errf(err, ret, "program '%s': %s: ioctl(PERF_EVENT_IOC_SET_BPF): %s%s",
			       prog->spec->name, what, errno_text(-ret),
			       errno_hint(ret));
	prog->attach_fd = pfd;
	return 0;
}

static int link_create(struct bb_prog *prog, int pfd, const char *what,
		       struct bb_err *err)
{
	int fd = sys_link_create(prog->fd, pfd, BPF_PERF_EVENT);

	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s': %s: bpf(BPF_LINK_CREATE, BPF_PERF_EVENT): %s%s",
			       prog->spec->name, what, errno_text(-fd),
			       fd == -EINVAL ? " (perf links need Linux 5.15 or later)" : "");
	/* The link keeps its own reference to the event. */
	sys_close(pfd);
	prog->attach_fd = fd;
	return 0;
}

int perf_link_cookie(const struct bb_prog *prog, int pfd, uint64_t cookie,
		     const char *what, struct bb_err *err)
{
	int fd = sys_link_create_perf_cookie(prog->fd, pfd, cookie);

	sys_close(pfd);	/* the link keeps its own reference */
	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s': %s: bpf(BPF_LINK_CREATE, BPF_PERF_EVENT, cookie %llu): %s%s",
			       prog->spec->name, what, (unsigned long long)cookie,
			       errno_text(-fd),
			       fd == -EINVAL ? " (BPF cookies need Linux 5.15 or later)" : "");
	return fd;
}

int perf_attach(struct bb_prog *prog, int pfd, const char *what,
		struct bb_err *err)
{
	int ret;

	if (prog->perf_link)
		ret = link_create(prog, pfd, what, err);
	else
		ret = set_bpf(prog, pfd, what, err);
	if (ret && prog->attach_fd != pfd)
		sys_close(pfd);
	return ret;
}

int perf_attach_fds(struct bb_prog *prog, int *fds, uint32_t made,
		    uint32_t nr, int ret)
{
	if (ret) {
		sys_close_each(&fds, &made);
		return ret;
	}
	prog->attach_fd = fds[0];
	memmove(fds, fds + 1, (nr - 1) * sizeof(*fds));
	prog->more_fds = fds;
	prog->nr_more_fds = nr - 1;
	return 0;
}

void obj_use_perf_link(struct bb_object *obj, bool on)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_progs; i++)
		obj->progs[i].perf_link = on;
}

static int pmu_file(const char *pmu, const char *file, char **out,
		    struct bb_err *err)
{
	char path[PATH_MAX];
	uint8_t *buf;
	size_t len;
	int ret;

	fmt_snprintf(path, sizeof(path), "%s/%s/%s", PMU_SYSFS, pmu, file);
	ret = file_read_all(path, &buf, &len, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "this kernel has no %ss: %s is missing (built without CONFIG_%s_EVENTS)",
			       pmu, path, !strcmp(pmu, "kprobe") ? "KPROBE" : "UPROBE");
	if (ret)
		return ret;
	*out = (char *)buf;
	return 0;
}

/* A decimal number that is the whole of @s (a trailing newline is fine). */
static int parse_u32(const char *s, uint32_t *v)
{
	const char *end;
	uint64_t n;

	if (num_parse(s, UINT32_MAX, &n, &end) || (*end && *end != '\n'))
		return -EINVAL;
	*v = n;
	return 0;
}

int pmu_type(const char *pmu, uint32_t *type, struct bb_err *err)
{
	char *s;
	int ret = pmu_file(pmu, "type", &s, err);

	if (ret)
		return ret;
	ret = parse_u32(s, type);
	if (ret)
		bb_errf(err, ret, "%s/%s/type: not a number", PMU_SYSFS, pmu);
	free(s);
	return ret;
}

int pmu_retprobe_bit(const char *pmu, uint32_t *bit, struct bb_err *err)
{
	char *s;
	int ret = pmu_file(pmu, "format/retprobe", &s, err);

	if (ret)
		return ret;
	ret = strncmp(s, "config:", 7) ? -EINVAL : parse_u32(s + 7, bit);
	if (!ret && *bit > 63)
		ret = -EINVAL;
	if (ret)
		bb_errf(err, ret, "%s/%s/format/retprobe: expected 'config:BIT'",
			PMU_SYSFS, pmu);
	free(s);
	return ret;
}

int probe_event_open(const char *pmu, bool retprobe, const char *name,
		     uint64_t offset, struct bb_err *err)
{
	return probe_event_open_ref(pmu, retprobe, name, offset, 0, err);
}

int probe_event_open_ref(const char *pmu, bool retprobe, const char *name,
			 uint64_t offset, uint64_t ref_ctr_offset,
			 struct bb_err *err)
{
	struct perf_event_attr attr;
	uint32_t type, bit = 0;
	int fd;

	fd = pmu_type(pmu, &type, err);
	if (!fd && retprobe)
		fd = pmu_retprobe_bit(pmu, &bit, err);
	if (fd)
		return fd;
	memset(&attr, 0, sizeof(attr));
	attr.type = type;
	attr.config = retprobe ? 1ull << bit : 0;
	/* The uprobe PMU's format/ref_ctr_offset: "config:32-63" (4.20+). */
	attr.config |= ref_ctr_offset << 32;
	attr.config1 = (uint64_t)(unsigned long)name;
	attr.config2 = offset;
	/*
	 * pid -1, cpu 0: like a tracepoint, the program sits on the probe
	 * itself and runs on every CPU and in every process.
	 */
	fd = sys_perf_event_open(&attr, -1, 0, -1, 0);
	if (fd < 0)
		return bb_errf(err, fd,
			       "perf_event_open(%s%s '%s'+0x%llx): %s%s", pmu,
			       retprobe ? " retprobe" : "", name,
			       (unsigned long long)offset, errno_text(-fd),
			       errno_hint(fd));
	return fd;
}
