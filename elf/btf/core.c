// SPDX-License-Identifier: GPL-2.0
/*
 * core.c - resolve CO-RE relocations against a target (kernel) BTF.
 *
 * The steps, for one relocation:
 *  1. Read the local side: walk the access string through the object's
 *     BTF, noting every named member and array index on the way and the
 *     bit offset they add up to ("spec").  That gives the value clang
 *     compiled in, which we check against the instruction.
 *  2. Candidates: target types of the same kind whose name equals the
 *     local type's "essential" name, i.e. without a ___flavour suffix
 *     (struct task_struct___old matches struct task_struct).
 *  3. Match the local spec on each candidate: each named member is
 *     looked up by name (also inside anonymous structs and unions), each
 *     array index checked against the target's bounds, and member types
 *     must be compatible (structs with structs, ints with ints of any
 *     size, enums with enums, pointers with pointers, arrays when their
 *     elements are).  Every matching candidate must give the same value.
 *  4. Patch: an ALU immediate, a load/store offset (and its size when a
 *     scalar field changed size), or a 64-bit immediate.  Nothing
 *     matched: the *_EXISTS and TYPE_MATCHES kinds get 0, every other
 *     kind poisons the instruction with a call to helper 0xbad2310,
 *     which the verifier only refuses if the program can reach it (so
 *     `if (bpf_core_field_exists(...))` guards work).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/btf/core.h"
#include "elf/base/fmt.h"
#include "elf/base/num.h"
#include "elf/base/sort.h"

#define MAX_ACCESS 64
#define MAX_DEPTH 32

/* One step of an access: a named member or an array index. */
struct access {
	uint32_t type_id;	/* the struct/union/array/enum indexed */
	uint32_t idx;
	const char *name;	/* member or enumerator name; NULL: index */
};

struct spec {
	const struct btf *btf;
	uint32_t root_id;
	struct access acc[MAX_ACCESS];
	uint32_t nr_acc;
	uint32_t raw[MAX_ACCESS];	/* the access string's numbers */
	uint32_t nr_raw;
	uint64_t bit_off;
	uint32_t field_id;	/* type of what is accessed in the end */
	uint32_t bitfield;	/* its bitfield size, 0 if none */
};

enum {
	K_FIELD,
	K_TYPE,
	K_ENUM,
};

static int kind_class(uint32_t kind)
{
	switch (kind) {
	case BPF_CORE_TYPE_ID_LOCAL:
	case BPF_CORE_TYPE_ID_TARGET:
	case BPF_CORE_TYPE_EXISTS:
	case BPF_CORE_TYPE_SIZE:
	case BPF_CORE_TYPE_MATCHES:
		return K_TYPE;
	case BPF_CORE_ENUMVAL_EXISTS:
	case BPF_CORE_ENUMVAL_VALUE:
		return K_ENUM;
	}
	return K_FIELD;
}

