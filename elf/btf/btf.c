// SPDX-License-Identifier: GPL-2.0
/*
 * btf.c - index and query BTF without copying it.
 *
 * btf_parse() walks the type section once, recording where each record
 * starts, then checks every type id and name offset the records mention.
 * After that, lookups only need to check the id they are given.  The
 * kernel's BTF has ~100k+ types, so nothing here is worse than linear.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf/btf/btf.h"

#define BTF_MAGIC_SWAPPED 0x9FEB

/* Bytes that follow the common header for a record of this kind. */
static int extra_len(const struct btf_type *t, uint32_t *len)
{
	uint32_t vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		*len = 4;
		return 0;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		*len = 0;
		return 0;
	case BTF_KIND_ARRAY:
		*len = sizeof(struct btf_array);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*len = vlen * sizeof(struct btf_member);
		return 0;
	case BTF_KIND_ENUM:
		*len = vlen * sizeof(struct btf_enum);
		return 0;
	case BTF_KIND_FUNC_PROTO:
		*len = vlen * sizeof(struct btf_param);
		return 0;
	case BTF_KIND_DATASEC:
		*len = vlen * sizeof(struct btf_var_secinfo);
		return 0;
	case BTF_KIND_ENUM64:
		*len = vlen * sizeof(struct btf_enum64);
		return 0;
	}
	return -EINVAL;
}

/* The whole record at @off (header and extra), or NULL if it overruns. */
static const struct btf_type *record_at(const struct bytes *types,
					uint32_t off, uint32_t *len)
{
	const struct btf_type *t = buf_slice(types, off, sizeof(*t));
	uint32_t extra;

	if (!t || extra_len(t, &extra))
		return NULL;
	if (!buf_slice(types, off, sizeof(*t) + (uint64_t)extra))
		return NULL;
	*len = sizeof(*t) + extra;
	return t;
}

const struct btf_type *btf_record(const struct bytes *types, uint32_t off,
			       uint32_t *len)
{
	return record_at(types, off, len);
}

struct btf_sections {
	uint64_t type_off, type_len, str_off, str_len;
};

static int read_header(const struct bytes *all, struct btf_sections *sec,
		       struct bb_err *err)
{
	struct btf_header h;

	/* magic, version, flags and hdr_len come first in every version. */
	if (buf_read(all, 0, &h, 8))
		return bb_errf(err, -EINVAL, "btf: data too short for a header (%zu bytes)",
			       all->len);
	if (h.magic == BTF_MAGIC_SWAPPED)
		return bb_errf(err, -ENOTSUP, "btf: big-endian BTF is not supported");
	if (h.magic != BTF_MAGIC)
		return bb_errf(err, -EINVAL, "btf: bad magic 0x%04x (want 0x%04x)",
			       h.magic, BTF_MAGIC);
	if (h.version != BTF_VERSION)
		return bb_errf(err, -ENOTSUP, "btf: version %u is not supported (want %u)",
			       h.version, BTF_VERSION);
	if (h.hdr_len < sizeof(h) || h.hdr_len > all->len)
		return bb_errf(err, -EINVAL,
			       "btf: hdr_len %u invalid (need %zu..%zu)",
			       h.hdr_len, sizeof(h), all->len);
	if (buf_read(all, 0, &h, sizeof(h)))
		return bb_errf(err, -EINVAL, "btf: header past end of data");
	/* Section offsets count from the end of the header. */
	sec->type_off = (uint64_t)h.hdr_len + h.type_off;
	sec->type_len = h.type_len;
	sec->str_off = (uint64_t)h.hdr_len + h.str_off;
	sec->str_len = h.str_len;
	return 0;
}

static int map_sections(struct btf *btf, const struct bytes *all,
			const struct btf_sections *sec, struct bb_err *err)
{
	btf->types.data = buf_slice(all, sec->type_off, sec->type_len);
	btf->types.len = sec->type_len;
	if (!btf->types.data)
		return bb_errf(err, -EINVAL,
			       "btf: type section [0x%llx, +0x%llx) past end of data (0x%zx bytes)",
			       (unsigned long long)sec->type_off,
			       (unsigned long long)sec->type_len, all->len);
	/* Records are read in place as u32s: refuse misaligned ones. */
	if ((uintptr_t)btf->types.data % 4)
		return bb_errf(err, -EINVAL,
			       "btf: type section (data + 0x%llx) is not 4-byte aligned in memory; copy the BTF to an aligned buffer",
			       (unsigned long long)sec->type_off);
	btf->strs.data = buf_slice(all, sec->str_off, sec->str_len);
	btf->strs.len = sec->str_len;
	if (!btf->strs.data)
		return bb_errf(err, -EINVAL,
			       "btf: string section [0x%llx, +0x%llx) past end of data (0x%zx bytes)",
			       (unsigned long long)sec->str_off,
			       (unsigned long long)sec->str_len, all->len);
	if (!btf->strs.len)
		return bb_errf(err, -EINVAL, "btf: string section is empty");
	/* Offset 0 is "", and any offset below str_len ends in a NUL. */
	if (btf->strs.data[0] || btf->strs.data[btf->strs.len - 1])
		return bb_errf(err, -EINVAL,
			       "btf: string section does not start and end with NUL");
	return 0;
}

