// SPDX-License-Identifier: GPL-2.0
/*
 * open_all.c - bb_object_open() and bb_object_open_mem(): open an object
 * with every loader part (loader_parts_all).
 *
 * A file of its own, apart from object.c, as packed.c is: a tool that
 * opens its objects with its own parts (procmon, obj_open_with()) then
 * links object.c without pulling every part into its link, where even
 * unused they sway link-time optimisation (its inlining budget).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/core/parts.h"
#include "loader/object/object.h"

int bb_object_open(struct bb_object **out, const char *path, struct bb_err *err)
{
	return obj_open_with(out, path, &loader_parts_all, err);
}

int bb_object_open_mem(struct bb_object **out, const void *data, size_t len,
		 const char *name, struct bb_err *err)
{
	uint8_t *file = malloc(len + 1);

	if (!file)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(file, data, len);
	return obj_open_owned(out, file, len, name, &loader_parts_all, err);
}
