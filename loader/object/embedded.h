/* SPDX-License-Identifier: GPL-2.0 */
/*
 * embedded.h - BPF objects built into a tool.
 *
 * For a tool loader/cmd/NAME.c, the Makefile links in every kernel/NAME.bpf.c
 * and kernel/NAME_*.bpf.c object (DWARF stripped, BTF kept), packed with
 * our own LZ77 (elf/lz.h: about 45% of the size), each as one entry of the
 * section "bb_embedded": its file name, where its packed bytes start and
 * end, and its size unpacked.  The linker marks the section's bounds with
 * the symbols __start_bb_embedded and __stop_bb_embedded; they are weak
 * here, so a tool linked without any object sees none and falls back to
 * files.
 */
#ifndef BAREBPF_EMBEDDED_H
#define BAREBPF_EMBEDDED_H

#include <stdint.h>
#include <string.h>

struct bb_err;
struct bb_object;
struct loader_parts;

struct embedded_obj {
	const char *name;	/* "procmon.bpf.o" */
	const uint8_t *start;	/* packed (elf/lz.h) */
	const uint8_t *end;
	size_t size;		/* unpacked */
};

extern const struct embedded_obj __start_bb_embedded[] __attribute__((weak));
extern const struct embedded_obj __stop_bb_embedded[] __attribute__((weak));

/* The object called @name built into this binary, or NULL. */
static inline const struct embedded_obj *embedded_find(const char *name)
{
	const struct embedded_obj *e;

	if (!__start_bb_embedded || !__stop_bb_embedded)
		return NULL;
	for (e = __start_bb_embedded; e < __stop_bb_embedded; e++)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/*
 * Unpack @e into a malloc'd buffer of e->size bytes, *@out; 0 or a
 * -errno ("embedded procmon.bpf.o: lz: ...").  The caller frees *@out.
 */
int embedded_unpack(const struct embedded_obj *e, uint8_t **out,
		    struct bb_err *err);

/* obj_open_with() on the object @e, unpacked (embedded.c). */
int embedded_open(const struct embedded_obj *e,
		  const struct loader_parts *parts, struct bb_object **obj,
		  struct bb_err *err);

#endif
