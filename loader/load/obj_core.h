/* SPDX-License-Identifier: GPL-2.0 */
/*
 * obj_core.h - apply a program's CO-RE relocations (elf/core.c) against
 * the running kernel's BTF.
 */
#ifndef BAREBPF_OBJ_CORE_H
#define BAREBPF_OBJ_CORE_H

#include "elf/btf/core.h"
#include "loader/load/kernel_btf.h"
#include "loader/core/types.h"

/*
 * The kernel's BTF, read once per bb_object_load() and only if needed
 * (or lent to several objects: barebpf load --each).
 */
struct kernel_types {
	struct kernel_btf kb;
	bool loaded;
	struct core_target tg;	/* the types CO-RE looks for, by name */
	bool indexed;
	char **names;		/* the names tg holds (copies) */
	uint32_t nr_names;
};

/*
 * Read the kernel's BTF if not yet; with @core_of, also index the types
 * the CO-RE relocations of that object look for (again, if an object
 * lent the same kernel_types wants a name the index lacks).
 */
int kernel_types_get(struct kernel_types *k, const struct obj_spec *core_of,
		     struct bb_err *err);
void kernel_types_free(struct kernel_types *k);

/*
 * Patch @prog->insns (already relocated for maps) for this kernel.  With
 * narration on (--verbose), one line per relocation: what, kernel type,
 * old -> new value.  Poisoned relocations are counted in
 * @prog->nr_poisoned.
 */
int prog_core_relocate(struct bb_prog *prog, const struct bb_object *obj,
		       struct kernel_types *k, struct bb_err *err);

/*
 * After BPF_PROG_LOAD refused @prog with @ret: if the verifier reached a
 * poisoned relocation, say which relocation it was.
 */
int prog_core_refused(const struct bb_prog *prog, int ret,
		      struct bb_err *err);

#endif
