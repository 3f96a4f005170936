/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iter.h - BPF iterators (section "iter/NAME", Linux 5.8+).  Loaded
 * against the kernel function bpf_iter_NAME (btf_target.c), attached with
 * BPF_LINK_CREATE (BPF_TRACE_ITER, no target); then every
 * BPF_ITER_CREATE on the link gives a fd that runs the program once per
 * object (task, map, ...) as it is read: what it bpf_seq_printf()s.
 */
#ifndef BAREBPF_ITER_H
#define BAREBPF_ITER_H

#include "loader/core/types.h"

int iter_attach(struct bb_prog *prog, struct bb_err *err);

/* A fresh fd to read @prog's output from (attached), or -errno. */
int iter_open(const struct bb_prog *prog, struct bb_err *err);

#endif
