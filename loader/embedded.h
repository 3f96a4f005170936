/* SPDX-License-Identifier: GPL-2.0 */
/*
 * embedded.h - the BPF object built into a tool.
 *
 * The Makefile links build/obj/embed/NAME.o into build/NAME when
 * kernel/NAME.bpf.c exists: the object's bytes (DWARF stripped, BTF kept)
 * between two symbols.  They are weak here, so a tool linked without them
 * sees an empty object and falls back to a file.
 */
#ifndef BAREBPF_EMBEDDED_H
#define BAREBPF_EMBEDDED_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t embedded_bpf_obj[] __attribute__((weak));
extern const uint8_t embedded_bpf_obj_end[] __attribute__((weak));

/* Size of the embedded object, 0 if there is none. */
static inline size_t embedded_bpf_obj_len(void)
{
	if (!embedded_bpf_obj || !embedded_bpf_obj_end)
		return 0;
	return (size_t)(embedded_bpf_obj_end - embedded_bpf_obj);
}

#endif
