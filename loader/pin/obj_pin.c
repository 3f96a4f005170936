// SPDX-License-Identifier: GPL-2.0
/*
 * obj_pin.c - attach through pinned links, find them again, remove them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/pin/obj_pin.h"
#include "loader/pin/pin.h"
#include "loader/sys/sys.h"
#include "loader/attach/tracepoint.h"

static int link_path(char *out, size_t len, const char *dir,
		     const struct bb_prog *prog, struct bb_err *err)
{
	char name[BPF_OBJ_NAME_LEN + 64];

	fmt_snprintf(name, sizeof(name), "link_%s", prog->spec->name);
	return pin_path(out, len, dir, name, err);
}

/*
 * The link holds the perf event, so the event's own fd can be closed at
 * once: closing (or unpinning) the link then detaches the program.
 */
static int tracepoint_link(struct bb_prog *prog, struct bb_err *err)
{
	int ev, link;

	ev = tracepoint_open_event(prog, err);
	if (ev < 0)
		return ev;
	link = sys_link_create(prog->fd, ev, BPF_PERF_EVENT);
	sys_close(ev);
	if (link < 0)
		return bb_errf(err, link,
			       "program '%s': bpf(BPF_LINK_CREATE, BPF_PERF_EVENT): %s%s",
			       prog->spec->name, errno_text(-link),
			       link == -EINVAL ? " (perf event links need Linux 5.15 or later)" : "");
	prog->attach_fd = link;
	return 0;
}

static int attach_one(struct bb_prog *prog, const char *dir,
		      struct bb_err *err)
{
	char path[PATH_MAX];
	int ret;

	if (prog->spec->def->attach != ATTACH_TRACEPOINT)
		return bb_errf(err, -ENOTSUP,
			       "program '%s': only tracepoint programs can be attached through pinned links yet",
			       prog->spec->name);
	ret = link_path(path, sizeof(path), dir, prog, err);
	if (!ret)
		ret = tracepoint_link(prog, err);
	if (!ret)
		ret = bb_pin_fd(prog->attach_fd, path, err);
	if (ret != -EEXIST)
		return ret;
	/* A link a previous run left alone (its partner was missing). */
	ret = bb_unpin(path, err);
	if (!ret)
		ret = bb_pin_fd(prog->attach_fd, path, err);
	return ret;
}

int obj_attach_pinned(struct bb_object *obj, const char *dir,
		      struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < obj->spec.nr_progs; i++) {
		ret = attach_one(&obj->progs[i], dir, err);
		if (ret)
			return ret;
	}
	return 0;
}

int obj_links_pinned(const struct bb_object *obj, const char *dir)
{
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	uint32_t i;
	int fd;

	for (i = 0; i < obj->spec.nr_progs; i++) {
		if (link_path(path, sizeof(path), dir, &obj->progs[i], &err))
			return 0;
		fd = bb_pinned_open(path, &err);
		if (fd < 0)
			return 0;
		sys_close(fd);
	}
	return obj->spec.nr_progs > 0;
}

static int unpin_one(const char *path, int *removed, struct bb_err *err)
{
	int ret = bb_unpin(path, err);

	if (!ret)
		(*removed)++;
	return ret == -ENOENT ? 0 : ret;
}

int obj_unpin(const struct bb_object *obj, const char *dir, int *removed,
	      struct bb_err *err)
{
	char path[PATH_MAX];
	uint32_t i;
	int ret = 0;

	*removed = 0;
	/* Links first: the programs stop before their maps go. */
	for (i = 0; !ret && i < obj->spec.nr_progs; i++) {
		ret = link_path(path, sizeof(path), dir, &obj->progs[i], err);
		if (!ret)
			ret = unpin_one(path, removed, err);
	}
	for (i = 0; !ret && i < obj->spec.nr_maps; i++) {
		if (!obj->spec.maps[i].pinning)
			continue;
		ret = pin_path(path, sizeof(path), dir, obj->spec.maps[i].name,
			       err);
		if (!ret)
			ret = unpin_one(path, removed, err);
	}
	if (ret)
		return ret;
	ret = pin_rmdir(dir, err);
	if (ret == -ENOENT)
		return 0;
	if (ret == -ENOTEMPTY)
		return bb_errf(err, ret,
			       "'%s' still holds pins that are not this object's: left it in place",
			       dir);
	return ret;
}
