/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct_ops.h - register a STRUCT_OPS map with the kernel, and take it
 * back.
 */
#ifndef BAREBPF_ATTACH_STRUCT_OPS_H
#define BAREBPF_ATTACH_STRUCT_OPS_H

#include "loader/core/types.h"

/*
 * Write @map's value (map->st, made by struct_ops_prepare()) with its
 * programs' fds: BPF_MAP_UPDATE_ELEM, key 0, registers it (Linux 5.6);
 * for a .struct_ops.link map (BPF_F_LINK) the update only fills it, and
 * BPF_LINK_CREATE registers it (6.4).
 */
int struct_ops_register(struct bb_map *map, struct bb_err *err);

/*
 * Unregister @map if registered (close the link, or
 * BPF_MAP_DELETE_ELEM), and free map->st.
 */
void struct_ops_unregister(struct bb_map *map);

#endif
