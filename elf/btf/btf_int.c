// SPDX-License-Identifier: GPL-2.0
/*
 * btf_int.c - the values an integer type holds, from its BTF.
 */
#include <errno.h>

#include "elf/btf/btf_int.h"

/* Signed or not, @bytes wide (1 to 8). */
static void range_of(struct btf_int_range *r, uint32_t bytes, int is_signed)
{
	uint32_t bits = bytes * 8;

	r->is_signed = is_signed;
	r->bytes = bytes;
	r->max = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
	r->min = 0;
	if (is_signed) {
		r->max >>= 1;
		r->min = -(int64_t)r->max - 1;
	}
}

int btf_int_range(const struct btf *btf, uint32_t id,
		  struct btf_int_range *r, struct bb_err *err)
{
	const struct btf_type *t;
	uint32_t enc;
	int ret = btf_skip_mods(btf, id, &id, err);

	if (ret)
		return ret;
	t = btf_type(btf, id);
	if (!t || (btf_kind(t) != BTF_KIND_INT && btf_kind(t) != BTF_KIND_ENUM &&
		   btf_kind(t) != BTF_KIND_ENUM64) || !t->size || t->size > 8)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: not an integer, enum or bool of 1 to 8 bytes",
			       id);
	/* An enum is signed when its kind_flag says so (Linux 6.0). */
	if (btf_kind(t) != BTF_KIND_INT) {
		range_of(r, t->size, BTF_INFO_KFLAG(t->info));
		return 0;
	}
	enc = BTF_INT_ENCODING(*(const uint32_t *)btf_extra(t));
	range_of(r, t->size, !!(enc & BTF_INT_SIGNED));
	if (enc & BTF_INT_BOOL)
		r->max = 1;	/* _Bool: 0 or 1, whatever its size */
	return 0;
}