const char *core_kind_name(uint32_t kind)
{
	static const char *const names[] = {
		"byte_off", "byte_sz", "field_exists", "signed", "lshift_u64",
		"rshift_u64", "local_type_id", "target_type_id", "type_exists",
		"type_size", "enumval_exists", "enumval_value", "type_matches",
	};

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

/* Length of @name without its ___flavour suffix. */
static size_t essential_len(const char *name)
{
	size_t n = strlen(name), i;

	for (i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;)
		if (name[i] != '_' && !strncmp(name + i + 1, "___", 3) &&
		    name[i + 4] != '_')
			return i + 1;
	return n;
}

static int ess_cmp(const char *a, const char *b)
{
	size_t la = essential_len(a), lb = essential_len(b);
	int c = strncmp(a, b, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

static const char *name_of(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf_type(btf, id);
	const char *s = t ? btf_str(btf, t->name_off) : NULL;

	return s ? s : "";
}

static const struct btf_type *skip(const struct btf *btf, uint32_t id,
				   uint32_t *out)
{
	if (btf_skip_mods(btf, id, &id, NULL))
		return NULL;
	if (out)
		*out = id;
	return btf_type(btf, id);
}

static bool is_composite(const struct btf_type *t)
{
	return t && (btf_kind(t) == BTF_KIND_STRUCT ||
		     btf_kind(t) == BTF_KIND_UNION);
}

static bool is_enum(const struct btf_type *t)
{
	return t && (btf_kind(t) == BTF_KIND_ENUM ||
		     btf_kind(t) == BTF_KIND_ENUM64);
}

/* Kinds that may stand for each other: equal, or the two enum kinds. */
static bool kinds_compat(const struct btf_type *a, const struct btf_type *b)
{
	return btf_kind(a) == btf_kind(b) || (is_enum(a) && is_enum(b));
}

/* -- the target index ------------------------------------------------ */

static int id_cmp(const void *a, const void *b, void *btf)
{
	return ess_cmp(name_of(btf, *(const uint32_t *)a),
		       name_of(btf, *(const uint32_t *)b));
}

static int name_cmp(const void *a, const void *b, void *unused)
{
	(void)unused;
	return ess_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is @name, by its essential part, one of @want (sorted by ess_cmp)? */
static bool wanted(const char *const *want, uint32_t nr, const char *name)
{
	uint32_t lo = 0, hi = nr;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = ess_cmp(want[mid], name);

		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Sorting every named type of the kernel (~150,000 on Linux 6.18) cost
 * 94% of a CO-RE load's instructions (callgrind, execsnoop.bpf.o: 1.37
 * of 1.46 billion); the relocations ask for a few dozen names.  So one
 * pass keeps only the types with a wanted name (a first-byte filter
 * spares most of the comparisons), and only those are sorted.
 */
int core_target_init(struct core_target *t, const struct btf *btf,
		     const char **want, uint32_t nr_want, struct bb_err *err)
{
	uint8_t first[256 / 8] = { 0 };
	const char *name;
	uint32_t id, i;

	memset(t, 0, sizeof(*t));
	t->btf = btf;
	if (want) {
		sort_r(want, nr_want, sizeof(*want), name_cmp, NULL);
		for (i = 0; i < nr_want; i++)
			first[(uint8_t)want[i][0] / 8] |= 1 << ((uint8_t)want[i][0] % 8);
	}
	t->ids = malloc(btf->nr_types * sizeof(*t->ids) + 1);
	if (!t->ids)
		return bb_errf(err, -ENOMEM, "core: out of memory");
	for (id = 1; id < btf->nr_types; id++) {
		name = name_of(btf, id);
		if (!*name)
			continue;
		if (want && (!(first[(uint8_t)name[0] / 8] & (1 << ((uint8_t)name[0] % 8))) ||
			     !wanted(want, nr_want, name)))
			continue;
		t->ids[t->nr++] = id;
	}
	sort_r(t->ids, t->nr, sizeof(*t->ids), id_cmp, (void *)btf);
	return 0;
}

const char *core_reloc_name(const struct btf *local, const struct core_reloc *r)
{
	return name_of(local, r->type_id);
}

void core_target_free(struct core_target *t)
{
	free(t->ids);
	memset(t, 0, sizeof(*t));
}

/* First index in t->ids whose essential name is @name's, or t->nr. */
static uint32_t first_cand(const struct core_target *t, const char *name)
{
	uint32_t lo = 0, hi = t->nr;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ess_cmp(name_of(t->btf, t->ids[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* -- the local spec -------------------------------------------------- */

static int parse_access(struct spec *s, const char *str, struct bb_err *err)
{
	const char *p = str, *end;
	uint64_t v;

	s->nr_raw = 0;
	while (*p) {
		if (num_parse(p, UINT32_MAX, &v, &end) || s->nr_raw >= MAX_ACCESS)
			return bb_errf(err, -EINVAL, "bad access string '%s'", str);
		s->raw[s->nr_raw++] = v;
		p = end;
		if (*p == ':')
			p++;
		else if (*p)
			return bb_errf(err, -EINVAL, "bad access string '%s'", str);
	}
	if (!s->nr_raw)
		return bb_errf(err, -EINVAL, "empty access string");
	return 0;
}

static int member_bit(const struct btf_type *t, const struct btf_member *m,
		      uint32_t *bitfield)
{
	if (BTF_INFO_KFLAG(t->info)) {
		*bitfield = BTF_MEMBER_BITFIELD_SIZE(m->offset);
		return BTF_MEMBER_BIT_OFFSET(m->offset);
	}
	*bitfield = 0;
	return m->offset;
}

static int push(struct spec *s, uint32_t type_id, uint32_t idx,
		const char *name)
{
	if (s->nr_acc >= MAX_ACCESS)
		return -E2BIG;
	s->acc[s->nr_acc++] = (struct access){ type_id, idx, name };
	return 0;
}

/* Walk raw[1..] through structs/unions (by index) and arrays. */
static int walk_local(struct spec *s, uint32_t id, struct bb_err *err)
{
	const struct btf_type *t;
	uint32_t i, size;

	for (i = 1; i < s->nr_raw; i++) {
		t = skip(s->btf, id, &id);
		if (is_composite(t)) {
			const struct btf_member *m = btf_extra(t);

			if (s->raw[i] >= btf_vlen(t))
				return bb_errf(err, -EINVAL, "member %u of %u", s->raw[i], btf_vlen(t));
			m += s->raw[i];
			s->bit_off += member_bit(t, m, &s->bitfield);
			if (m->name_off && push(s, id, s->raw[i], btf_str(s->btf, m->name_off)))
				return -E2BIG;
			id = m->type;
		} else if (t && btf_kind(t) == BTF_KIND_ARRAY) {
			const struct btf_array *a = btf_extra(t);

			if (btf_type_size(s->btf, a->type, &size, err))
				return -EINVAL;
			s->bit_off += (uint64_t)s->raw[i] * size * 8;
			s->bitfield = 0;
			if (push(s, id, s->raw[i], NULL))
				return -E2BIG;
			id = a->type;
		} else {
			return bb_errf(err, -EINVAL, "access %u into a type that is neither struct, union nor array", i);
		}
	}
	s->field_id = id;
	return 0;
}

static int local_spec(struct spec *s, const struct btf *btf,
		      const struct core_reloc *r, struct bb_err *err)
{
	const char *str = btf_str(btf, r->access_off);
	const struct btf_type *t;
	uint32_t id, size;
	int ret;

	memset(s, 0, sizeof(*s));
	s->btf = btf;
	s->root_id = r->type_id;
	ret = parse_access(s, str ? str : "", err);
	if (ret)
		return ret;
	t = skip(btf, r->type_id, &id);
	if (!t)
		return bb_errf(err, -EINVAL, "local type %u is void or invalid", r->type_id);
	switch (kind_class(r->kind)) {
	case K_TYPE:
		if (s->nr_raw != 1 || s->raw[0])
			return bb_errf(err, -EINVAL, "type relocation with access '%s'", str);
		return push(s, r->type_id, 0, NULL);
	case K_ENUM:
		if (!is_enum(t) || s->nr_raw != 1 || s->raw[0] >= btf_vlen(t))
			return bb_errf(err, -EINVAL, "enum relocation with access '%s' on a non-enum or out of range", str);
		/* enum and enum64 records both start with name_off. */
		return push(s, id, s->raw[0], btf_str(btf,
			    *(const uint32_t *)((const uint8_t *)btf_extra(t) +
			    s->raw[0] * (btf_kind(t) == BTF_KIND_ENUM ? 8 : 12))));
	}
	if (btf_type_size(btf, id, &size, err))
		return -EINVAL;
	s->bit_off = (uint64_t)s->raw[0] * size * 8;
	push(s, r->type_id, s->raw[0], NULL);
	return walk_local(s, id, err);
}

/* -- compatibility --------------------------------------------------- */

static bool names_compat(const struct btf *lb, uint32_t lid,
			 const struct btf *tb, uint32_t tid)
{
	const char *l = name_of(lb, lid), *t = name_of(tb, tid);

	return !*l || !*t || !ess_cmp(l, t);
}

static bool int_plain(const struct btf_type *t)
{
	return BTF_INT_OFFSET(*(const uint32_t *)btf_extra(t)) == 0;
}

/* May a field of local type @lid be read as a field of target @tid? */
static bool fields_compat(const struct btf *lb, uint32_t lid,
			  const struct btf *tb, uint32_t tid, int depth)
{
	const struct btf_type *l = skip(lb, lid, &lid), *t = skip(tb, tid, &tid);

	if (!l || !t || depth > MAX_DEPTH)
		return false;
	if (is_composite(l) && is_composite(t))
		return true;
	if (!kinds_compat(l, t))
		return false;
	switch (btf_kind(l)) {
	case BTF_KIND_PTR:
	case BTF_KIND_FLOAT:
		return true;
	case BTF_KIND_FWD:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return names_compat(lb, lid, tb, tid);
	case BTF_KIND_INT:
		return int_plain(l) && int_plain(t);
	case BTF_KIND_ARRAY:
		return fields_compat(lb, ((const struct btf_array *)btf_extra(l))->type,
				     tb, ((const struct btf_array *)btf_extra(t))->type,
				     depth + 1);
	}
	return false;
}

/* Loose type compatibility, for the type-based relocations. */
static bool types_compat(const struct btf *lb, uint32_t lid,
			 const struct btf *tb, uint32_t tid, int depth)
{
	const struct btf_type *l = skip(lb, lid, &lid), *t = skip(tb, tid, &tid);
	const struct btf_param *lp, *tp;
	uint32_t i;

	if (!l || !t)
		return !l && !t;	/* void matches void */
	if (depth > MAX_DEPTH || !kinds_compat(l, t))
		return false;
	switch (btf_kind(l)) {
	case BTF_KIND_INT:
		return int_plain(l) && int_plain(t);
	case BTF_KIND_PTR:
		return types_compat(lb, l->type, tb, t->type, depth + 1);
	case BTF_KIND_ARRAY:
		return types_compat(lb, ((const struct btf_array *)btf_extra(l))->type,
				    tb, ((const struct btf_array *)btf_extra(t))->type,
				    depth + 1);
	case BTF_KIND_FUNC_PROTO:
		if (btf_vlen(l) != btf_vlen(t))
			return false;
		lp = btf_extra(l);
		tp = btf_extra(t);
		for (i = 0; i < btf_vlen(l); i++)
			if (!types_compat(lb, lp[i].type, tb, tp[i].type, depth + 1))
				return false;
		return types_compat(lb, l->type, tb, t->type, depth + 1);
	}
	return true;	/* structs, unions, enums, fwds, floats: names matched */
}

static bool enum_has(const struct btf *tb, const struct btf_type *t,
		     const char *name, uint64_t *val);

/* Strict: what bpf_core_type_matches() asks (names, sizes, members). */
static bool types_match(const struct btf *lb, uint32_t lid,
			const struct btf *tb, uint32_t tid, int depth)
{
	const struct btf_type *l = skip(lb, lid, &lid), *t = skip(tb, tid, &tid);
	uint32_t i;
	uint64_t v;

	if (!l || !t)
		return !l && !t;
	if (depth > MAX_DEPTH || !kinds_compat(l, t) ||
	    !names_compat(lb, lid, tb, tid))
		return false;
	switch (btf_kind(l)) {
	case BTF_KIND_INT: {
		uint32_t le = *(const uint32_t *)btf_extra(l);
		uint32_t te = *(const uint32_t *)btf_extra(t);

		return l->size == t->size &&
		       (BTF_INT_ENCODING(le) & BTF_INT_SIGNED) ==
		       (BTF_INT_ENCODING(te) & BTF_INT_SIGNED);
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (l->size != t->size)
			return false;
		for (i = 0; i < btf_vlen(l); i++) {
			const uint32_t *e = (const uint32_t *)((const uint8_t *)btf_extra(l) +
					    i * (btf_kind(l) == BTF_KIND_ENUM ? 8 : 12));

			if (!enum_has(tb, t, btf_str(lb, *e), &v))
				return false;
		}
		return true;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_extra(l);

		if (btf_vlen(l) > btf_vlen(t))
			return false;
		for (i = 0; i < btf_vlen(l); i++, m++) {
			const char *n = btf_str(lb, m->name_off);
			const struct btf_member *tm = btf_extra(t);
			uint32_t j;

			for (j = 0; j < btf_vlen(t); j++, tm++)
				if (!strcmp(n ? n : "", btf_str(tb, tm->name_off) ?: ""))
					break;
			if (j == btf_vlen(t) ||
			    !types_match(lb, m->type, tb, tm->type, depth + 1))
				return false;
		}
		return true;
	}
	case BTF_KIND_PTR:
		return types_match(lb, l->type, tb, t->type, depth + 1);
	case BTF_KIND_ARRAY: {
		const struct btf_array *la = btf_extra(l), *ta = btf_extra(t);

		return la->nelems == ta->nelems &&
		       types_match(lb, la->type, tb, ta->type, depth + 1);
	}
	}
	return types_compat(lb, lid, tb, tid, depth);
}

/* -- matching a candidate ---------------------------------------------- */

/* Find member @name in @id, also inside anonymous members. */
static int find_member(const struct btf *tb, uint32_t id, const char *name,
		       uint64_t *bits, uint32_t *type, uint32_t *bitfield,
		       uint32_t *idx, int depth)
{
	const struct btf_type *t = skip(tb, id, &id);
	const struct btf_member *m;
	uint32_t i, bf;
	uint64_t inner;

	if (!is_composite(t) || depth > MAX_DEPTH)
		return -ENOENT;
	m = btf_extra(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		uint64_t here = member_bit(t, m, &bf);

		if (!m->name_off) {
			if (find_member(tb, m->type, name, &inner, type,
					bitfield, idx, depth + 1))
				continue;
			*bits = here + inner;
			return 0;
		}
		if (!strcmp(btf_str(tb, m->name_off), name)) {
			*bits = here;
			*type = m->type;
			*bitfield = bf;
			*idx = i;
			return 0;
		}
	}
	return -ENOENT;
}

/* The local type of the named member of step @i. */
static uint32_t local_member_type(const struct spec *l, uint32_t i)
{
	const struct btf_type *t = btf_type(l->btf, l->acc[i].type_id);

	return ((const struct btf_member *)btf_extra(t))[l->acc[i].idx].type;
}

/* 1: @cand matches @l (and @ts is filled), 0: it does not, <0: error. */
static int match_field(const struct spec *l, const struct btf *tb,
		       uint32_t cand, struct spec *ts)
{
	uint32_t id = cand, i, size;
	const struct btf_type *t;

	memset(ts, 0, sizeof(*ts));
	ts->btf = tb;
	ts->root_id = cand;
	if (btf_type_size(tb, cand, &size, NULL))
		return 0;
	ts->bit_off = (uint64_t)l->acc[0].idx * size * 8;
	push(ts, cand, l->acc[0].idx, NULL);
	for (i = 1; i < l->nr_acc; i++) {
		const struct access *a = &l->acc[i];
		uint32_t mtype = 0, bf = 0, idx = 0;
		uint64_t bits;

		t = skip(tb, id, &id);
		if (!t)
			return 0;
		if (a->name) {
			if (find_member(tb, id, a->name, &bits, &mtype, &bf, &idx, 0))
				return 0;
			if (!fields_compat(l->btf, local_member_type(l, i), tb, mtype, 0))
				return 0;
			ts->bit_off += bits;
			ts->bitfield = bf;
			push(ts, id, idx, a->name);
			id = mtype;
			continue;
		}
		if (btf_kind(t) != BTF_KIND_ARRAY)
			return 0;
		{
			const struct btf_array *arr = btf_extra(t);

			if (arr->nelems && a->idx >= arr->nelems)
				return 0;
			if (btf_type_size(tb, arr->type, &size, NULL))
				return 0;
			ts->bit_off += (uint64_t)a->idx * size * 8;
			ts->bitfield = 0;
			push(ts, id, a->idx, NULL);
			id = arr->type;
		}
	}
	ts->field_id = id;
	return 1;
}

static bool enum_has(const struct btf *tb, const struct btf_type *t,
		     const char *name, uint64_t *val)
{
	bool e64 = btf_kind(t) == BTF_KIND_ENUM64;
	const uint32_t *e = btf_extra(t);
	uint32_t i;

	for (i = 0; name && i < btf_vlen(t); i++, e += e64 ? 3 : 2) {
		const char *n = btf_str(tb, e[0]);

		if (!n || ess_cmp(n, name))
			continue;
		if (e64)
			*val = e[1] | (uint64_t)e[2] << 32;
		else if (BTF_INFO_KFLAG(t->info))
			*val = (uint64_t)(int64_t)(int32_t)e[1];
		else
			*val = e[1];
		return true;
	}
	return false;
}

/* -- values ------------------------------------------------------------ */

static int field_value(const struct spec *s, uint32_t kind, uint64_t *val,
		       struct bb_err *err)
{
	const struct btf_type *ft = skip(s->btf, s->field_id, NULL);
	uint32_t byte_sz, bit_sz, byte_off;

	if (kind == BPF_CORE_FIELD_EXISTS) {
		*val = 1;
		return 0;
	}
	if (btf_type_size(s->btf, s->field_id, &byte_sz, err))
		return -EINVAL;
	if (s->bitfield) {
		bit_sz = s->bitfield;
		byte_off = s->bit_off / 8 / byte_sz * byte_sz;
		while (s->bit_off + bit_sz - (uint64_t)byte_off * 8 > byte_sz * 8) {
			if (byte_sz >= 8)
				return bb_errf(err, -EINVAL, "bitfield does not fit in 8 bytes");
			byte_sz *= 2;
			byte_off = s->bit_off / 8 / byte_sz * byte_sz;
		}
	} else {
		if (s->bit_off % 8)
			return bb_errf(err, -EINVAL, "field at bit %llu is not at a byte",
				       (unsigned long long)s->bit_off);
		bit_sz = byte_sz * 8;
		byte_off = s->bit_off / 8;
	}
	switch (kind) {
	case BPF_CORE_FIELD_BYTE_OFFSET:
		*val = byte_off;
		return 0;
	case BPF_CORE_FIELD_BYTE_SIZE:
		*val = byte_sz;
		return 0;
	case BPF_CORE_FIELD_SIGNED:
		*val = ft && ((is_enum(ft) && BTF_INFO_KFLAG(ft->info)) ||
			      (btf_kind(ft) == BTF_KIND_INT &&
			       (BTF_INT_ENCODING(*(const uint32_t *)btf_extra(ft)) &
				BTF_INT_SIGNED)));
		return 0;
	case BPF_CORE_FIELD_LSHIFT_U64:
		*val = 64 - (s->bit_off + bit_sz - (uint64_t)byte_off * 8);
		return 0;
	case BPF_CORE_FIELD_RSHIFT_U64:
		*val = 64 - bit_sz;
		return 0;
	}
	return bb_errf(err, -EINVAL, "unknown relocation kind %u", kind);
}

static int type_value(const struct btf *btf, uint32_t id, uint32_t kind,
		      uint64_t *val, struct bb_err *err)
{
	uint32_t size;

	switch (kind) {
	case BPF_CORE_TYPE_ID_LOCAL:
	case BPF_CORE_TYPE_ID_TARGET:
		*val = id;
		return 0;
	case BPF_CORE_TYPE_SIZE:
		if (btf_type_size(btf, id, &size, err))
			return -EINVAL;
		*val = size;
		return 0;
	}
	*val = 1;	/* exists, matches */
	return 0;
}

/* The value the relocation asks for, from spec @s (local or target). */
static int spec_value(const struct spec *s, uint32_t kind, uint64_t *val,
		      struct bb_err *err)
{
	const struct btf_type *t;

	switch (kind_class(kind)) {
	case K_TYPE:
		return type_value(s->btf, s->root_id, kind, val, err);
	case K_ENUM:
		if (kind == BPF_CORE_ENUMVAL_EXISTS) {
			*val = 1;
			return 0;
		}
		t = btf_type(s->btf, s->acc[0].type_id);
		if (!enum_has(s->btf, t, s->acc[0].name, val))
			return bb_errf(err, -EINVAL, "enumerator '%s' not found",
				       s->acc[0].name ? s->acc[0].name : "?");
		return 0;
	}
	return field_value(s, kind, val, err);
}

/* -- one relocation ---------------------------------------------------- */

/* Does candidate @cand match, and with what value? */
static int try_cand(const struct spec *l, const struct btf *tb, uint32_t cand,
		    uint32_t kind, uint64_t *val, struct bb_err *err)
{
	struct spec ts;
	const struct btf_type *t;
	int ret;

	switch (kind_class(kind)) {
	case K_TYPE:
		if (kind == BPF_CORE_TYPE_MATCHES ?
		    !types_match(l->btf, l->root_id, tb, cand, 0) :
		    !types_compat(l->btf, l->root_id, tb, cand, 0))
			return 0;
		memset(&ts, 0, sizeof(ts));
		ts.btf = tb;
		ts.root_id = cand;
		break;
	case K_ENUM:
		t = skip(tb, cand, &cand);
		if (!is_enum(t) || !enum_has(tb, t, l->acc[0].name, val))
			return 0;
		memset(&ts, 0, sizeof(ts));
		ts.btf = tb;
		ts.root_id = cand;
		push(&ts, cand, 0, l->acc[0].name);
		break;
	default:
		ret = match_field(l, tb, cand, &ts);
		if (ret <= 0)
			return ret;
	}
	ret = spec_value(&ts, kind, val, err);
	return ret ? ret : 1;
}

/* "struct task_struct.real_parent.tgid" */
static void describe(const struct spec *l, const struct core_reloc *r,
		     char *out, size_t len)
{
	const struct btf_type *t = btf_type(l->btf, r->type_id);
	static const char *const kinds[] = {
		[BTF_KIND_STRUCT] = "struct ", [BTF_KIND_UNION] = "union ",
		[BTF_KIND_ENUM] = "enum ", [BTF_KIND_ENUM64] = "enum ",
		[BTF_KIND_TYPEDEF] = "typedef ",
	};
	const char *k = t && btf_kind(t) < sizeof(kinds) / sizeof(kinds[0]) &&
			kinds[btf_kind(t)] ? kinds[btf_kind(t)] : "";
	size_t n;
	uint32_t i;

	n = fmt_snprintf(out, len, "%s%s", k, name_of(l->btf, r->type_id));
	for (i = kind_class(r->kind) == K_FIELD ? 1 : 0;
	     i < l->nr_acc && n < len; i++) {
		if (l->acc[i].name)
			n += fmt_snprintf(out + n, len - n, "%s%s",
				      kind_class(r->kind) == K_ENUM ? "::" : ".",
				      l->acc[i].name);
		else if (i)
			n += fmt_snprintf(out + n, len - n, "[%u]", l->acc[i].idx);
	}
	if (n < len)
		fmt_snprintf(out + n, len - n, " (%s, access %s)",
			 core_kind_name(r->kind), btf_str(l->btf, r->access_off));
}

static int resolve(const struct spec *l, const struct core_target *tg,
		   const struct core_reloc *r, struct core_result *res,
		   struct bb_err *err)
{
	const struct btf_type *lt = btf_type(l->btf, r->type_id);
	const char *name = name_of(l->btf, r->type_id);
	uint32_t i, found = 0;
	uint64_t val;
	int ret;

	if (!*name)
		return bb_errf(err, -EINVAL, "%s: the local type has no name to look for", res->what);
	for (i = first_cand(tg, name); i < tg->nr; i++) {
		uint32_t cand = tg->ids[i];
		const struct btf_type *ct = btf_type(tg->btf, cand);

		if (ess_cmp(name_of(tg->btf, cand), name))
			break;
		if (!kinds_compat(lt, ct))
			continue;
		ret = try_cand(l, tg->btf, cand, r->kind, &val, err);
		if (ret < 0)
			return bb_err_prefix(err, ret, "%s", res->what);
		if (!ret)
			continue;
		if (found && val != res->new_val)
			return bb_errf(err, -EINVAL,
				       "%s: ambiguous: kernel types %u and %u give %llu and %llu",
				       res->what, res->target_id, cand,
				       (unsigned long long)res->new_val,
				       (unsigned long long)val);
		if (!found)
			res->target_id = cand;
		res->new_val = val;
		found++;
	}
	if (found)
		return 0;
	if (r->kind == BPF_CORE_FIELD_EXISTS || r->kind == BPF_CORE_TYPE_EXISTS ||
	    r->kind == BPF_CORE_ENUMVAL_EXISTS || r->kind == BPF_CORE_TYPE_MATCHES)
		res->new_val = 0;
	else
		res->poisoned = true;
	return 0;
}

/* -- patching ---------------------------------------------------------- */

static void poison(struct bpf_insn *in)
{
	*in = (struct bpf_insn){ .code = BPF_JMP | BPF_CALL,
				 .imm = CORE_POISON_HELPER };
}

static int size_code(uint32_t bytes)
{
	switch (bytes) {
	case 1: return BPF_B;
	case 2: return BPF_H;
	case 4: return BPF_W;
	case 8: return BPF_DW;
	}
	return -1;
}

static uint32_t code_size(uint8_t code)
{
	switch (BPF_SIZE(code)) {
	case BPF_B: return 1;
	case BPF_H: return 2;
	case BPF_W: return 4;
	}
	return 8;
}

/* A field read whose size changed: the load must change size too. */
static int resize(const struct spec *l, const struct core_target *tg,
		  const struct core_result *res, struct bpf_insn *in,
		  struct bb_err *err)
{
	uint32_t lsz, tsz;
	struct spec ts;
	int code;

	if (match_field(l, tg->btf, res->target_id, &ts) != 1 || l->bitfield ||
	    btf_type_size(l->btf, l->field_id, &lsz, NULL) ||
	    btf_type_size(tg->btf, ts.field_id, &tsz, NULL) || lsz == tsz)
		return 0;
	code = size_code(tsz);
	if (code_size(in->code) != lsz || code < 0)
		return bb_errf(err, -EINVAL, "%s: field is %u bytes here, %u in the kernel: cannot resize the access",
			       res->what, lsz, tsz);
	in->code = BPF_MODE(in->code) | code | BPF_CLASS(in->code);
	return 0;
}

static int patch(const struct spec *l, const struct core_target *tg,
		 const struct core_reloc *r, struct bpf_insn *insns,
		 uint32_t nr, struct core_result *res, struct bb_err *err)
{
	struct bpf_insn *in = &insns[r->insn];
	uint8_t cls = BPF_CLASS(in->code);
	bool ld64 = in->code == (BPF_LD | BPF_IMM | BPF_DW);
	uint64_t have;

	if (ld64 && r->insn + 1 >= nr)
		return bb_errf(err, -EINVAL, "%s: 64-bit load at the end", res->what);
	if (res->poisoned) {
		poison(in);
		if (ld64)
			poison(in + 1);
		return 0;
	}
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(in->code) != BPF_K)
			break;
		have = (uint32_t)in->imm;
		if (have != (uint32_t)res->old_val && !l->bitfield)
			goto mismatch;
		in->imm = res->new_val;
		return 0;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		have = (uint16_t)in->off;
		/* clang places a bitfield's load its own way: not checked. */
		if (have != res->old_val && !l->bitfield)
			goto mismatch;
		if (res->new_val > INT16_MAX)
			return bb_errf(err, -ERANGE, "%s: offset %llu does not fit an instruction",
				       res->what, (unsigned long long)res->new_val);
		in->off = res->new_val;
		if (r->kind == BPF_CORE_FIELD_BYTE_OFFSET)
			return resize(l, tg, res, in, err);
		return 0;
	case BPF_LD:
		if (!ld64)
			break;
		have = (uint32_t)in[0].imm | (uint64_t)(uint32_t)in[1].imm << 32;
		if (have != res->old_val)
			goto mismatch;
		in[0].imm = (uint32_t)res->new_val;
		in[1].imm = res->new_val >> 32;
		return 0;
	}
	return bb_errf(err, -EINVAL, "%s: instruction %u (code %#x) cannot be relocated",
		       res->what, r->insn, in->code);
mismatch:
	return bb_errf(err, -EINVAL, "%s: instruction %u holds %llu, but the object's BTF says %llu",
		       res->what, r->insn, (unsigned long long)have,
		       (unsigned long long)res->old_val);
}

int core_apply(const struct btf *local, const struct core_target *target,
	       const struct core_reloc *r, struct bpf_insn *insns,
	       uint32_t nr_insns, struct core_result *res, struct bb_err *err)
{
	struct spec *l = calloc(1, sizeof(*l));
	int ret;

	memset(res, 0, sizeof(*res));
	if (!l)
		return bb_errf(err, -ENOMEM, "core: out of memory");
	if (r->insn >= nr_insns) {
		ret = bb_errf(err, -EINVAL, "core: relocation of instruction %u, past the end (%u)",
			      r->insn, nr_insns);
		goto out;
	}
	ret = local_spec(l, local, r, err);
	if (ret) {
		bb_err_prefix(err, ret, "core: local type %u '%s' access '%s'",
			      r->type_id, name_of(local, r->type_id),
			      btf_str(local, r->access_off) ?: "?");
		goto out;
	}
	describe(l, r, res->what, sizeof(res->what));
	ret = spec_value(l, r->kind, &res->old_val, err);
	if (!ret && r->kind == BPF_CORE_TYPE_ID_LOCAL)
		res->new_val = res->old_val;
	else if (!ret)
		ret = resolve(l, target, r, res, err);
	if (!ret)
		ret = patch(l, target, r, insns, nr_insns, res, err);
	if (ret)
		bb_err_prefix(err, ret, "core");
out:
	free(l);
	return ret;
}
