/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf.h - a BTF reader: the object's .BTF section or the kernel's
 * /sys/kernel/btf/vmlinux.
 *
 * btf_parse() checks the header, walks every type once to learn its length
 * (all kinds up to BTF_KIND_ENUM64), and keeps an index from type id to
 * its record.  Type records point into the caller's buffer, which must be
 * 4-byte aligned and outlive the result.  Ids are checked on every lookup.
 */
#ifndef BAREBPF_BTF_H
#define BAREBPF_BTF_H

#include <linux/btf.h>
#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

struct btf {
	struct bytes types;	/* the type section */
	struct bytes strs;	/* the string section */
	uint32_t nr_types;	/* including id 0, "void" */
	uint32_t *offsets;	/* offsets[id] into types; [0] unused */
};

int btf_parse(struct btf *btf, const void *data, size_t len,
	      struct bb_err *err);
void btf_free(struct btf *btf);

/* The record of type @id, or NULL for void (0) and ids >= nr_types. */
const struct btf_type *btf_type(const struct btf *btf, uint32_t id);

/* The string at @off, or NULL if out of range. */
const char *btf_str(const struct btf *btf, uint32_t off);

static inline uint32_t btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline uint32_t btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

/* The records that follow a type (members, params, enum values...). */
static inline const void *btf_extra(const struct btf_type *t)
{
	return t + 1;
}

/* Follow typedef/const/volatile/restrict/type_tag to the real type id. */
int btf_skip_mods(const struct btf *btf, uint32_t id, uint32_t *out,
		  struct bb_err *err);

/* Size in bytes of type @id (arrays multiplied out, typedefs followed). */
int btf_type_size(const struct btf *btf, uint32_t id, uint32_t *size,
		  struct bb_err *err);

/* First type id named @name of kind @kind, or -ENOENT. */
int btf_find(const struct btf *btf, const char *name, uint32_t kind);

/*
 * Byte offset of member @name in struct/union @id, looking inside
 * anonymous struct/union members too.  -ENOENT if absent.
 */
int btf_member_offset(const struct btf *btf, uint32_t id, const char *name,
		      uint32_t *off, struct bb_err *err);

#endif
