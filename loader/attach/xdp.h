/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xdp.h - attach an XDP program to a network interface with
 * BPF_LINK_CREATE (Linux 5.9+): the link is the attachment, closing it
 * (or unpinning it) detaches.  The interface is the program's attach
 * target (bb_prog_set_attach_target(), barebpf run --iface).
 */
#ifndef BAREBPF_XDP_H
#define BAREBPF_XDP_H

#include "loader/core/types.h"

int xdp_attach(struct bb_prog *prog, struct bb_err *err);

/* The index of interface @name (SIOCGIFINDEX on a socket), or -errno. */
int xdp_ifindex(const char *name, struct bb_err *err);

#endif
