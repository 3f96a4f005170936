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

/*
 * Entries per BPF_MAP_LOOKUP_BATCH call when the caller says 0, or
 * max_entries when that is fewer (map_batch.c says why).
 */
#define MAP_BATCH_DEFAULT 16384

/*
 * bb_map_lookup_batch() (one batch), bb_map_batch_token_size() (the bytes
 * of a position token: a bucket number or a key, per map type) and
 * bb_map_for_each_batch() are declared in loader/barebpf.h.
 *
 * bb_map_for_each_batch() reads @batch entries per call (0:
 * MAP_BATCH_DEFAULT).  It falls back to bb_map_for_each() when the first call says the kernel or
 * the map type has no batch lookup (-EINVAL, -EOPNOTSUPP, or the kernel's
 * internal ENOTSUPP, 524, which leaks out for such map types).
 */

#endif
