/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map_in_map.h - ARRAY_OF_MAPS and HASH_OF_MAPS from user space.
 *
 * The outer map's values are maps.  User space writes an inner map's
 * *fd* as the value (4 bytes) and reads back its *id*; a BPF program's
 * bpf_map_lookup_elem(&outer, &key) returns the inner map itself, which
 * it can then look up and update like any map.  Every inner map must have
 * the shape of the template the outer map was created with (type, key and
 * value size, flags and, for arrays, max_entries); the kernel refuses
 * others with EINVAL.
 */
#ifndef BAREBPF_MAP_IN_MAP_H
#define BAREBPF_MAP_IN_MAP_H

#include "loader/core/types.h"

/* Create the map of maps @map, through a throw-away template map. */
int map_create_outer(struct bb_map *map, struct bb_err *err);

/* bb_object_load()'s last map step: fill the slots the C source initialised. */
int map_fill_slots(struct bb_object *obj, struct bb_err *err);

/* A new map shaped like @outer's inner maps, named @name: its fd. */
int map_create_inner(const struct bb_map *outer, const char *name,
		     struct bb_err *err);

/* outer[@key] = the map @inner_fd (insert or replace). */
int map_set_inner(const struct bb_map *outer, uint32_t key, int inner_fd,
		  struct bb_err *err);

/* The id of the map in outer[@key]; -ENOENT if the slot is empty. */
int map_inner_id(const struct bb_map *outer, uint32_t key, uint32_t *id);

#endif
