/* SPDX-License-Identifier: GPL-2.0 */
/*
 * socket.h - attach a socket filter (section "socket") to a socket with
 * setsockopt(SO_ATTACH_BPF) (Linux 3.19+).  The socket is the program's
 * attach target (bb_prog_set_attach_target()); it holds the program until
 * it is closed or SO_DETACH_BPF: there is no link fd, attach_fd stays -1.
 * The program returns how many bytes of each packet to keep: 0 drops it.
 */
#ifndef BAREBPF_SOCKET_H
#define BAREBPF_SOCKET_H

#include "loader/core/types.h"

int socket_attach(struct bb_prog *prog, struct bb_err *err);

#endif
