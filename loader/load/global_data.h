/* SPDX-License-Identifier: GPL-2.0 */
/*
 * global_data.h - the maps behind .rodata, .data and .bss, and their
 * variables by name.
 *
 * Before bb_object_load() a variable is set in a copy of its section, which
 * the load writes into the new map: that is how user space chooses the
 * value of a "const volatile" knob in .rodata, which is frozen once
 * written and then only readable.  After the load, .data and .bss are
 * read and written through an mmap of the map's value, one variable at a
 * time, while programs run.
 */
#ifndef BAREBPF_GLOBAL_DATA_H
#define BAREBPF_GLOBAL_DATA_H

#include "loader/core/types.h"

/*
 * Right after BPF_MAP_CREATE: write the initial value, then freeze
 * (.rodata) or mmap (.data, .bss) the map.
 */
int global_data_init(struct bb_map *map, struct bb_err *err);
void global_data_release(struct bb_map *map);

/*
 * bb_object_set_var() / bb_object_get_var() (loader/barebpf.h) set or
 * read a variable by name; its size is a cheap check that the caller
 * means the right type.
 */

#endif
