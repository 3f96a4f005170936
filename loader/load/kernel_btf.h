/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel_btf.h - the running kernel's own BTF (/sys/kernel/btf/vmlinux):
 * the layout of every kernel struct, as this kernel was built.
 */
#ifndef BAREBPF_KERNEL_BTF_H
#define BAREBPF_KERNEL_BTF_H

#include <stdbool.h>

#include "elf/btf/btf.h"

#define KERNEL_BTF_PATH "/sys/kernel/btf/vmlinux"

struct kernel_btf {
	uint8_t *data;
	size_t len;
	bool mapped;		/* data is an mmap of the file, not a copy */
	struct btf btf;
};

/* Read it and index every type (CO-RE, attach targets: many questions). */
int kernel_btf_load(struct kernel_btf *kb, struct bb_err *err);
/* Read it and walk only as far as each question needs (btf_lazy.c). */
int kernel_btf_open(struct kernel_btf *kb, struct bb_err *err);
void kernel_btf_free(struct kernel_btf *kb);

/* offsetof(struct @type, @member) in this kernel; walks on if opened. */
int kernel_btf_offsetof(struct kernel_btf *kb, const char *type,
			const char *member, uint32_t *off, struct bb_err *err);

#endif
