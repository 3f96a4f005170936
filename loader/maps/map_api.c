// SPDX-License-Identifier: GPL-2.0
/*
 * map_api.c - a map's public face (loader/barebpf.h): its fields, its
 * size before the load, and maps made from user space without an object.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/maps/map.h"
#include "loader/sys/sys.h"

int bb_map_fd(const struct bb_map *map)
{
	return map->fd;
}

const char *bb_map_name(const struct bb_map *map)
{
	return map->spec->name;
}

uint32_t bb_map_type(const struct bb_map *map)
{
	return map->spec->type;
}

uint32_t bb_map_key_size(const struct bb_map *map)
{
	return map->spec->key_size;
}

uint32_t bb_map_value_size(const struct bb_map *map)
{
	return map->spec->value_size;
}

uint32_t bb_map_max_entries(const struct bb_map *map)
{
	return map_max_entries(map);
}

int bb_map_set_max_entries(struct bb_map *map, uint32_t max_entries)
{
	if (map->fd >= 0)
		return -EBUSY;	/* the kernel fixed its size at creation */
	if (!max_entries)
		return -EINVAL;
	map->max_entries = max_entries;
	return 0;
}

/*
 * A map without an object still needs a spec: map_create() reads its
 * shape from one.  Both live in one allocation, with the name.
 */
struct user_map {
	struct bb_map map;
	struct map_spec spec;
	char name[BPF_OBJ_NAME_LEN];
};

struct bb_map *user_map_new(const struct map_spec *shape)
{
	struct user_map *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	/* The kernel keeps BPF_OBJ_NAME_LEN - 1 characters of a name. */
	strncpy(u->name, shape->name ? shape->name : "", sizeof(u->name) - 1);
	u->spec = *shape;
	u->spec.name = u->name;
	u->map = (struct bb_map){ .spec = &u->spec, .fd = -1, .btf_fd = -1 };
	return &u->map;
}

int bb_map_create(struct bb_map **out, uint32_t type, const char *name,
		  uint32_t key_size, uint32_t value_size, uint32_t max_entries,
		  uint32_t flags, struct bb_err *err)
{
	struct map_spec shape = {
		.name = name, .type = type, .key_size = key_size,
		.value_size = value_size, .max_entries = max_entries,
		.map_flags = flags,
	};
	struct bb_map *map = user_map_new(&shape);
	int ret;

	if (!map)
		return bb_errf(err, -ENOMEM, "out of memory");
	ret = map_create(map, err);
	if (ret) {
		free((struct user_map *)map);
		return ret;
	}
	*out = map;
	return 0;
}

void bb_map_close(struct bb_map *map)
{
	if (!map || map->obj)
		return;		/* an object's map closes with its object */
	if (map->fd >= 0)
		sys_close(map->fd);
	free((struct user_map *)map);	/* map comes first in user_map */
}
