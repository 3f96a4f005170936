/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map.h - creating maps and using them from user space.
 *
 * Lookups and updates return 0 or -errno (-ENOENT: no such key).  The
 * key and value buffers are the map's key_size / value_size bytes
 * (a per-CPU map's value: bb_map_value_bytes(), map_percpu.c).
 */
#ifndef BAREBPF_MAP_H
#define BAREBPF_MAP_H

#include "loader/core/types.h"

/*
 * A map of no object (bb_map_create(), bb_map_open_id()...): a copy of
 * @shape (its name included) and fd -1, freed by bb_map_close(); NULL if
 * out of memory.
 */
struct bb_map *user_map_new(const struct map_spec *shape);

/*
 * bb_map_open_id() and bb_map_open_pinned() (map_open.c), handing out
 * too the kernel's whole answer to BPF_OBJ_GET_INFO_BY_FD (its id, its
 * BTF's id...), which `barebpf map` prints: no second call to ask again.
 */
int map_open_id(struct bb_map **out, uint32_t id, struct bpf_map_info *info,
		struct bb_err *err);
int map_open_pinned(struct bb_map **out, const char *path,
		    struct bpf_map_info *info, struct bb_err *err);

/* Create the kernel map for @map->spec; sets @map->fd. */
int map_create(struct bb_map *map, struct bb_err *err);
/* Likewise for a map of maps: @inner_map_fd is a map shaped like its inner maps. */
int map_create_in(struct bb_map *map, int inner_map_fd, struct bb_err *err);

/*
 * Ask the kernel (BPF_OBJ_GET_INFO_BY_FD) for @map's type and size: -EINVAL
 * unless its type is @type; *@max_entries gets the size the kernel uses
 * (which may differ from the spec's: a perf event array declared with 0).
 */
int map_check_type(const struct bb_map *map, uint32_t type,
		   uint32_t *max_entries, struct bb_err *err);

/*
 * bb_map_lookup() and the other element calls are declared in
 * loader/barebpf.h.
 *
 * bb_map_for_each() calls @fn for every entry, with a copy of its key and
 * value (a per-CPU map's: every possible CPU's), in the map's own order
 * (a hash map's: its buckets').
 *
 * Per key, as a bare loop: BPF_MAP_GET_NEXT_KEY for the next key (asked
 * before @fn sees this one, so that @fn may delete it), then
 * BPF_MAP_LOOKUP_ELEM.  A key deleted between the two (-ENOENT from the
 * lookup) is skipped: the map changes under us while BPF programs run.
 * A hash map restarts from its first key when the key we pass was deleted
 * (or replaced by an update) meanwhile: keys met again are dropped (a
 * hash set of the keys seen), so each is reported once, and the walk is
 * bounded by 2 * max_entries GET_NEXT_KEY calls.  A key added during the
 * walk may or may not be reported.
 * A non-zero return from @fn stops the walk and is returned.
 */

/*
 * The walks' buffer kept in @map, at least @need bytes (its first bytes
 * kept when it grows), or NULL.  Const: it is scratch space, not part of
 * what the map is.
 */
void *map_scratch(const struct bb_map *map, size_t need);

/*
 * Free what the walks keep in @map between walks (map_scratch()); the
 * fd is left alone.  bb_object_close() and bb_map_close() do
 * it; a struct bb_map of one's own (tests, a tool's inner map) needs it
 * after its last walk.
 */
void map_release(struct bb_map *map);

/*
 * Whether maps of @type hold one value per possible CPU (map_percpu.c):
 * their lookups and walks copy bb_map_value_bytes(), not value_size.
 */
int map_is_percpu(uint32_t type);

/* bb_map_value_bytes() into *@bytes: 0 or -errno. */
int map_value_bytes(const struct bb_map *map, size_t *bytes);

/* The size the map is created with: bb_map_set_max_entries()'s, or the spec's. */
static inline uint32_t map_max_entries(const struct bb_map *map)
{
	return map->max_entries ? map->max_entries : map->spec->max_entries;
}

#endif
