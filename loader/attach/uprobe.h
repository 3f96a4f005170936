/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uprobe.h - attach a program to a function of an executable or library
 * (uprobe) or to its return (uretprobe), through the uprobe PMU.
 */
#ifndef BAREBPF_UPROBE_H
#define BAREBPF_UPROBE_H

#include "loader/core/types.h"

/*
 * The section's target is "/PATH:SYMBOL" ("uprobe//bin/bash:readline").
 * We read PATH, find SYMBOL's file offset with elf/exec.c, and open the
 * probe on (PATH, offset): every process that runs that file hits it.
 */
int uprobe_attach(struct bb_prog *prog, struct bb_err *err);

/* SYMBOL's offset in the file at @path (reads the file). */
int uprobe_offset(const char *path, const char *sym, uint64_t *off,
		  struct bb_err *err);

#endif