static int check_ref(const struct btf *btf, uint32_t id, uint32_t ref,
		     struct bb_err *err)
{
	if (ref >= btf->nr_types)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: references type %u out of range (%u types)",
			       id, ref, btf->nr_types);
	return 0;
}

static int check_name(const struct btf *btf, uint32_t id, uint32_t off,
		      struct bb_err *err)
{
	if (off >= btf->strs.len)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: name offset 0x%x out of range (strings 0x%zx bytes)",
			       id, off, btf->strs.len);
	return 0;
}

/* Index the record at btf->walked as type btf->nr_types. */
int btf_walk_one(struct btf *btf, struct bb_err *err)
{
	uint32_t off = btf->walked, id = btf->nr_types, len;
	const struct btf_type *t = buf_slice(&btf->types, off, sizeof(*t));
	uint32_t *grown;

	if (!t)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: header at 0x%x overruns the type section (0x%zx bytes)",
			       id, off, btf->types.len);
	if (extra_len(t, &len))
		return bb_errf(err, -EINVAL, "btf: type %u: unknown kind %u",
			       id, btf_kind(t));
	if (!record_at(&btf->types, off, &len))
		return bb_errf(err, -EINVAL,
			       "btf: type %u: record at 0x%x (kind %u, vlen %u) overruns the type section (0x%zx bytes)",
			       id, off, btf_kind(t), btf_vlen(t),
			       btf->types.len);
	if (id >= btf->cap) {
		grown = realloc(btf->offsets, 2 * btf->cap * sizeof(*grown));
		if (!grown)
			return bb_errf(err, -ENOMEM, "btf: out of memory for %u types",
				       2 * btf->cap);
		btf->offsets = grown;
		btf->cap *= 2;
	}
	btf->offsets[id] = off;
	btf->nr_types = id + 1;
	btf->walked = off + len;
	return check_name(btf, id, t->name_off, err);
}

/* Room for @cap ids, and id 0 (void) indexed. */
static int index_alloc(struct btf *btf, uint64_t cap, struct bb_err *err)
{
	free(btf->offsets);
	btf->offsets = malloc(cap * sizeof(*btf->offsets));
	if (!btf->offsets)
		return bb_errf(err, -ENOMEM, "btf: out of memory for %llu types",
			       (unsigned long long)cap);
	btf->offsets[0] = 0;
	btf->nr_types = 1;
	btf->cap = cap;
	return 0;
}

/* The whole pass: find where every record starts. */
int btf_walk_all(struct btf *btf, struct bb_err *err)
{
	/* Every record is at least 12 bytes: an upper bound, not a guess. */
	int ret = index_alloc(btf, btf->types.len / sizeof(struct btf_type) + 1,
			      err);

	while (!ret && btf->walked < btf->types.len)
		ret = btf_walk_one(btf, err);
	return ret;
}

/* Records walked so far: 64 to start with, doubled as the walk goes. */
#define BTF_OPEN_IDS 64

int btf_open(struct btf *btf, const void *data, size_t len,
	     struct bb_err *err)
{
	struct bytes all = { data, len };
	struct btf_sections sec = { 0 };
	int ret;

	memset(btf, 0, sizeof(*btf));
	ret = read_header(&all, &sec, err);
	if (!ret)
		ret = map_sections(btf, &all, &sec, err);
	if (!ret)
		ret = index_alloc(btf, BTF_OPEN_IDS, err);
	if (ret)
		btf_free(btf);
	return ret;
}

/*
 * The variable-length part: every element starts with two u32s, either
 * (name_off, type) for members/params or (type, ...) for datasec vars, or
 * (name_off, value) for enums.  @stride is the element size in u32s.
 */
