// SPDX-License-Identifier: GPL-2.0
/*
 * btf_c_layout.c - will C put a struct's members where BTF says they are?
 *
 * BTF gives every member's bit offset; C places members by alignment.  The
 * header writes what C would do on its own, and where BTF puts a member
 * further on (the kernel's __aligned() members, a cache line's padding),
 * btf_c.c fills the gap with unnamed bit-fields.  Where BTF puts a member
 * *before* its natural place (an unaligned member, a struct whose size is
 * no multiple of its alignment), only __attribute__((packed)) can say it:
 * then every member is aligned to 1 and every gap filled.
 */
#include <errno.h>

#include "loader/cmd/barebpf/btf_c.h"

void btf_c_member_bits(const struct btf_type *t, const struct btf_member *m,
		       uint32_t *off, uint32_t *bits)
{
	int kflag = BTF_INFO_KFLAG(t->info);

	*off = kflag ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
	*bits = kflag ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
}

int btf_c_straddles(uint32_t pos, uint32_t bits, uint32_t unit)
{
	return unit && pos / unit != (pos + bits - 1) / unit;
}

/* Must struct/union @id be packed?  Its members' alignments are known. */
static int needs_packing(const struct btf *btf, struct btf_c_layout *lay,
			 const struct btf_type *t, uint32_t *max_align,
			 int depth, struct bb_err *err)
{
	const struct btf_member *m = btf_extra(t);
	int is_union = btf_kind(t) == BTF_KIND_UNION;
	uint32_t i, pos = 0, off, bits, a, size;
	int ret;

	*max_align = 1;
	for (i = 0; i < btf_vlen(t); i++) {
		btf_c_member_bits(t, &m[i], &off, &bits);
		ret = btf_c_align(btf, lay, m[i].type, &a, depth + 1, err);
		if (ret)
			return ret;
		if (a > *max_align)
			*max_align = a;
		if (bits ? btf_c_straddles(off, bits, a * 8) : off % (a * 8) != 0)
			return 1;
		if (!is_union && off < pos)
			return 1;
		if (!bits) {
			ret = btf_type_size(btf, m[i].type, &size, err);
			if (ret)
				return ret;
			bits = size * 8;
		}
		if (!is_union || off + bits > pos)
			pos = off + bits;
	}
	return t->size % *max_align != 0;
}

static int composite_align(const struct btf *btf, struct btf_c_layout *lay,
			   uint32_t id, const struct btf_type *t,
			   uint32_t *align, int depth, struct bb_err *err)
{
	uint32_t max_align;
	int ret;

	if (!lay[id].done) {
		ret = needs_packing(btf, lay, t, &max_align, depth, err);
		if (ret < 0)
			return ret;
		lay[id].packed = ret;
		lay[id].align = ret ? 1 : max_align;
		lay[id].done = 1;
	}
	*align = lay[id].align;
	return 0;
}

int btf_c_align(const struct btf *btf, struct btf_c_layout *lay, uint32_t id,
		uint32_t *align, int depth, struct bb_err *err)
{
	const struct btf_type *t = btf_type(btf, id);

	if (depth > BTF_MAX_DEPTH)
		return bb_errf(err, -ELOOP, "btf: type %u: nested deeper than %d",
			       id, BTF_MAX_DEPTH);
	*align = 1;
	if (!t)
		return 0;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		*align = t->size && t->size <= 16 ? t->size : 1;
		return 0;
	case BTF_KIND_PTR:
		*align = 8;
		return 0;
	case BTF_KIND_ARRAY:
		return btf_c_align(btf, lay,
				   ((const struct btf_array *)btf_extra(t))->type,
				   align, depth + 1, err);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return composite_align(btf, lay, id, t, align, depth, err);
	}
	if (btf_is_mod(btf_kind(t)))
		return btf_c_align(btf, lay, t->type, align, depth + 1, err);
	return 0;
}
