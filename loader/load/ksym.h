/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksym.h - the .ksyms externs of an object (elf/ksyms.c) found in the
 * running kernel, and written into the programs that use them.
 */
#ifndef BAREBPF_KSYM_H
#define BAREBPF_KSYM_H

#include "loader/core/types.h"

struct kernel_types;

/*
 * The call an absent __weak kfunc becomes: helper 2002000000 + its
 * index, which the verifier drops as dead code under a false
 * bpf_ksym_exists(), and names ("unknown#2002000000") if it reaches it.
 * The same number libbpf plants, so logs read the same under both.
 */
#define KSYM_POISON_BASE 2002000000

struct ksym_value {
	bool done;		/* looked up */
	bool found;		/* false: absent and __weak */
	bool pending;		/* not in vmlinux: to look for in modules */
	uint32_t btf_id;	/* KSYM_FUNC, KSYM_VAR: in vmlinux or module BTF */
	int btf_fd;		/* the module's BTF fd (in obj->ksym_fds), or 0 */
	int16_t fd_idx;		/* its index in obj->ksym_fds, or 0 */
	uint64_t addr;		/* KSYM_ADDR: from /proc/kallsyms */
};

/*
 * Look for the pending externs of @obj (ksym_value.pending) in the BTF
 * of each kernel module (ksym_module.c); found ones get the module's BTF
 * fd, kept in obj->ksym_fds.
 */
int ksym_modules_find(struct bb_object *obj, struct kernel_types *k,
		      struct bb_err *err);

/*
 * After prog_relocate(): find the externs @prog uses (once per object;
 * kernel BTF through @k, /proc/kallsyms read only for untyped ones) and
 * patch its kfunc calls and ld_imm64s.  Narrated with -v.
 */
int ksyms_relocate(struct bb_prog *prog, struct kernel_types *k,
		   struct bb_err *err);

/* After BPF_PROG_LOAD refused @prog: did it reach an absent kfunc? */
int ksyms_refused(const struct bb_prog *prog, int ret, struct bb_err *err);

#endif
