/* SPDX-License-Identifier: GPL-2.0 */
/* kallsyms.h - kernel symbol addresses from /proc/kallsyms (kallsyms.c). */
#ifndef BAREBPF_KALLSYMS_H
#define BAREBPF_KALLSYMS_H

#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

#define KALLSYMS_PATH "/proc/kallsyms"

/* Read the whole file into @text (caller frees text->data). */
int kallsyms_read(struct bytes *text, struct bb_err *err);

/*
 * The address of symbol @name in @text: 0, -ENOENT if absent,
 * -ENOTUNIQ if listed at two different addresses.
 */
int kallsyms_lookup(const struct bytes *text, const char *name,
		    uint64_t *addr);

#endif
