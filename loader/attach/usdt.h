/* SPDX-License-Identifier: GPL-2.0 */
/*
 * usdt.h - USDT probes: a uprobe at each site of a probe, which a program
 * written against libbpf's usdt.bpf.h (ours: kernel/bpf/usdt.bpf.h) reads
 * the probe's arguments from.
 */
#ifndef BAREBPF_USDT_ATTACH_H
#define BAREBPF_USDT_ATTACH_H

#include "loader/core/types.h"

/*
 * The section's target is "PATH:PROVIDER:NAME" ("usdt//usr/bin/python3:
 * python:function__entry"); PATH may be relative to the working directory,
 * or a bare name looked up in $PATH, as libbpf allows.  We read PATH,
 * find the probe's sites in its .note.stapsdt (elf/usdt.c), write each
 * site's argument spec into the object's map __bpf_usdt_specs, and open one
 * uprobe per site, its BPF cookie the spec's slot (bpf_get_attach_cookie():
 * Linux 5.15+), its semaphore the uprobe's reference counter (4.20+).
 * The first link is attach_fd, the others more_fds.
 */
int usdt_attach(struct bb_prog *prog, struct bb_err *err);

#endif
