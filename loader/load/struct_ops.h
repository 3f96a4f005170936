/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct_ops.h - STRUCT_OPS maps before they are created: the kernel's
 * struct and value type, the value laid out as the kernel's struct, and
 * the member each program implements.
 */
#ifndef BAREBPF_LOAD_STRUCT_OPS_H
#define BAREBPF_LOAD_STRUCT_OPS_H

#include "loader/load/obj_core.h"

/*
 * For every STRUCT_OPS map of @obj, from the kernel's BTF (read into @k
 * if not yet): set map->st (value type and size, the value with the
 * object's data members copied into the kernel's layout, where each
 * program fd goes), and each of its programs' attach_btf_id (the
 * kernel's struct) and st_member (the member's index).
 */
int struct_ops_prepare(struct bb_object *obj, struct kernel_types *k,
		       struct bb_err *err);

#endif
