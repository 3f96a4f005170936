/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlated.h - a loaded program's instructions as the kernel translated
 * them (BPF_OBJ_GET_INFO_BY_FD, xlated_prog_insns): what the verifier
 * made of ours, with map fds turned into map ids.  Two loaders that
 * produce the same xlated program loaded the same program.
 */
#ifndef BAREBPF_XLATED_H
#define BAREBPF_XLATED_H

#include <linux/bpf.h>
#include <stdint.h>

/* Fetch program @fd's xlated instructions into *@out (caller frees). */
int xlated_fetch(int fd, struct bpf_insn **out, uint32_t *nr);

/*
 * One line: "xlated NAME: " and each instruction as 16 hex digits
 * (code, src, dst, off, imm), with the map id of each map load blanked:
 * ids differ between any two loads.
 */
struct out;
void xlated_print(struct out *o, const char *name,
		  const struct bpf_insn *insns, uint32_t nr);

#endif
