// SPDX-License-Identifier: GPL-2.0
/*
 * pin_api.c - pin a map, program or link the caller holds (loader/barebpf.h),
 * through the checked path of pin.c.
 */
#include <errno.h>

#include "loader/pin/pin.h"
#include "loader/core/types.h"

int bb_map_pin(const struct bb_map *map, const char *path, struct bb_err *err)
{
	if (map->fd < 0)
		return bb_errf(err, -EINVAL, "map '%s' is not created yet",
			       map->spec->name);
	return bb_pin_fd(map->fd, path, err);
}

int bb_prog_pin(const struct bb_prog *prog, const char *path,
		struct bb_err *err)
{
	if (prog->fd < 0)
		return bb_errf(err, -EINVAL, "program '%s' is not loaded",
			       prog->spec->name);
	return bb_pin_fd(prog->fd, path, err);
}

int bb_link_pin(const struct bb_link *link, const char *path,
		struct bb_err *err)
{
	return bb_pin_fd(link->fd, path, err);
}
