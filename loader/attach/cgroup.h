/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cgroup.h - attach a cgroup program (cgroup_skb/, cgroup/, sockops) to a
 * cgroup v2 directory with BPF_LINK_CREATE (Linux 5.7+), with the attach
 * type it was loaded for.  The directory's fd is the program's attach
 * target (bb_prog_set_attach_target(), barebpf run --cgroup PATH); the
 * link detaches when closed.  It runs for the processes of that cgroup
 * and of those below it.
 */
#ifndef BAREBPF_CGROUP_H
#define BAREBPF_CGROUP_H

#include "loader/core/types.h"

int cgroup_attach(struct bb_prog *prog, struct bb_err *err);

#endif
