/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arena.h - ARENA maps (Linux 6.9) and the __arena variables in them.
 */
#ifndef BAREBPF_ARENA_H
#define BAREBPF_ARENA_H

#include "loader/core/types.h"

/*
 * Make ARENA map @map (map_setup(): or reuse a pinned one), mmap the
 * whole arena (at map_extra, when the object gives it) and, in an arena
 * made here, copy .addr_space.1 into its last pages (elf/arena.c).
 * map->mem then holds the arena, map->arena_off where the variables
 * start; global_data_release() unmaps it.
 */
int arena_setup(struct bb_object *obj, struct bb_map *map, struct bb_err *err);

#endif
