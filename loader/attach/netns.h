/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netns.h - attach an sk_lookup (Linux 5.9+) or flow_dissector (links:
 * 5.8+) program to a network namespace with BPF_LINK_CREATE.  The
 * namespace is the program's attach target, the fd of a /proc/PID/ns/net
 * or /run/netns/NAME file (bb_prog_set_attach_target(), barebpf run
 * --netns PATH); without one, the caller's own (/proc/self/ns/net).  The
 * link detaches when closed; it does not keep the namespace alive.
 *
 * sk_lookup runs when a TCP SYN or UDP datagram looks for its socket in
 * that namespace (before the listening/bound sockets are searched) and may
 * pick one from a sockmap; flow_dissector replaces the kernel's own
 * parsing of packet headers (for RPS, flower, hashing) there.
 */
#ifndef BAREBPF_NETNS_H
#define BAREBPF_NETNS_H

#include "loader/core/types.h"

int netns_attach(struct bb_prog *prog, struct bb_err *err);

#endif