static int check_elems(const struct btf *btf, uint32_t id,
		       const struct btf_type *t, uint32_t stride,
		       int name_at, int type_at, struct bb_err *err)
{
	const uint32_t *e = btf_extra(t);
	uint32_t i, n = btf_vlen(t);
	int ret = 0;

	for (i = 0; i < n && !ret; i++, e += stride) {
		if (name_at >= 0)
			ret = check_name(btf, id, e[name_at], err);
		if (!ret && type_at >= 0)
			ret = check_ref(btf, id, e[type_at], err);
	}
	return ret;
}

static int check_type(const struct btf *btf, uint32_t id,
		      const struct btf_type *t, struct bb_err *err)
{
	const struct btf_array *a;
	int ret;

	/* The name was checked by btf_walk_one(). */
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_DECL_TAG:
		return check_ref(btf, id, t->type, err);
	case BTF_KIND_ARRAY:
		a = btf_extra(t);
		ret = check_ref(btf, id, a->type, err);
		return ret ? ret : check_ref(btf, id, a->index_type, err);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return check_elems(btf, id, t, 3, 0, 1, err);
	case BTF_KIND_ENUM:
		return check_elems(btf, id, t, 2, 0, -1, err);
	case BTF_KIND_ENUM64:
		return check_elems(btf, id, t, 3, 0, -1, err);
	case BTF_KIND_FUNC_PROTO:
		/* t->type is the return type. */
		ret = check_ref(btf, id, t->type, err);
		return ret ? ret : check_elems(btf, id, t, 2, 0, 1, err);
	case BTF_KIND_DATASEC:
		return check_elems(btf, id, t, 3, -1, 0, err);
	}
	return 0;
}

/* References may point forward, so they wait for the whole walk. */
int btf_check_refs(const struct btf *btf, struct bb_err *err)
{
	uint32_t id;
	int ret = 0;

	for (id = 1; !ret && id < btf->nr_types; id++)
		ret = check_type(btf, id, btf_type(btf, id), err);
	return ret;
}

void btf_free(struct btf *btf)
{
	if (!btf)
		return;
	free(btf->offsets);
	memset(btf, 0, sizeof(*btf));
}

const struct btf_type *btf_type(const struct btf *btf, uint32_t id)
{
	uint32_t len;

	if (id == 0 || id >= btf->nr_types)
		return NULL;
	return record_at(&btf->types, btf->offsets[id], &len);
}

const char *btf_str(const struct btf *btf, uint32_t off)
{
	return buf_str(&btf->strs, off);
}

/* The record of @id, or an error naming it; void (0) is an error too. */
static int get_type(const struct btf *btf, uint32_t id,
		    const struct btf_type **t, struct bb_err *err)
{
	*t = btf_type(btf, id);
	if (*t)
		return 0;
	if (id == 0)
		return bb_errf(err, -EINVAL, "btf: type 0 (void) used where a type is needed");
	return bb_errf(err, -EINVAL, "btf: type %u out of range (%u types)",
		       id, btf->nr_types);
}

int btf_skip_mods(const struct btf *btf, uint32_t id, uint32_t *out,
		  struct bb_err *err)
{
	const struct btf_type *t;
	uint32_t start = id;
	int depth;

	for (depth = 0; depth < BTF_MAX_DEPTH; depth++) {
		if (id == 0) {
			*out = 0;	/* e.g. "const void" */
			return 0;
		}
		if (get_type(btf, id, &t, err))
			return -EINVAL;
		if (!btf_is_mod(btf_kind(t))) {
			*out = id;
			return 0;
		}
		id = t->type;
	}
	return bb_errf(err, -ELOOP,
		       "btf: type %u: more than %d typedefs/modifiers (a cycle?)",
		       start, BTF_MAX_DEPTH);
}

int btf_type_size(const struct btf *btf, uint32_t id, uint32_t *size,
		  struct bb_err *err)
{
	const struct btf_array *a;
	const struct btf_type *t;
	uint64_t mult = 1, total;
	uint32_t start = id;
	int depth;

	for (depth = 0; depth < BTF_MAX_DEPTH; depth++) {
		if (get_type(btf, id, &t, err))
			return -EINVAL;
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_FLOAT:
		case BTF_KIND_DATASEC:
			total = mult * t->size;
			break;
		case BTF_KIND_PTR:
			total = mult * 8;	/* BPF is a 64-bit target */
			break;
		case BTF_KIND_ARRAY:
			a = btf_extra(t);
			/* mult <= UINT32_MAX here, so this cannot wrap. */
			mult *= a->nelems;
			if (mult > UINT32_MAX)
				goto overflow;
			id = a->type;
			continue;
		case BTF_KIND_VAR:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			continue;
		default:
			return bb_errf(err, -EINVAL,
				       "btf: type %u: kind %u has no size",
				       id, btf_kind(t));
		}
		if (total > UINT32_MAX)
			goto overflow;
		*size = total;
		return 0;
	}
	return bb_errf(err, -ELOOP,
		       "btf: type %u: more than %d levels of types to size (a cycle?)",
		       start, BTF_MAX_DEPTH);
