/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map_pin.h - maps that already exist: pinned by name, or handed in.
 *
 * Before bb_object_load():
 *	bb_object_set_pin_dir()      where __uint(pinning, LIBBPF_PIN_BY_NAME) maps
 *	                       live (default /sys/fs/bpf): DIR/MAP_NAME
 *	bb_map_set_pin_by_name()  pin a map by name although its C doesn't ask
 *	bb_map_reuse_fd()      use this existing map instead of creating one
 * bb_object_load() then, for each map: takes the fd given, else opens the pin
 * if one exists, else creates the map (and pins it when asked).  An
 * existing map is used only if its type, key size, value size,
 * max_entries and flags are those the object declares: anything else is
 * an error that names the field and both values.  After the load,
 * bb_object_find_map(obj, name) finds the map, reused or not.
 */
#ifndef BAREBPF_MAP_PIN_H
#define BAREBPF_MAP_PIN_H

#include "loader/core/types.h"

/* Those three are public: loader/barebpf.h. */

/* Does map @fd have the shape @s declares?  @what names @fd in messages. */
int map_check_compat(const struct map_spec *s, int fd, const char *what,
		     struct bb_err *err);

/* Where @map is pinned by name ("DIR/NAME"). */
int map_pin_path(const struct bb_object *obj, const struct bb_map *map,
		 char *out, size_t len, struct bb_err *err);

/* bb_object_load()'s step for one map: reuse, open the pin, or create (+pin). */
int map_setup(struct bb_object *obj, struct bb_map *map, struct bb_err *err);

/*
 * A load that fails removes the by-name pins it made (as libbpf does):
 * those of maps it created and pinned, never a pin it found and reused.
 */
void map_unpin_made(struct bb_object *obj);

#endif
