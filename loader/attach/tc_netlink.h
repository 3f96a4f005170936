/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tc_netlink.h - attach a tc program the classic way: a bpf filter in
 * direct-action mode on the interface's clsact qdisc, through rtnetlink
 * (docs/attach.md shows the messages and their strace).
 *
 * Sections "tc" and "classifier" always come here (ingress, or egress
 * after bb_prog_set_tc_dir()); "tcx/..." and "tc/..." come here when the
 * kernel has no tcx (before Linux 6.6, tcx.c).  The interface is the
 * program's attach target (bb_prog_set_attach_target(), barebpf run
 * --iface).  No fd holds a filter: prog->tc records it, and its detach
 * deletes it, then the qdisc if we added it and no filter is left on it.
 */
#ifndef BAREBPF_TC_NETLINK_H
#define BAREBPF_TC_NETLINK_H

#include "loader/core/types.h"

/* The attach part of sections "tc" and "classifier". */
int tc_attach(struct bb_prog *prog, struct bb_err *err);

/*
 * Add the clsact qdisc to interface prog->attach_target (unless it has
 * one) and @prog as a bpf filter on its @egress or ingress hook, with the
 * priority and handle the kernel chooses (two filters never collide);
 * fills prog->tc.
 */
int tc_netlink_attach(struct bb_prog *prog, bool egress, struct bb_err *err);

/*
 * One step, for tests: the filter alone (RTM_NEWTFILTER), on @fd
 * (nl_open()), into *@f (its ifindex and parent set).
 */
int tc_filter_add(int fd, const struct bb_prog *prog, struct tc_filter *f,
		  struct bb_err *err);

#endif
