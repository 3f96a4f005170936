// SPDX-License-Identifier: GPL-2.0
/*
 * lookup.c - find an object's map or program by name (types.h).
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
