// SPDX-License-Identifier: GPL-2.0
/*
 * btf_str.c - name a BTF type, and print a value of that type.
 *
 * BTF describes a type as a chain of records: "const char[16]" is
 * CONST -> ARRAY(16) -> INT "char".  Both functions here follow such
 * chains, never deeper than MAX_DEPTH, and check every size against the
 * bytes they are given.
 */
#include <errno.h>
#include <string.h>

#include "loader/sys/out.h"
#include "loader/cmd/barebpf/btf_str.h"

#define MAX_DEPTH 16

static void type_str(const struct btf *btf, uint32_t id, char *buf,
		     size_t len, int depth)
{
	const struct btf_type *t = btf_type(btf, id);
	const char *name;
	char inner[128];

	if (!len)
		return;
	if (!id) {
		fmt_snprintf(buf, len, "void");
		return;
	}
	if (!t || depth > MAX_DEPTH) {
		fmt_snprintf(buf, len, "?");
		return;
	}
	name = btf_str(btf, t->name_off);
	if (!name)
		name = "";
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		fmt_snprintf(buf, len, "%s %s",
			     btf_kind(t) == BTF_KIND_STRUCT ? "struct" :
			     btf_kind(t) == BTF_KIND_UNION ? "union" : "enum",
			     *name ? name : "{...}");
		return;
	case BTF_KIND_PTR:
		type_str(btf, t->type, inner, sizeof(inner), depth + 1);
		fmt_snprintf(buf, len, "%s *", inner);
		return;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_extra(t);

		type_str(btf, a->type, inner, sizeof(inner), depth + 1);
		fmt_snprintf(buf, len, "%s[%u]", inner, a->nelems);
		return;
	}
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
		type_str(btf, t->type, inner, sizeof(inner), depth + 1);
		fmt_snprintf(buf, len, "%s %s",
			     btf_kind(t) == BTF_KIND_CONST ? "const" :
			     btf_kind(t) == BTF_KIND_VOLATILE ? "volatile" :
			     "restrict", inner);
		return;
	case BTF_KIND_TYPE_TAG:
		type_str(btf, t->type, buf, len, depth + 1);
		return;
	default:
		fmt_snprintf(buf, len, "%s", *name ? name : "?");
		return;
	}
}

void btf_type_str(const struct btf *btf, uint32_t id, char *buf, size_t len)
{
	if (!id) {
		fmt_snprintf(buf, len, "?");
		return;
	}
	type_str(btf, id, buf, len, 0);
}

static int value(struct out *f, const struct btf *btf, uint32_t id,
		 const uint8_t *data, size_t size, int depth);

/*
 * The integer of type @t at @data into *@v, sign-extended when *@is_signed:
 * 0, or -ENOTSUP for what is not a whole 1, 2, 4 or 8-byte integer.
 */
static int int_load(const struct btf_type *t, const uint8_t *data,
		    size_t size, uint64_t *v, int *is_signed)
{
	uint32_t info = *(const uint32_t *)btf_extra(t);
	uint64_t u = 0;

	if (BTF_INT_OFFSET(info) || BTF_INT_BITS(info) != t->size * 8 ||
	    t->size > 8 || t->size > size ||
	    (t->size & (t->size - 1)))
		return -ENOTSUP;
	memcpy(&u, data, t->size);	/* little-endian host, like BPF here */
	*is_signed = !!(BTF_INT_ENCODING(info) & BTF_INT_SIGNED);
	*v = !*is_signed || t->size == 8 ? u :
	     (uint64_t)((int64_t)(u << (64 - 8 * t->size)) >> (64 - 8 * t->size));
	return 0;
}

static int int_value(struct out *f, const struct btf_type *t, const uint8_t *data,
		     size_t size)
{
	int is_signed;
	uint64_t v;

	if (int_load(t, data, size, &v, &is_signed))
		return -ENOTSUP;
	if (is_signed)
		out_printf(f, "%lld", (long long)v);
	else
		out_printf(f, "%llu", (unsigned long long)v);
	return 0;
}

int btf_int_get(const struct btf *btf, uint32_t id, const void *data,
		size_t size, uint64_t *v, int *is_signed)
{
	const struct btf_type *t;

	if (btf_skip_mods(btf, id, &id, NULL))
		return -ENOTSUP;
	t = btf_type(btf, id);
	if (!t || btf_kind(t) != BTF_KIND_INT)
		return -ENOTSUP;
	return int_load(t, data, size, v, is_signed);
}

