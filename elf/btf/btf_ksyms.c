// SPDX-License-Identifier: GPL-2.0
/*
 * btf_ksyms.c - the DATASEC ".ksyms" as the kernel's BTF_LOAD accepts it.
 *
 * clang writes the __ksym externs of an object (ksyms.c) into a DATASEC
 * of size 0 holding extern FUNCs (kfuncs) and extern VARs, some of type
 * void.  BTF_LOAD refuses each of those (kernel/bpf/btf.c): a DATASEC of
 * size 0, a DATASEC entry that is not a VAR, a VAR of type void, FUNC
 * linkage "extern", and the unnamed parameters a declaration may have.
 * The kernel does not need any of it (a kfunc is found by its id in the
 * kernel's BTF, not in ours), so we make it harmless, as libbpf does:
 *   - two types appended: INT "int" (4 bytes) and VAR "bb_ksym" of it;
 *   - every entry of .ksyms a 4-byte slot: a VAR made an allocated int,
 *     a FUNC replaced by the VAR bb_ksym;
 *   - extern FUNCs made static, their unnamed parameters given the
 *     function's name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/btf/btf.h"

#define KSYM_STRS "int\0bb_ksym"	/* and its NUL */
#define KSYM_TYPES_LEN (2 * (sizeof(struct btf_type) + 4))

/*
 * The two appended records, their names at @str0 in the strings.  The
 * VAR's type, the INT's id, is set by btf_ksyms_fix(), once it is known.
 */
static void ksym_types(uint8_t *at, uint32_t str0)
{
	uint32_t rec[8] = {
		str0, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,
		str0 + 4, BTF_KIND_VAR << 24, 0, BTF_VAR_GLOBAL_ALLOCATED,
	};

	memcpy(at, rec, sizeof(rec));
}

int btf_ksyms_grow(const uint8_t *data, size_t len, uint8_t **out,
		   size_t *out_len, struct bb_err *err)
{
	struct bytes all = { data, len };
	const uint8_t *types, *strs;
	struct btf_header h;
	uint8_t *o;
	size_t n;

	if (buf_read(&all, 0, &h, sizeof(h)) || h.hdr_len < sizeof(h) ||
	    h.hdr_len > len)
		return bb_errf(err, -EINVAL, "btf: header too short");
	types = buf_slice(&all, (uint64_t)h.hdr_len + h.type_off, h.type_len);
	strs = buf_slice(&all, (uint64_t)h.hdr_len + h.str_off, h.str_len);
	if (!types || !strs)
		return bb_errf(err, -EINVAL, "btf: sections past the end of the data");
	n = (size_t)h.hdr_len + h.type_len + KSYM_TYPES_LEN + h.str_len +
	    sizeof(KSYM_STRS);
	o = malloc(n);	/* malloc: aligned for the u32 records */
	if (!o)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(o + h.hdr_len, types, h.type_len);
	ksym_types(o + h.hdr_len + h.type_len, h.str_len);
	memcpy(o + n - h.str_len - sizeof(KSYM_STRS), strs, h.str_len);
	memcpy(o + n - sizeof(KSYM_STRS), KSYM_STRS, sizeof(KSYM_STRS));
	h.type_off = 0;
	h.type_len += KSYM_TYPES_LEN;
	h.str_off = h.type_len;
	h.str_len += sizeof(KSYM_STRS);
	memcpy(o, data, h.hdr_len);
	memcpy(o, &h, sizeof(h));
	*out = o;
	*out_len = n;
	return 0;
}

/* An extern FUNC: static, and every parameter named. */
static void fix_func(struct btf *btf, struct btf_type *f)
{
	struct btf_type *proto = (struct btf_type *)btf_type(btf, f->type);
	struct btf_param *p;
	uint32_t i;

	f->info = (f->info & ~0xffffu) | BTF_FUNC_STATIC;
	if (!proto || btf_kind(proto) != BTF_KIND_FUNC_PROTO)
		return;
	p = (struct btf_param *)(proto + 1);
	for (i = 0; i < btf_vlen(proto); i++)
		if (!p[i].name_off && p[i].type)
			p[i].name_off = f->name_off;
}

int btf_ksyms_fix(struct btf *btf, struct btf_type *ds)
{
	struct btf_var_secinfo *vs = (struct btf_var_secinfo *)(ds + 1);
	uint32_t var_id = btf->nr_types - 1, i;
	struct btf_type *t, *var = (struct btf_type *)btf_type(btf, var_id);

	if (!var || btf_kind(var) != BTF_KIND_VAR)
		return -EINVAL;
	/* The INT we appended: its id is in the VAR we appended. */
	var->type = var_id - 1;
	for (i = 0; i < btf_vlen(ds); i++) {
		t = (struct btf_type *)btf_type(btf, vs[i].type);
		if (t && btf_kind(t) == BTF_KIND_FUNC) {
			fix_func(btf, t);
			vs[i].type = var_id;
		} else if (t && btf_kind(t) == BTF_KIND_VAR) {
			t->type = var_id - 1;
			*(uint32_t *)(t + 1) = BTF_VAR_GLOBAL_ALLOCATED;
		}
		vs[i].offset = 4 * i;
		vs[i].size = 4;
	}
	ds->size = 4 * btf_vlen(ds);
	return 0;
}
