/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf.h - a BTF reader: the object's .BTF section or the kernel's
 * /sys/kernel/btf/vmlinux.
 *
 * btf_parse() checks the header, walks every type once to learn its length
 * (all kinds up to BTF_KIND_ENUM64), and keeps an index from type id to
 * its record.  Type records point into the caller's buffer, which must be
 * 4-byte aligned and outlive the result.  Ids are checked on every lookup.
 *
 * btf_open() walks nothing: for a large BTF asked one question (the
 * kernel's, ~150,000 types, asked where two members of task_struct are),
 * btf_lazy.c walks only as far as the answer.  Until the walk is whole,
 * btf_type() knows only the ids walked so far.
 */
#ifndef BAREBPF_BTF_H
#define BAREBPF_BTF_H

#include <linux/btf.h>
#include <stdbool.h>
#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

struct btf {
	struct bytes types;	/* the type section */
	struct bytes strs;	/* the string section */
	uint32_t nr_types;	/* including id 0, "void" */
	uint32_t *offsets;	/* offsets[id] into types; [0] unused */
	uint32_t cap;		/* ids offsets has room for */
	uint32_t walked;	/* bytes of types indexed: types.len once whole */
};

int btf_parse(struct btf *btf, const void *data, size_t len,
	      struct bb_err *err);
/* btf_parse() for the kernel's own BTF: without the rules pass (btf_parse.c). */
int btf_parse_kernel(struct btf *btf, const void *data, size_t len,
		     struct bb_err *err);
int btf_open(struct btf *btf, const void *data, size_t len,
	     struct bb_err *err);
/* Index one more record (btf_lazy.c); its name is checked, not its refs. */
int btf_walk_one(struct btf *btf, struct bb_err *err);
/* Index every record, then check every reference (btf_parse.c). */
int btf_walk_all(struct btf *btf, struct bb_err *err);
int btf_check_refs(const struct btf *btf, struct bb_err *err);
void btf_free(struct btf *btf);

/* The whole record at @off of type section @types, and its length; NULL
 * if it overruns or its kind is unknown. */
const struct btf_type *btf_record(const struct bytes *types, uint32_t off,
				  uint32_t *len);

/*
 * A module's BTF (/sys/kernel/btf/MODULE) is split BTF: its type ids go
 * on from @base's (vmlinux), and its names from base's string section
 * (btf_split.c).  The id of the first type of kind @kind named @name
 * among the module's own types, or -ENOENT.
 */
int btf_split_find(const struct bytes *data, const struct btf *base,
		   const char *name, uint32_t kind, struct bb_err *err);

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

/* A member's offset in bits; kind_flag packs a bitfield size on top. */
static inline uint32_t btf_member_bits(const struct btf_type *t,
				       const struct btf_member *m)
{
	return BTF_INFO_KFLAG(t->info) ? BTF_MEMBER_BIT_OFFSET(m->offset)
				       : m->offset;
}

/* Longest chain of typedefs/modifiers/arrays/nesting we follow. */
#define BTF_MAX_DEPTH 32

/* Kinds that only qualify or rename the type they point to. */
static inline int btf_is_mod(uint32_t kind)
{
	return kind == BTF_KIND_TYPEDEF || kind == BTF_KIND_CONST ||
	       kind == BTF_KIND_VOLATILE || kind == BTF_KIND_RESTRICT ||
	       kind == BTF_KIND_TYPE_TAG;
}

static inline int btf_is_composite(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_STRUCT || btf_kind(t) == BTF_KIND_UNION;
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

/* Index of the top-level member @name of struct/union @id, or -ENOENT. */
int btf_member_index(const struct btf *btf, uint32_t id, const char *name);

/* Is type @id (modifiers skipped) a pointer to a function? */
bool btf_is_func_ptr(const struct btf *btf, uint32_t id);

/*
 * The lazy walk (btf_lazy.c), for a btf_open()ed or parsed @btf.
 *
 * btf_reach(): walk until type @id is indexed; -ENOENT past the last.
 * btf_find_reach(): btf_find(), walking on until a match or the end.
 * btf_member_offset_reach(): btf_member_offset() of struct/union @id,
 * after reaching the types of its anonymous members.
 */
int btf_reach(struct btf *btf, uint32_t id, struct bb_err *err);
int btf_find_reach(struct btf *btf, const char *name, uint32_t kind,
		   struct bb_err *err);
int btf_member_offset_reach(struct btf *btf, uint32_t id, const char *name,
			    uint32_t *off, struct bb_err *err);

/*
 * The DATASEC .ksyms made acceptable to BPF_BTF_LOAD (btf_ksyms.c):
 * btf_ksyms_grow() copies the BTF at @data with two types appended (a
 * new buffer, caller frees); btf_ksyms_fix() then rewrites DATASEC @ds
 * of that copy, parsed.
 */
int btf_ksyms_grow(const uint8_t *data, size_t len, uint8_t **out,
		   size_t *out_len, struct bb_err *err);
int btf_ksyms_fix(struct btf *btf, struct btf_type *ds);

/*
 * Is FUNC @lid of @local (a kfunc's declaration) compatible with FUNC
 * @kid of @kernel (btf_compat.c)?  0, or -EINVAL with @why saying what
 * differs ("parameter 2 is a pointer here, an integer in the kernel").
 */
int btf_func_compat(const struct btf *local, uint32_t lid,
		    const struct btf *kernel, uint32_t kid, char *why,
		    size_t len);

#endif
