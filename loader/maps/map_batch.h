/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map_batch.h - reading a whole map many entries per system call.
 *
 * bb_map_for_each() (map.h) costs two bpf() calls per entry: GET_NEXT_KEY,
 * then LOOKUP_ELEM.  BPF_MAP_LOOKUP_BATCH (the kernel since 5.6) copies
 * many keys and values in one call, and walks a hash map bucket by bucket,
 * so a concurrent delete cannot make it start over.  Not every map type
 * has it: bb_map_for_each_batch() then falls back to bb_map_for_each().
 */
#ifndef BAREBPF_MAP_BATCH_H
#define BAREBPF_MAP_BATCH_H

#include "loader/maps/map.h"

/* Entries per BPF_MAP_LOOKUP_BATCH call when the caller says 0. */
#define MAP_BATCH_DEFAULT 1024

/*
 * One batch: up to *@count entries into @keys and @values (arrays of
 * key_size and value_size bytes each), from where @in says (NULL: the
 * start); @out, of map_batch_token_size() bytes, receives where the next
 * batch starts.  *@count becomes the number copied.  Returns 0, -ENOENT
 * when these were the last ones (*@count may still be > 0), or -errno.
 */
int bb_map_lookup_batch(const struct bb_map *map, void *in, void *out,
		     void *keys, void *values, uint32_t *count);
/* Bytes for a position token: a bucket number or a key, per map type. */
size_t map_batch_token_size(const struct bb_map *map);

/*
 * Like bb_map_for_each(), @batch entries per call (0: MAP_BATCH_DEFAULT).
 * Falls back to bb_map_for_each() when the first call says the kernel or
 * the map type has no batch lookup (-EINVAL, -EOPNOTSUPP, or the kernel's
 * internal ENOTSUPP, 524, which leaks out for such map types).
 */
int bb_map_for_each_batch(const struct bb_map *map, uint32_t batch,
		       bb_map_entry_fn fn, void *ctx);

#endif
