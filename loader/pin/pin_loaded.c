// SPDX-License-Identifier: GPL-2.0
/*
 * pin_loaded.c - pin a loaded object's maps and programs, all or nothing.
 */
#include <errno.h>
#include <limits.h>

#include "loader/pin/pin.h"
#include "loader/pin/pin_loaded.h"

uint32_t obj_pin_items(const struct bb_object *obj)
{
	return obj->spec.nr_maps + obj->spec.nr_progs;
}

int obj_pin_item(const struct bb_object *obj, uint32_t i, const char *dir,
		 char *path, size_t len, const char **name, int *fd,
		 struct bb_err *err)
{
	if (i < obj->spec.nr_maps) {
		*fd = obj->maps[i].fd;
		*name = obj->maps[i].spec->name;
	} else {
		i -= obj->spec.nr_maps;
		*fd = obj->progs[i].off ? -1 : obj->progs[i].fd;
		*name = obj->progs[i].spec->name;
	}
	if (*fd < 0)
		return 0;
	return pin_path(path, len, dir, *name, err);
}

/* Remove the pins of things [0, @n): this call made every one of them. */
static void unpin_made(const struct bb_object *obj, uint32_t n,
		       const char *dir)
{
	struct bb_err ignored = { 0 };
	char path[PATH_MAX];
	const char *name;
	uint32_t i;
	int fd;

	for (i = 0; i < n; i++)
		if (!obj_pin_item(obj, i, dir, path, sizeof(path), &name, &fd,
				  &ignored) && fd >= 0)
			bb_unpin(path, &ignored);
}

int obj_pin_loaded(const struct bb_object *obj, const char *dir,
		   struct bb_err *err)
{
	char path[PATH_MAX];
	const char *name;
	uint32_t i;
	int fd, ret = 0;

	for (i = 0; !ret && i < obj_pin_items(obj); i++) {
		ret = obj_pin_item(obj, i, dir, path, sizeof(path), &name, &fd,
				   err);
		if (!ret && fd >= 0)
			ret = bb_pin_fd(fd, path, err);
	}
	if (ret)
		unpin_made(obj, i - 1, dir);
	return ret;
}
