/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_builder.h - write small BTF blobs by hand, for tests: a type
 * section and a string section behind a header, in an aligned buffer.
 * Type ids are handed out in order, from 1.
 */
#ifndef BAREBPF_TEST_BTF_BUILDER_H
#define BAREBPF_TEST_BTF_BUILDER_H

#include <linux/btf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf/btf/btf.h"

/* The encodings of include/uapi/linux/btf.h, spelled out. */
#define BB_INFO(kind, kflag, vlen) \
	((uint32_t)(kflag) << 31 | (uint32_t)(kind) << 24 | (uint32_t)(vlen))
#define BB_INT(enc, bits) ((uint32_t)(enc) << 24 | (uint32_t)(bits))
#define BB_MEMBER_OFF(bitfield, bit) ((uint32_t)(bitfield) << 24 | (uint32_t)(bit))

struct bb_btf {
	uint32_t types[4096];	/* u32 words */
	uint32_t nt;
	char strs[4096];
	uint32_t ns;
	uint32_t next_id;
	uint32_t *blob;		/* after bb_finish: header + types + strings */
	struct btf btf;
};

static inline void bb_init(struct bb_btf *b)
{
	memset(b, 0, sizeof(*b));
	b->ns = 1;		/* offset 0 is "" */
	b->next_id = 1;
}

static inline uint32_t bb_str(struct bb_btf *b, const char *s)
{
	uint32_t off = b->ns;

	if (!s || !*s)
		return 0;
	strcpy(b->strs + off, s);
	b->ns += strlen(s) + 1;
	return off;
}

static inline void bb_word(struct bb_btf *b, uint32_t w)
{
	b->types[b->nt++] = w;
}

static inline uint32_t bb_head(struct bb_btf *b, const char *name,
			       uint32_t kind, uint32_t vlen, int kflag,
			       uint32_t size_or_type)
{
	bb_word(b, bb_str(b, name));
	bb_word(b, BB_INFO(kind, kflag, vlen));
	bb_word(b, size_or_type);
	return b->next_id++;
}

static inline uint32_t bb_int(struct bb_btf *b, const char *name,
			      uint32_t size, int is_signed)
{
	uint32_t id = bb_head(b, name, BTF_KIND_INT, 0, 0, size);

	bb_word(b, BB_INT(is_signed ? BTF_INT_SIGNED : 0, size * 8));
	return id;
}

static inline uint32_t bb_ref(struct bb_btf *b, uint32_t kind,
			      const char *name, uint32_t type)
{
	return bb_head(b, name, kind, 0, 0, type);
}

static inline uint32_t bb_array(struct bb_btf *b, uint32_t elem,
				uint32_t index, uint32_t n)
{
	uint32_t id = bb_head(b, NULL, BTF_KIND_ARRAY, 0, 0, 0);

	bb_word(b, elem);
	bb_word(b, index);
	bb_word(b, n);
	return id;
}

struct bb_member {
	const char *name;
	uint32_t type;
	uint32_t bit_off;
	uint32_t bitfield;	/* 0: not a bitfield */
};

/* A struct (or union: @kind) with @n members; kflag if any bitfield. */
static inline uint32_t bb_struct(struct bb_btf *b, uint32_t kind,
				 const char *name, uint32_t size,
				 const struct bb_member *m, uint32_t n)
{
	int kflag = 0;
	uint32_t i, id;

	for (i = 0; i < n; i++)
		kflag |= m[i].bitfield != 0;
	id = bb_head(b, name, kind, n, kflag, size);
	for (i = 0; i < n; i++) {
		bb_word(b, bb_str(b, m[i].name));
		bb_word(b, m[i].type);
		bb_word(b, kflag ? BB_MEMBER_OFF(m[i].bitfield, m[i].bit_off)
				 : m[i].bit_off);
	}
	return id;
}

static inline uint32_t bb_enum(struct bb_btf *b, const char *name,
			       const char *const *names, const int32_t *vals,
			       uint32_t n)
{
	uint32_t i, id = bb_head(b, name, BTF_KIND_ENUM, n, 0, 4);

	for (i = 0; i < n; i++) {
		bb_word(b, bb_str(b, names[i]));
		bb_word(b, (uint32_t)vals[i]);
	}
	return id;
}

/* Lay the blob out and parse it into b->btf; 0 or -errno. */
static inline int bb_finish(struct bb_btf *b)
{
	struct btf_header h = {
		.magic = BTF_MAGIC, .version = BTF_VERSION,
		.hdr_len = sizeof(h), .type_off = 0,
		.type_len = b->nt * 4, .str_off = b->nt * 4, .str_len = b->ns,
	};
	size_t len = sizeof(h) + h.type_len + h.str_len;

	b->blob = calloc(1, len + 4);
	if (!b->blob)
		return -1;
	memcpy(b->blob, &h, sizeof(h));
	memcpy((uint8_t *)b->blob + sizeof(h), b->types, h.type_len);
	memcpy((uint8_t *)b->blob + sizeof(h) + h.type_len, b->strs, b->ns);
	return btf_parse(&b->btf, b->blob, len, NULL);
}

static inline void bb_free(struct bb_btf *b)
{
	btf_free(&b->btf);
	free(b->blob);
}

#endif
