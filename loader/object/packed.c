// SPDX-License-Identifier: GPL-2.0
/*
 * packed.c - bb_object_open_packed(): open an object packed with our
 * LZ77 (elf/base/lz.h), as a generated skeleton carries it.
 *
 * A file of its own, apart from embedded.c: it opens with every loader
 * part (loader_parts_all), which a tool that only opens its embedded
 * objects with its own parts must not link.
 */
#include "loader/barebpf.h"
#include "loader/core/parts.h"
#include "loader/object/embedded.h"

int bb_object_open_packed(struct bb_object **out, const void *packed,
			  size_t packed_len, size_t size, const char *name,
			  struct bb_err *err)
{
	const struct embedded_obj e = {
		.name = name,
		.start = packed,
		.end = (const uint8_t *)packed + packed_len,
		.size = size,
	};

	*out = NULL;
	return embedded_open(&e, &loader_parts_all, out, err);
}
