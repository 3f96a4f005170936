/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sockmap.h - attach an sk_skb or sk_msg program to a sockmap or sockhash
 * with BPF_PROG_ATTACH (sk_skb Linux 4.14+, sk_msg 4.17+): it then runs
 * for the sockets in that map (sk_skb on what they receive, sk_msg on
 * what they send).  The map's fd is the program's attach target
 * (bb_prog_set_attach_target(), barebpf run --sockmap MAP).
 *
 * There is no link fd (attach_fd stays -1): the map holds the program;
 * bb_object_close() detaches it with BPF_PROG_DETACH.
 */
#ifndef BAREBPF_SOCKMAP_H
#define BAREBPF_SOCKMAP_H

#include "loader/core/types.h"

int sockmap_attach(struct bb_prog *prog, struct bb_err *err);

#endif
