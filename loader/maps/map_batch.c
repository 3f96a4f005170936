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

/*
 * The batch's buffers, in the map's walk buffer (map_scratch()): the two
 * position tokens first, so that growing it keeps them, then room for @n
 * keys and @n values.
 */
struct batch_bufs {
	uint8_t *keys, *values, *in, *out;
	uint32_t n;		/* entries keys and values have room for */
	size_t vsz;		/* one value's bytes (per-CPU: every CPU's) */
};

static size_t round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static int bufs_get(struct batch_bufs *b, const struct bb_map *map,
		    uint32_t n)
{
	size_t tok = round16(bb_map_batch_token_size(map));
	size_t keys = round16((size_t)n * map->spec->key_size);
	size_t vsz;
	uint8_t *buf;
	int ret = map_value_bytes(map, &vsz);	/* per-CPU: every CPU's */

	if (ret)
		return ret;
	buf = map_scratch(map, 2 * tok + keys + (size_t)n * vsz);
	if (!buf)
		return -ENOMEM;
	b->n = n;
	b->vsz = vsz;
	b->in = buf;
	b->out = buf + tok;
	b->keys = buf + 2 * tok;
	b->values = buf + 2 * tok + keys;
	return 0;
}

/* Report one batch's entries: fn's first non-zero return, or 0. */
static int report(const struct bb_map *map, const struct batch_bufs *b,
		  uint32_t count, bb_map_entry_fn fn, void *ctx)
{
	size_t ksz = map->spec->key_size;
	uint32_t i;
	int ret = 0;

	for (i = 0; !ret && i < count; i++)
		ret = fn(b->keys + i * ksz, b->values + i * b->vsz, ctx);
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
		if (ret == -ENOSPC && !count && b->n < map_max_entries(map)) {
			r = bufs_get(b, map, 2 * b->n);
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

/*
 * Entries a call when the caller leaves it to us: past a few thousand
 * the call's own cost is lost in the copying (bench/RESULTS.md, the raw
 * LOOKUP_BATCH loop at 64 to 65536), and a smaller buffer stays in the
 * cache; a map that holds fewer needs no more room than that.
 */
static uint32_t batch_default(const struct bb_map *map)
{
	uint32_t max = map_max_entries(map);

	return max && max < MAP_BATCH_DEFAULT ? max : MAP_BATCH_DEFAULT;
}

int bb_map_for_each_batch(const struct bb_map *map, uint32_t batch,
		       bb_map_entry_fn fn, void *ctx)
{
	struct batch_bufs b;
	int ret;

	ret = bufs_get(&b, map, batch ? batch : batch_default(map));
	return ret ? ret : walk(map, &b, fn, ctx);
}
