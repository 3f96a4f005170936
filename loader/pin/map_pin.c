// SPDX-License-Identifier: GPL-2.0
/*
 * map_pin.c - reuse existing maps: pinned by name, or an fd given to us.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/core/parts.h"
#include "loader/maps/map.h"
#include "loader/pin/map_pin.h"
#include "loader/pin/pin.h"
#include "loader/sys/sys.h"

/* Values of __uint(pinning, ...), as libbpf numbers them. */
#define PIN_NONE 0
#define PIN_BY_NAME 1

void bb_object_set_pin_dir(struct bb_object *obj, const char *dir)
{
	obj->pin_dir = dir;
}

/* The map's spec is const to the loader; its object owns it. */
int bb_map_set_pin_by_name(struct bb_map *map, struct bb_err *err)
{
	const char *name = map->spec->name;

	if (!map->obj)
		return bb_errf(err, -EINVAL,
			       "map '%s' was made by bb_map_create(): pin it with bb_map_pin()",
			       name);
	if (map->fd >= 0)
		return bb_errf(err, -EBUSY, "map '%s' is already loaded", name);
	map->obj->spec.maps[map - map->obj->maps].pinning = PIN_BY_NAME;
	return 0;
}

struct field {
	const char *name;
	uint32_t have, want;
};

int map_check_compat(const struct map_spec *s, int fd, const char *what,
		     struct bb_err *err)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info), i;
	int ret;

	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	if (ret)
		return bb_errf(err, ret,
			       "map '%s': bpf(BPF_OBJ_GET_INFO_BY_FD) on %s: %s",
			       s->name, what, errno_text(-ret));
	const struct field f[] = {
		{ "type", info.type, s->type },
		{ "key_size", info.key_size, s->key_size },
		{ "value_size", info.value_size, s->value_size },
		{ "max_entries", info.max_entries, s->max_entries },
		{ "map_flags", info.map_flags, s->map_flags },
	};
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].have != f[i].want)
			return bb_errf(err, -EINVAL,
				       "map '%s': cannot reuse %s (map id %u): its %s is %u, the object declares %u",
				       s->name, what, info.id, f[i].name,
				       f[i].have, f[i].want);
	return 0;
}

int bb_map_reuse_fd(struct bb_map *map, int fd, struct bb_err *err)
{
	const char *name = map->spec->name;
	char what[32];
	int ret, dup;

	fmt_snprintf(what, sizeof(what), "fd %d", fd);
	ret = map_check_compat(map->spec, fd, what, err);
	if (ret)
		return ret;
	dup = sys_dup(fd);
	if (dup < 0)
		return bb_errf(err, dup, "map '%s': dup(%d): %s", name, fd,
			       errno_text(-dup));
	if (map->fd >= 0)
		sys_close(map->fd);
	map->fd = dup;
	map->reused = true;
	return 0;
}

int map_pin_path(const struct bb_object *obj, const struct bb_map *map,
		 char *out, size_t len, struct bb_err *err)
{
	return pin_path(out, len, obj->pin_dir ? obj->pin_dir : PIN_DIR_DEFAULT,
			map->spec->name, err);
}

/* Open the pin at @path if there is one: 0, -ENOENT (none), or an error. */
static int open_pinned(struct bb_map *map, const char *path,
		       struct bb_err *err)
{
	char what[PATH_MAX + 16];
	int fd, ret;

	fd = bb_pinned_open(path, err);
	if (fd < 0)
		return fd;
	fmt_snprintf(what, sizeof(what), "the map pinned at '%s'", path);
	ret = map_check_compat(map->spec, fd, what, err);
	if (ret) {
		sys_close(fd);
		return ret;
	}
	map->fd = fd;
	map->reused = true;
	return 0;
}

/*
 * BPF_MAP_CREATE for one of @obj's maps; a map of maps goes through the
 * map-in-map part (loader/maps/map_in_map.c), which makes its template
 * first.
 */
static int map_make(struct bb_object *obj, struct bb_map *map,
		    struct bb_err *err)
{
	if (map->spec->inner)
		return obj->parts->map_create_outer(map, err);
	return map_create(map, err);
}

static int create_and_pin(struct bb_object *obj, struct bb_map *map,
			  const char *path, struct bb_err *err)
{
	int ret = map_make(obj, map, err);

	if (ret)
		return ret;
	ret = bb_pin_fd(map->fd, path, err);
	map->pinned_here = !ret;
	if (ret == -EEXIST) {
		/* Another loader pinned it between our look and our pin. */
		sys_close(map->fd);
		map->fd = -1;
		return open_pinned(map, path, err);
	}
	return ret;
}

int map_setup(struct bb_object *obj, struct bb_map *map, struct bb_err *err)
{
	char path[PATH_MAX];
	int ret;

	if (map->fd >= 0)
		return 0;	/* bb_map_reuse_fd() gave it */
	if (map->spec->pinning == PIN_NONE)
		return map_make(obj, map, err);
	if (map->spec->pinning != PIN_BY_NAME)
		return bb_errf(err, -ENOTSUP,
			       "map '%s': pinning mode %u is not supported (only LIBBPF_PIN_BY_NAME)",
			       map->spec->name, map->spec->pinning);
	ret = map_pin_path(obj, map, path, sizeof(path), err);
	if (ret)
		return ret;
	ret = open_pinned(map, path, err);
	if (ret != -ENOENT)
		return ret;
	return create_and_pin(obj, map, path, err);
}

void map_unpin_made(struct bb_object *obj)
{
	struct bb_err ignored = { 0 };
	char path[PATH_MAX];
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		if (!obj->maps[i].pinned_here)
			continue;
		if (!map_pin_path(obj, &obj->maps[i], path, sizeof(path),
				  &ignored))
			bb_unpin(path, &ignored);
		obj->maps[i].pinned_here = false;
	}
}
