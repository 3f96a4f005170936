/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_c.h - BTF as a C header (`barebpf btf dump --format c`): every
 * struct, union, enum and typedef of a BTF (the kernel's: vmlinux.h), in
 * an order C accepts, laid out at the offsets BTF gives.
 */
#ifndef BAREBPF_BTF_C_H
#define BAREBPF_BTF_C_H

#include <stdint.h>

#include "elf/btf/btf.h"
#include "loader/sys/out.h"

/* What the layout pass knows of a struct or union (btf_c_layout.c). */
struct btf_c_layout {
	uint32_t align;		/* as C will align it, after our choices */
	uint8_t packed;		/* __attribute__((packed)) needed */
	uint8_t done;
};

/* Member @m of struct/union @t: its bit offset, and its width if a bit-field. */
void btf_c_member_bits(const struct btf_type *t, const struct btf_member *m,
		       uint32_t *off, uint32_t *bits);

/* Does a bit-field of @bits at bit @pos cross a @unit-bit storage unit? */
int btf_c_straddles(uint32_t pos, uint32_t bits, uint32_t unit);

/*
 * Alignment of type @id as our header declares it: integers and pointers
 * by their size (at most 8), arrays by their element, structs by their
 * members (1 if packed).  Fills @lay[id] for structs and unions.
 */
int btf_c_align(const struct btf *btf, struct btf_c_layout *lay, uint32_t id,
		uint32_t *align, int depth, struct bb_err *err);

/* One dump in progress. */
struct btf_c {
	struct out *f;
	const struct btf *btf;
	struct btf_c_layout *lay;	/* per type id */
	uint8_t *state;			/* per type id: BTF_C_* */
	uint16_t *refs;			/* per type id: uses of an anonymous enum */
	char **alias;			/* per type id: NAME___2 where repeated */
	uint32_t *ebase;		/* per enum id: its first in ealias */
	char **ealias;			/* per enumerator: NAME___2 where repeated */
	struct bb_err *err;
};

#define BTF_C_FWD 1	/* "struct NAME;" printed */
#define BTF_C_BUSY 2	/* its needs being printed; not itself yet */
#define BTF_C_DONE 4	/* printed */

/* btf_c_decl.c: "TYPE NAME" for a member, a typedef, a parameter. */
int btf_c_print_decl(struct btf_c *d, uint32_t id, const char *name,
		     int indent, int depth);
/* "{ members } __attribute__((packed))" of struct/union @id, no ';'. */
int btf_c_print_body(struct btf_c *d, uint32_t id, int indent, int depth);
/* "{ A = 1, B = 2 }" of enum @id. */
void btf_c_print_enum_body(struct btf_c *d, uint32_t id, int indent);
/*
 * btf_c_names.c: give repeated names a suffix (NAME___2); the name to
 * print for type @id ("" if anonymous), for enumerator @i of enum @id.
 */
int btf_c_names(struct btf_c *d);
void btf_c_names_free(struct btf_c *d);
const char *btf_c_name(const struct btf_c *d, uint32_t id);
const char *btf_c_enumerator(const struct btf_c *d, uint32_t id, uint32_t i);

/*
 * Print the whole header on @f.  -errno (and @err) for a BTF we cannot
 * write as C (a reference loop, a layout C cannot express).
 */
int btf_dump_c(struct out *f, const struct btf *btf, struct bb_err *err);

#endif
