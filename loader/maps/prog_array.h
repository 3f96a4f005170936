/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prog_array.h - the slots of a PROG_ARRAY that the C source fills
 * (".values = { [1] = &handler }", elf/map_in_map.c).
 */
#ifndef BAREBPF_PROG_ARRAY_H
#define BAREBPF_PROG_ARRAY_H

#include "loader/core/types.h"

/*
 * bb_object_load()'s last step, once every program is loaded: put each
 * slot's program fd in its PROG_ARRAY.  A program switched off (not
 * loaded) leaves its slot empty, where libbpf fails the load.
 */
int prog_array_fill(struct bb_object *obj, struct bb_err *err);

#endif