overflow:
	return bb_errf(err, -E2BIG, "btf: type %u: size overflows 32 bits", start);
}

int btf_find(const struct btf *btf, const char *name, uint32_t kind)
{
	const struct btf_type *t;
	const char *s;
	uint32_t id;

	for (id = 1; id < btf->nr_types; id++) {
		t = btf_type(btf, id);
		if (!t || btf_kind(t) != kind)
			continue;
		s = btf_str(btf, t->name_off);
		if (s && !strcmp(s, name))
			return id;
	}
	return -ENOENT;
}

static int member_offset(const struct btf *btf, uint32_t id, const char *name,
			 uint64_t *bits, int depth, struct bb_err *err);

/* Look for @name inside anonymous member @m; -ENOENT if not there. */
static int anon_member(const struct btf *btf, const struct btf_member *m,
		       const char *name, uint64_t *bits, int depth,
		       struct bb_err *err)
{
	const struct btf_type *mt;
	uint32_t mid;
	int ret;

	ret = btf_skip_mods(btf, m->type, &mid, err);
	if (ret)
		return ret;
	mt = btf_type(btf, mid);
	if (!mt || !btf_is_composite(mt))
		return -ENOENT;
	return member_offset(btf, mid, name, bits, depth + 1, err);
}

static int member_offset(const struct btf *btf, uint32_t id, const char *name,
			 uint64_t *bits, int depth, struct bb_err *err)
{
	const struct btf_member *m;
	const struct btf_type *t;
	uint64_t inner;
	uint32_t i;
	int ret;

	if (depth >= BTF_MAX_DEPTH)
		return bb_errf(err, -ELOOP,
			       "btf: type %u: anonymous members nested more than %d deep",
			       id, BTF_MAX_DEPTH);
	ret = get_type(btf, id, &t, err);
	if (ret)
		return ret;
	if (!btf_is_composite(t))
		return bb_errf(err, -EINVAL,
			       "btf: type %u: kind %u is not a struct or union",
			       id, btf_kind(t));
	m = btf_extra(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *mname = btf_str(btf, m->name_off);

		if (m->name_off == 0) {
			ret = anon_member(btf, m, name, &inner, depth, err);
			if (ret == -ENOENT)
				continue;
			if (ret)
				return ret;
			*bits = btf_member_bits(t, m) + inner;
			return 0;
		}
		if (mname && !strcmp(mname, name)) {
			*bits = btf_member_bits(t, m);
			return 0;
		}
	}
	return -ENOENT;
}

int btf_member_offset(const struct btf *btf, uint32_t id, const char *name,
		      uint32_t *off, struct bb_err *err)
{
	uint64_t bits;
	int ret;

	ret = btf_skip_mods(btf, id, &id, err);
	if (ret)
		return ret;
	ret = member_offset(btf, id, name, &bits, 0, err);
	if (ret == -ENOENT)
		return bb_errf(err, -ENOENT, "btf: type %u has no member '%s'",
			       id, name);
	if (ret)
		return ret;
	if (bits % 8)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: member '%s' is a bitfield at bit %llu, not at a byte",
			       id, name, (unsigned long long)bits);
	if (bits / 8 > UINT32_MAX)
		return bb_errf(err, -E2BIG, "btf: type %u: member '%s' offset overflows",
			       id, name);
	*off = bits / 8;
	return 0;
}

int btf_member_index(const struct btf *btf, uint32_t id, const char *name)
{
	const struct btf_type *t = btf_type(btf, id);
	const struct btf_member *m;
	const char *n;
	uint32_t i;

	if (!t || !btf_is_composite(t))
		return -ENOENT;
	m = btf_extra(t);
	for (i = 0; i < btf_vlen(t); i++) {
		n = btf_str(btf, m[i].name_off);
		if (n && !strcmp(n, name))
			return i;
	}
	return -ENOENT;
}

bool btf_is_func_ptr(const struct btf *btf, uint32_t id)
{
	struct bb_err ignored = { 0 };
	const struct btf_type *t;

	if (btf_skip_mods(btf, id, &id, &ignored))
		return false;
	t = btf_type(btf, id);
	if (!t || btf_kind(t) != BTF_KIND_PTR ||
	    btf_skip_mods(btf, t->type, &id, &ignored))
		return false;
	t = btf_type(btf, id);
	return t && btf_kind(t) == BTF_KIND_FUNC_PROTO;
}
