// SPDX-License-Identifier: GPL-2.0
/*
 * embedded.c - open a BPF object built into the tool (embedded.h).
 *
 * Unpacking is pure code (elf/lz.c) and its buffer comes from malloc:
 * opening an embedded object makes no system call of its own.
 */
#include <errno.h>
#include <stdlib.h>

#include "elf/base/err.h"
#include "elf/base/lz.h"
#include "loader/object/embedded.h"
#include "loader/object/object.h"

int embedded_unpack(const struct embedded_obj *e, uint8_t **out,
		    struct bb_err *err)
{
	/* One byte more, as bb_object_open() reads a file: never malloc(0). */
	uint8_t *buf = malloc(e->size + 1);
	int ret;

	*out = NULL;
	if (!buf)
		return bb_errf(err, -ENOMEM, "out of memory");
	ret = lz_unpack(buf, e->size, e->start, e->end - e->start, err);
	if (ret) {
		free(buf);
		return bb_err_prefix(err, ret, "embedded %s", e->name);
	}
	*out = buf;
	return 0;
}

int embedded_open(const struct embedded_obj *e,
		  const struct loader_parts *parts, struct bb_object **obj,
		  struct bb_err *err)
{
	uint8_t *file;
	int ret;

	ret = embedded_unpack(e, &file, err);
	if (ret)
		return ret;
	return obj_open_owned(obj, file, e->size, e->name, parts, err);
}
