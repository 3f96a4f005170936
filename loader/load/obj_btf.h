/* SPDX-License-Identifier: GPL-2.0 */
/*
 * obj_btf.h - the object's own BTF in the kernel (BPF_BTF_LOAD).
 *
 * With it, maps carry the types of their keys and values (bpftool shows
 * them decoded) and programs carry func_info/line_info: the verifier's
 * log then quotes the C source line of each instruction.
 */
#ifndef BAREBPF_OBJ_BTF_H
#define BAREBPF_OBJ_BTF_H

#include "loader/core/types.h"

/*
 * Load the object's .BTF, fixed up (elf/btf_fix.c), and set obj->btf_fd.
 * No .BTF: nothing to do.  Refused: an error quoting the kernel's log.
 */
int obj_btf_load(struct bb_object *obj, struct bb_err *err);

#endif
