/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gen_skel_types.h - what the parts of `barebpf gen skeleton` share: the
 * C layout of a global data section, from BTF (gen_skel_btf.c), and the
 * skeleton being written.  Below them all: gen_skel.c (the command) ->
 * gen_skel_print.c -> gen_skel_funcs.c -> gen_skel_names.c.
 */
#ifndef BAREBPF_GEN_SKEL_TYPES_H
#define BAREBPF_GEN_SKEL_TYPES_H

#include <stdint.h>

#include "elf/spec.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"

/* One member of a section's struct: a variable, or padding before one. */
struct skel_field {
	const char *name;	/* the variable's; NULL: padding */
	uint32_t off;		/* byte offset in the section */
	uint32_t size;
	uint32_t align;		/* what the host compiler will align it to */
	char type[64];		/* "__u32", "char"; padding: "__u8" */
	char dims[64];		/* "[16]", "[2][3]" or "" */
	char note[96];		/* a comment for the reader, or "" */
};

/* The global data sections a skeleton points into, as libbpf names them. */
#define SKEL_NR_SECTS 3
extern const char *const skel_sect_names[SKEL_NR_SECTS];	/* ".bss"... */

struct skel_sect {
	int map;			/* index in spec.maps, -1: none */
	struct skel_field *fields;	/* NULL: no global variable in it */
	uint32_t nr, align, size;
};

struct skel {
	const char *name;		/* NAME: struct NAME, NAME__open()... */
	const char *file;		/* the object's file name */
	struct bb_object *obj;
	struct skel_sect sects[SKEL_NR_SECTS];
	uint8_t *packed;		/* the object, packed (elf/base/lz.h) */
	size_t packed_len;
	char name_buf[128];
	char file_buf[128];
};

/* Write the header for @s to @f (gen_skel_print.c); 0 or -errno. */
int skel_print(struct out *f, const struct skel *s, struct bb_err *err);

/* Write @text with each "NAME" made s->name and "FILE" s->file. */
void skel_puts(struct out *f, const struct skel *s, const char *text);

/* Its functions, NAME__open() to NAME__destroy() (gen_skel_funcs.c). */
void skel_print_funcs(struct out *f, const struct skel *s);

/* Whether map @ms is one of skel->maps: not global data, not .kconfig. */
static inline int skel_user_map(const struct map_spec *ms)
{
	return !ms->global_data && !ms->kconfig;
}

/*
 * The struct for global data map @map of @spec: its global variables
 * (not the static ones, as libbpf's skeletons) at their offsets, padding
 * members between them and up to the section's end.  *@out (malloc'd,
 * *@nr entries; 0 when the section has no global variable) is the
 * caller's to free.  *@align is the struct's alignment.  -EINVAL naming
 * the variable for what C cannot express (an overlap, a variable past
 * the end, a section without BTF).
 */
int skel_section_fields(const struct obj_spec *spec, uint32_t map,
			struct skel_field **out, uint32_t *nr,
			uint32_t *align, struct bb_err *err);

/* 0 if @name can be a member or type name in C and C++, else -EINVAL
 * with @what ("map", "program"...) in the message. */
int skel_check_name(const char *what, const char *name, struct bb_err *err);

#endif
