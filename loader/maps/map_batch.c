// SPDX-License-Identifier: GPL-2.0
/*
 * map_batch.c - read a map with BPF_MAP_LOOKUP_BATCH, many entries a call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/maps/map_batch.h"
#include "loader/sys/sys.h"

/* The kernel's own "not supported" (include/linux/errno.h), not in uapi. */
#define KERNEL_ENOTSUPP 524

int bb_map_lookup_batch(const struct bb_map *map, void *in, void *out,
		     void *keys, void *values, uint32_t *count)
{
	return sys_map_lookup_batch(map->fd, in, out, keys, values, count);
}

/*
 * A hash map's position is a u32 bucket number; the generic batch code
 * (arrays) uses a key.  A buffer big enough for either serves both.
 */
size_t bb_map_batch_token_size(const struct bb_map *map)
{
	return map->spec->key_size > 8 ? map->spec->key_size : 8;
}

static int unsupported(int ret)
{
	return ret == -EINVAL || ret == -EOPNOTSUPP || ret == -KERNEL_ENOTSUPP;
}

struct batch_bufs {
	uint8_t *keys, *values, *in, *out;
	uint32_t n;		/* entries keys and values have room for */
};

static void bufs_free(struct batch_bufs *b)
{
	free(b->keys);
	free(b->values);
	free(b->in);
	free(b->out);
}

/* Room for @n entries; the position tokens are kept. */
static int bufs_grow(struct batch_bufs *b, const struct bb_map *map,
		     uint32_t n)
{
	free(b->keys);
	free(b->values);
	b->n = n;
	b->keys = calloc(n, map->spec->key_size);
	b->values = calloc(n, map->spec->value_size);
	if (!b->in)
		b->in = calloc(1, bb_map_batch_token_size(map));
	if (!b->out)
		b->out = calloc(1, bb_map_batch_token_size(map));
	return b->keys && b->values && b->in && b->out ? 0 : -ENOMEM;
}

/* Report one batch's entries: fn's first non-zero return, or 0. */
static int report(const struct bb_map *map, const struct batch_bufs *b,
		  uint32_t count, bb_map_entry_fn fn, void *ctx)
{
	size_t ksz = map->spec->key_size, vsz = map->spec->value_size;
	uint32_t i;
	int ret = 0;

	for (i = 0; !ret && i < count; i++)
		ret = fn(b->keys + i * ksz, b->values + i * vsz, ctx);
	return ret;
}

/*
 * Walk the batches.  A hash map hands out whole buckets: a bucket larger
 * than our batch is -ENOSPC with nothing copied, and we retry with twice
 * the room (a bucket never holds more than max_entries).
 */
static int walk(const struct bb_map *map, struct batch_bufs *b,
		bb_map_entry_fn fn, void *ctx)
{
	int first = 1, ret, r;
	uint32_t count;

	for (;;) {
		count = b->n;
		ret = bb_map_lookup_batch(map, first ? NULL : b->in, b->out,
				       b->keys, b->values, &count);
		if (first && unsupported(ret))
			return bb_map_for_each(map, fn, ctx);
		if (ret == -ENOSPC && !count && b->n < map->spec->max_entries) {
			r = bufs_grow(b, map, 2 * b->n);
			if (r)
				return r;
			continue;
		}
		if (ret && ret != -ENOENT)
			return ret;
		r = report(map, b, count, fn, ctx);
		if (r || ret == -ENOENT)
			return r;
		memcpy(b->in, b->out, bb_map_batch_token_size(map));
		first = 0;
	}
}

int bb_map_for_each_batch(const struct bb_map *map, uint32_t batch,
		       bb_map_entry_fn fn, void *ctx)
{
	struct batch_bufs b = { 0 };
	int ret;

	/* Per-CPU values are one slot per possible CPU, as in bb_map_for_each. */
	if (map->spec->type == BPF_MAP_TYPE_PERCPU_HASH ||
	    map->spec->type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	    map->spec->type == BPF_MAP_TYPE_LRU_PERCPU_HASH)
		return -ENOTSUP;
	ret = bufs_grow(&b, map, batch ? batch : MAP_BATCH_DEFAULT);
	if (!ret)
		ret = walk(map, &b, fn, ctx);
	bufs_free(&b);
	return ret;
}
