/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kprobe.h - attach a program to a kernel function's entry (kprobe) or
 * return (kretprobe), through the kprobe PMU.
 */
#ifndef BAREBPF_KPROBE_H
#define BAREBPF_KPROBE_H

#include "loader/core/types.h"

/*
 * The section's target is the function name ("kprobe/do_unlinkat").  A
 * kernel without kprobes (no PMU_SYSFS/kprobe) is a clear -ENOENT.
 */
int kprobe_attach(struct bb_prog *prog, struct bb_err *err);

/* The same on kernel function @func (ksyscall.c names the wrapper). */
int kprobe_attach_func(struct bb_prog *prog, const char *func, bool retprobe,
		       struct bb_err *err);

#endif
