/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uprobe_multi.h - many uprobes (or uretprobes) in one BPF link: every
 * function of a file whose name matches a pattern (Linux 6.6+).
 */
#ifndef BAREBPF_UPROBE_MULTI_H
#define BAREBPF_UPROBE_MULTI_H

#include "loader/core/types.h"

/*
 * The section's target is "/PATH:PATTERN" ("uprobe.multi//bin/bash:read*",
 * wildcards '*' and '?').  We read PATH, find every matching function's
 * file offset with elf/exec.c, and hand them all to BPF_LINK_CREATE
 * (BPF_TRACE_UPROBE_MULTI): one link fd holds every probe.  A kernel
 * before 6.6 answers EINVAL, which the message explains.
 */
int uprobe_multi_attach(struct bb_prog *prog, struct bb_err *err);

#endif
