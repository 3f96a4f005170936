// SPDX-License-Identifier: GPL-2.0
/*
 * lookup.c - find an object's maps and programs: by name, or one after
 * another (loader/barebpf.h).
 */
#include <string.h>

#include "loader/core/types.h"

struct bb_map *bb_object_find_map(struct bb_object *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (!strcmp(obj->maps[i].spec->name, name))
			return &obj->maps[i];
	return NULL;
}

struct bb_prog *bb_object_find_prog(struct bb_object *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_progs; i++)
		if (!strcmp(obj->progs[i].spec->name, name))
			return &obj->progs[i];
	return NULL;
}

/* @prev points into obj->maps: the next one is one further. */
struct bb_map *bb_object_next_map(struct bb_object *obj,
				  const struct bb_map *prev)
{
	size_t i = prev ? (size_t)(prev - obj->maps) + 1 : 0;

	return i < obj->spec.nr_maps ? &obj->maps[i] : NULL;
}

struct bb_prog *bb_object_next_prog(struct bb_object *obj,
				    const struct bb_prog *prev)
{
	size_t i = prev ? (size_t)(prev - obj->progs) + 1 : 0;

	return i < obj->spec.nr_progs ? &obj->progs[i] : NULL;
}
