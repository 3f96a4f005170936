/* SPDX-License-Identifier: GPL-2.0 */
/* prog.h - relocate a program and load it into the kernel. */
#ifndef BAREBPF_PROG_H
#define BAREBPF_PROG_H

#include "loader/core/types.h"

/*
 * Copy @prog's instructions and apply its relocations with the fds of
 * @maps (which must all be created).  The result is in @prog->insns.
 */
int prog_relocate(struct bb_prog *prog, const struct bb_map *maps,
		  uint32_t nr_maps, struct bb_err *err);

/*
 * BPF_PROG_LOAD the relocated program.  On rejection the verifier's log
 * is fetched (a second load, with a log buffer that grows until the log
 * fits) and put into @err after the one-line reason.  @btf_fd: the
 * object's BTF (obj_btf.h), or -1; with it the program carries its
 * func_info and line_info, and the log quotes the C source.
 */
int prog_load(struct bb_prog *prog, const char *license,
	      uint32_t kern_version, int btf_fd, struct bb_err *err);

#endif
