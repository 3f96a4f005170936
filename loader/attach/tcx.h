/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcx.h - attach a tc program (sections "tcx/ingress", "tcx/egress",
 * "tc/ingress", "tc/egress") to a network interface with BPF_LINK_CREATE
 * and attach type BPF_TCX_INGRESS/EGRESS (Linux 6.6+: tcx, no qdisc
 * needed).  The interface is the program's attach target
 * (bb_prog_set_attach_target(), barebpf run --iface); closing the link
 * detaches.  A kernel before 6.6 refuses the link (EINVAL): then the
 * program becomes a bpf filter on the clsact qdisc instead, through
 * rtnetlink (tc_netlink.h), said with -v.
 */
#ifndef BAREBPF_TCX_H
#define BAREBPF_TCX_H

#include "loader/core/types.h"

int tcx_attach(struct bb_prog *prog, struct bb_err *err);

#endif
