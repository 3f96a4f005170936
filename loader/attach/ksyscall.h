/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksyscall.h - attach a program to a system call's entry (ksyscall/NAME)
 * or return (kretsyscall/NAME): a kprobe on the kernel's entry point for
 * that system call.
 */
#ifndef BAREBPF_KSYSCALL_H
#define BAREBPF_KSYSCALL_H

#include "loader/core/types.h"

/*
 * The section's target is the system call's name ("ksyscall/kill"); the
 * probe is on the arch's wrapper (__x64_sys_kill).  As for a kprobe, a
 * kernel without the kprobe PMU is a clear -ENOENT.
 */
int ksyscall_attach(struct bb_prog *prog, struct bb_err *err);

#endif