int btf_is_char(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t;

	if (btf_skip_mods(btf, id, &id, NULL))
		return 0;
	t = btf_type(btf, id);
	return t && btf_kind(t) == BTF_KIND_INT && t->size == 1 &&
	       ((*(const uint32_t *)btf_extra(t) >> 24) & BTF_INT_CHAR ||
		!strcmp(btf_str(btf, t->name_off) ?: "", "char"));
}

static void string_value(struct out *f, const uint8_t *s, size_t n)
{
	size_t i;

	out_putc(f, '"');
	for (i = 0; i < n && s[i]; i++) {
		if (s[i] == '"' || s[i] == '\\')
			out_printf(f, "\\%c", s[i]);
		else if (s[i] < 0x20 || s[i] >= 0x7f)
			out_printf(f, "\\x%02x", s[i]);
		else
			out_putc(f, s[i]);
	}
	out_putc(f, '"');
}

static int array_value(struct out *f, const struct btf *btf,
		       const struct btf_type *t, const uint8_t *data,
		       size_t size, int depth)
{
	const struct btf_array *a = btf_extra(t);
	uint32_t esz, i;
	int ret;

	if (btf_type_size(btf, a->type, &esz, NULL) || !esz ||
	    (uint64_t)esz * a->nelems > size)
		return -ENOTSUP;
	if (btf_is_char(btf, a->type)) {
		string_value(f, data, a->nelems);
		return 0;
	}
	out_putc(f, '[');
	for (i = 0; i < a->nelems; i++) {
		if (i == 16) {
			out_printf(f, ", ...");
			break;
		}
		if (i)
			out_printf(f, ", ");
		ret = value(f, btf, a->type, data + (size_t)i * esz, esz,
			    depth + 1);
		if (ret)
			out_printf(f, "?");
	}
	out_putc(f, ']');
	return 0;
}

static int struct_value(struct out *f, const struct btf *btf,
			const struct btf_type *t, const uint8_t *data,
			size_t size, int depth)
{
	const struct btf_member *m = btf_extra(t);
	uint32_t i, off, bits, msz;

	if (t->size > size)
		return -ENOTSUP;
	out_putc(f, '{');
	for (i = 0; i < btf_vlen(t); i++) {
		const char *name = btf_str(btf, m[i].name_off);

		off = BTF_INFO_KFLAG(t->info) ? BTF_MEMBER_BIT_OFFSET(m[i].offset) :
		      m[i].offset;
		bits = BTF_INFO_KFLAG(t->info) ?
		       BTF_MEMBER_BITFIELD_SIZE(m[i].offset) : 0;
		out_printf(f, "%s%s=", i ? ", " : "",
			   name && *name ? name : "?");
		if (bits || off % 8 || btf_type_size(btf, m[i].type, &msz, NULL) ||
		    off / 8 + (uint64_t)msz > t->size ||
		    value(f, btf, m[i].type, data + off / 8, msz, depth + 1))
			out_printf(f, "?");
	}
	out_putc(f, '}');
	return 0;
}

static int value(struct out *f, const struct btf *btf, uint32_t id,
		 const uint8_t *data, size_t size, int depth)
{
	const struct btf_type *t;

	if (depth > MAX_DEPTH || btf_skip_mods(btf, id, &id, NULL))
		return -ENOTSUP;
	t = btf_type(btf, id);
	if (!t)
		return -ENOTSUP;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return int_value(f, t, data, size);
	case BTF_KIND_ARRAY:
		return array_value(f, btf, t, data, size, depth);
	case BTF_KIND_STRUCT:
		return struct_value(f, btf, t, data, size, depth);
	case BTF_KIND_ENUM: {
		int32_t v;

		if (t->size != 4 || size < 4)
			return -ENOTSUP;
		memcpy(&v, data, 4);
		out_printf(f, "%d", v);
		return 0;
	}
	case BTF_KIND_PTR: {
		uint64_t p;

		if (size < 8)
			return -ENOTSUP;
		memcpy(&p, data, 8);
		out_printf(f, "%#llx", (unsigned long long)p);
		return 0;
	}
	}
	return -ENOTSUP;
}

int btf_value_print(struct out *f, const struct btf *btf, uint32_t id,
		    const void *data, size_t size)
{
	uint32_t tsz;

	/* A value we would print only partly is better shown as hex. */
	if (!id || btf_type_size(btf, id, &tsz, NULL) || tsz != size)
		return -ENOTSUP;
	return value(f, btf, id, data, size, 0);
}
