/* SPDX-License-Identifier: GPL-2.0 */
/*
 * freplace.h - what a freplace program (BPF_PROG_TYPE_EXT, Linux 5.6+) is
 * loaded against: a global function of another loaded program.
 */
#ifndef BAREBPF_FREPLACE_H
#define BAREBPF_FREPLACE_H

#include "loader/core/types.h"

/*
 * Set @prog->attach_btf_id to the FUNC record, in the BTF of the program
 * whose fd is @prog's attach target (bb_prog_set_attach_target()), of the
 * function its section names (freplace/FUNC).  System calls:
 * BPF_OBJ_GET_INFO_BY_FD on the target (its btf_id), then btf_fetch().
 * -EINVAL without a target or if the target has no BTF, -ENOENT if its
 * BTF has no function FUNC (libbpf's answers), with @err saying which.
 */
int freplace_target_find(struct bb_prog *prog, struct bb_err *err);

#endif
