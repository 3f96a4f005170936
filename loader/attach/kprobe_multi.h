/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kprobe_multi.h - many kprobes (or kretprobes) in one BPF link: every
 * kernel function whose name matches a pattern (Linux 5.18+, fprobe).
 */
#ifndef BAREBPF_KPROBE_MULTI_H
#define BAREBPF_KPROBE_MULTI_H

#include "loader/core/types.h"

/*
 * The section's target is a pattern ("kprobe.multi/do_unlink*", '*' and
 * '?').  The functions it matches, from tracefs'
 * available_filter_functions (else /proc/kallsyms), go by name to one
 * BPF_LINK_CREATE (BPF_TRACE_KPROBE_MULTI).  A kernel built without
 * CONFIG_FPROBE answers EOPNOTSUPP, which the message explains.
 */
int kprobe_multi_attach(struct bb_prog *prog, struct bb_err *err);

#endif
