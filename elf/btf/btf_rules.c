// SPDX-License-Identifier: GPL-2.0
/*
 * btf_rules.c - the kernel's rules for BTF that btf_parse()'s walk does
 * not already enforce, so that an object BPF_BTF_LOAD would refuse is
 * refused here first, with the type id and the rule.
 *
 * The walk (btf.c) already refuses unknown kinds, records that overrun
 * the type section (a vlen too large), type ids past the last type and
 * name offsets past the string section.  Here, after it, as Linux 6.x
 * kernel/bpf/btf.c checks them:
 *
 *   - info: no bit outside kind, kind_flag and vlen (btf_check_meta(),
 *     "Invalid btf_info");
 *   - vlen 0 for the kinds that have no members, params or values: an
 *     int, pointer, array, typedef, qualifier, fwd, var, float, tags
 *     ("vlen != 0"); a FUNC's vlen is its linkage, at most extern
 *     ("Invalid func linkage");
 *   - an int: at most 128 bits, bits + offset within its
 *     size, one encoding at most (btf_int_check_meta());
 *   - no loop in a chain of typedefs, qualifiers, pointers and arrays
 *     (btf_resolve(): "Loop detected"): such a type has no end.
 */
#include <errno.h>

#include "elf/btf/btf.h"
#include "elf/btf/btf_rules.h"

/* Bits of btf_type.info in use: kind_flag (31), kind (24-28), vlen. */
#define INFO_MASK 0x9f00ffffu

static int no_vlen_kind(uint32_t kind)
{
	switch (kind) {
	case BTF_KIND_INT:
	case BTF_KIND_PTR:
	case BTF_KIND_ARRAY:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FWD:
	case BTF_KIND_VAR:
	case BTF_KIND_FLOAT:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return 1;
	}
	return 0;
}

static int check_int(uint32_t id, const struct btf_type *t,
		     struct bb_err *err)
{
	uint32_t data = *(const uint32_t *)btf_extra(t);
	uint32_t bits = BTF_INT_BITS(data), off = BTF_INT_OFFSET(data);
	uint32_t enc = BTF_INT_ENCODING(data);

	if (bits > 128 || (uint64_t)bits + off > (uint64_t)t->size * 8)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: int of %u bits at bit %u in %u bytes (rule: nr_bits + offset within the size, at most 128)",
			       id, bits, off, t->size);
	if (enc & (enc - 1))
		return bb_errf(err, -EINVAL,
			       "btf: type %u: int encoding 0x%x (rule: one of signed, char, bool at most)",
			       id, enc);
	return 0;
}

static int check_meta(uint32_t id, const struct btf_type *t,
		      struct bb_err *err)
{
	uint32_t kind = btf_kind(t);

	if (t->info & ~INFO_MASK)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: info 0x%08x sets bits no kind uses (rule: only kind, kind_flag and vlen)",
			       id, t->info);
	if (no_vlen_kind(kind) && btf_vlen(t))
		return bb_errf(err, -EINVAL,
			       "btf: type %u: kind %u with vlen %u (rule: this kind has no members, vlen must be 0)",
			       id, kind, btf_vlen(t));
	if (kind == BTF_KIND_FUNC && btf_vlen(t) > BTF_FUNC_EXTERN)
		return bb_errf(err, -EINVAL,
			       "btf: type %u: func linkage %u (rule: static, global or extern)",
			       id, btf_vlen(t));
	if (kind == BTF_KIND_INT)
		return check_int(id, t, err);
	return 0;
}

/* The next type of a chain that must end, or 0 where it ends. */
static uint32_t chain_next(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf_type(btf, id);
	const struct btf_array *a;

	if (!t)
		return 0;
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return t->type;
	case BTF_KIND_ARRAY:
		a = btf_extra(t);
		return a->type;
	}
	return 0;
}

/*
 * Is there a loop on the chain from @id?  Floyd's two walkers: the fast
 * one meets the slow one only on a loop; no memory, linear time.  Every
 * id on the chain was checked in range by btf_parse().
 */
static int check_loop(const struct btf *btf, uint32_t id, struct bb_err *err)
{
	uint32_t slow = id, fast = id;

	for (;;) {
		fast = chain_next(btf, fast);
		if (fast)
			fast = chain_next(btf, fast);
		slow = chain_next(btf, slow);
		if (!fast || !slow)
			return 0;
		if (fast == slow)
			return bb_errf(err, -ELOOP,
				       "btf: type %u: its chain of typedefs, qualifiers, pointers and arrays loops back through type %u (rule: no loops)",
				       id, slow);
	}
}

int btf_check_rules(const struct btf *btf, struct bb_err *err)
{
	uint32_t id;
	int ret = 0;

	for (id = 1; !ret && id < btf->nr_types; id++)
		ret = check_meta(id, btf_type(btf, id), err);
	for (id = 1; !ret && id < btf->nr_types; id++)
		ret = check_loop(btf, id, err);
	return ret;
}
