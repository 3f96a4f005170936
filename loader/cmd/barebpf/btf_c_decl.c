// SPDX-License-Identifier: GPL-2.0
/*
 * btf_c_decl.c - one declaration in C: a BTF type chain (pointer to array
 * of const struct...) turned inside out into C's declarator syntax.
 *
 * C writes a declaration as a base type and a declarator around the
 * name: "int (*handlers[4])(struct sk_buff *)".  BTF lists the same from
 * the outside in (array of 4 -> pointer -> function -> int), so each
 * step wraps the declarator built so far: an array appends "[4]", a
 * pointer prepends "*" (in parentheses before an array or a function),
 * a function appends its parameter list.  What is left is the base type,
 * printed before it, with an anonymous struct's body inline.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/cmd/barebpf/btf_c.h"

#define DECL_MAX 1024

struct decl {
	char text[DECL_MAX];	/* the declarator */
	char quals[32];		/* "const volatile " before the base type */
	uint32_t base;		/* struct, union, enum, typedef, int... or 0 */
};

static int decl_chain(struct btf_c *d, uint32_t id, const char *inner,
		      struct decl *out, int depth);

/* out->text = @pre out->text @post. */
static int wrap(struct btf_c *d, struct decl *out, const char *pre,
		const char *post)
{
	char tmp[DECL_MAX];
	int len;

	len = fmt_snprintf(tmp, sizeof(tmp), "%s%s%s", pre, out->text, post);
	if (len < 0 || (size_t)len >= sizeof(tmp))
		return bb_errf(d->err, -E2BIG,
			       "btf: a declarator longer than %d bytes", DECL_MAX);
	memcpy(out->text, tmp, (size_t)len + 1);
	return 0;
}

/* A parameter or a base type for a string: named types only. */
static int base_str(struct btf_c *d, const struct decl *dc, char *buf,
		    size_t len)
{
	const struct btf_type *t = btf_type(d->btf, dc->base);
	const char *kw = "", *name = btf_c_name(d, dc->base);

	if (!t)
		name = "void";
	else if (btf_kind(t) == BTF_KIND_STRUCT ||
		 (btf_kind(t) == BTF_KIND_FWD && !BTF_INFO_KFLAG(t->info)))
		kw = "struct ";
	else if (btf_kind(t) == BTF_KIND_UNION || btf_kind(t) == BTF_KIND_FWD)
		kw = "union ";
	else if (btf_kind(t) == BTF_KIND_ENUM || btf_kind(t) == BTF_KIND_ENUM64)
		kw = "enum ";
	if (t && !*name)
		return bb_errf(d->err, -ENOTSUP,
			       "btf: type %u: an anonymous type in a parameter list",
			       dc->base);
	fmt_snprintf(buf, len, "%s%s%s%s%s", dc->quals, kw, name,
		     *dc->text ? " " : "", dc->text);
	return 0;
}

/* "(int, struct file *)", "(void)", "(const char *, ...)". */
static int params(struct btf_c *d, const struct btf_type *t, char *buf,
		  size_t len, int depth)
{
	const struct btf_param *p = btf_extra(t);
	struct decl pd;
	uint32_t i, n = btf_vlen(t);
	size_t used = 0;
	char one[DECL_MAX];
	int ret;

	buf[0] = '\0';
	if (!n)
		fmt_snprintf(buf, len, "void");
	for (i = 0; i < n; i++) {
		if (!p[i].type && i == n - 1) {
			fmt_snprintf(one, sizeof(one), "...");
		} else {
			ret = decl_chain(d, p[i].type, "", &pd, depth + 1);
			if (!ret)
				ret = base_str(d, &pd, one, sizeof(one));
			if (ret)
				return ret;
		}
		used += fmt_snprintf(buf + used, len - used, "%s%s",
				     i ? ", " : "", one);
		if (used >= len)
			return bb_errf(d->err, -E2BIG,
				       "btf: a parameter list longer than %zu bytes",
				       len);
	}
	return 0;
}

static const char *qual_word(uint32_t kind)
{
	return kind == BTF_KIND_CONST ? "const" :
	       kind == BTF_KIND_VOLATILE ? "volatile" : "restrict";
}

/* A qualifier: on a pointer it goes in the declarator ("*const p"). */
static int qualify(struct btf_c *d, const struct btf_type *t, struct decl *out)
{
	const struct btf_type *next = btf_type(d->btf, t->type);
	const char *w = qual_word(btf_kind(t));
	size_t n = strlen(out->quals);
	char pre[16];

	if (next && btf_kind(next) == BTF_KIND_PTR) {
		fmt_snprintf(pre, sizeof(pre), *out->text ? "%s " : "%s", w);
		return wrap(d, out, pre, "");
	}
	/* BTF may say const twice (const of a const typedef'd array...). */
	if (btf_kind(t) != BTF_KIND_RESTRICT && n + 10 < sizeof(out->quals) &&
	    !strstr(out->quals, w))
		fmt_snprintf(out->quals + n, sizeof(out->quals) - n, "%s ", w);
	return 0;
}

static int decl_chain(struct btf_c *d, uint32_t id, const char *inner,
		      struct decl *out, int depth)
{
	const struct btf_type *t, *to;
	char plist[DECL_MAX + 2];
	int ret = 0, steps;

	fmt_snprintf(out->text, sizeof(out->text), "%s", inner);
	out->quals[0] = '\0';
	for (steps = 0; steps < BTF_MAX_DEPTH && depth < BTF_MAX_DEPTH; steps++) {
		t = btf_type(d->btf, id);
		out->base = id;
		if (!t)
			return 0;
		switch (btf_kind(t)) {
		case BTF_KIND_PTR:
			to = btf_type(d->btf, t->type);
			if (to && (btf_kind(to) == BTF_KIND_ARRAY ||
				   btf_kind(to) == BTF_KIND_FUNC_PROTO))
				ret = wrap(d, out, "(*", ")");
			else
				ret = wrap(d, out, "*", "");
			id = t->type;
			break;
		case BTF_KIND_ARRAY: {
			const struct btf_array *a = btf_extra(t);

			fmt_snprintf(plist, sizeof(plist), "[%u]", a->nelems);
			ret = wrap(d, out, "", plist);
			id = a->type;
			break;
		}
		case BTF_KIND_FUNC_PROTO:
			plist[0] = '(';
			ret = params(d, t, plist + 1, DECL_MAX, depth);
			if (!ret) {
				strcat(plist, ")");
				ret = wrap(d, out, "", plist);
			}
			id = t->type;
			break;
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
			ret = qualify(d, t, out);
			id = t->type;
			break;
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		default:
			return 0;
		}
		if (ret)
			return ret;
	}
	return bb_errf(d->err, -ELOOP, "btf: type %u: a chain of more than %d types",
		       id, BTF_MAX_DEPTH);
}

static void tabs(struct btf_c *d, int n)
{
	while (n-- > 0)
		out_putc(d->f, '\t');
}

/* The base type; an anonymous struct, union or enum with its body. */
static int print_base(struct btf_c *d, const struct decl *dc, int indent,
		      int depth)
{
	const struct btf_type *t = btf_type(d->btf, dc->base);
	const char *name = btf_c_name(d, dc->base);
	uint32_t kind = t ? btf_kind(t) : 0;

	out_puts(d->f, dc->quals);
	if (!t) {
		out_puts(d->f, "void");
		return 0;
	}
	if (kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION ||
	    kind == BTF_KIND_FWD) {
		out_puts(d->f, kind == BTF_KIND_UNION ||
			 (kind == BTF_KIND_FWD && BTF_INFO_KFLAG(t->info)) ?
			 "union" : "struct");
		if (*name || kind == BTF_KIND_FWD) {
			out_printf(d->f, " %s", name);
			return 0;
		}
		out_putc(d->f, ' ');
		return btf_c_print_body(d, dc->base, indent, depth + 1);
	}
	if (kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64) {
		out_puts(d->f, "enum");
		if (*name) {
			out_printf(d->f, " %s", name);
			return 0;
		}
		out_putc(d->f, ' ');
		btf_c_print_enum_body(d, dc->base, indent);
		return 0;
	}
	out_puts(d->f, name);
	return 0;
}

int btf_c_print_decl(struct btf_c *d, uint32_t id, const char *name,
		     int indent, int depth)
{
	struct decl dc;
	int ret;

	if (depth > BTF_MAX_DEPTH)
		return bb_errf(d->err, -ELOOP, "btf: type %u: nested deeper than %d",
			       id, BTF_MAX_DEPTH);
	ret = decl_chain(d, id, name, &dc, depth);
	if (!ret)
		ret = print_base(d, &dc, indent, depth);
	if (!ret && *dc.text)
		out_printf(d->f, " %s", dc.text);
	return ret;
}

/* Unnamed bit-fields from bit @from to @to, none across 64 bits. */
static void pad(struct btf_c *d, uint32_t from, uint32_t to, int indent)
{
	uint32_t n;

	while (from < to) {
		n = 64 - from % 64;
		if (n > to - from)
			n = to - from;
		tabs(d, indent);
		out_printf(d->f, "long: %u;\n", n);
		from += n;
	}
}

static uint32_t round_up(uint32_t v, uint32_t a)
{
	return a ? (v + a - 1) / a * a : v;
}

/* Where C puts member @i after bit @pos, and where it ends (bits). */
static int place(struct btf_c *d, uint32_t id, const struct btf_type *t,
		 uint32_t i, uint32_t *pos, int indent, int depth)
{
	const struct btf_member *m = (const struct btf_member *)btf_extra(t) + i;
	int is_union = btf_kind(t) == BTF_KIND_UNION;
	uint32_t off, bits, a, size, natural;
	int ret;

	btf_c_member_bits(t, m, &off, &bits);
	ret = btf_c_align(d->btf, d->lay, m->type, &a, depth, d->err);
	if (!ret)
		ret = btf_type_size(d->btf, m->type, &size, d->err);
	if (ret)
		return ret;
	if (d->lay[id].packed)
		a = 1;
	natural = is_union ? 0 : *pos;
	if (!is_union && (!bits || btf_c_straddles(natural, bits, a * 8)))
		natural = round_up(natural, a * 8);
	if (off < natural)
		return bb_errf(d->err, -EINVAL,
			       "btf: type %u ('%s'): member %u at bit %u, before C can put it (bit %u)",
			       id, btf_c_name(d, id), i, off, natural);
	if (off > natural)
		pad(d, *pos, off, indent);
	tabs(d, indent);
	ret = btf_c_print_decl(d, m->type, btf_str(d->btf, m->name_off) ?: "",
			       indent, depth);
	if (ret)
		return ret;
	if (bits)
		out_printf(d->f, ": %u", bits);
	out_puts(d->f, ";\n");
	if (!is_union || off + (bits ? bits : size * 8) > *pos)
		*pos = off + (bits ? bits : size * 8);
	return 0;
}

int btf_c_print_body(struct btf_c *d, uint32_t id, int indent, int depth)
{
	const struct btf_type *t = btf_type(d->btf, id);
	uint32_t i, pos = 0, a;
	int ret;

	/* Offsets are counted in bits, in 32 bits. */
	if (t->size > UINT32_MAX / 8)
		return bb_errf(d->err, -E2BIG, "btf: type %u ('%s'): %u bytes, too large",
			       id, btf_c_name(d, id), t->size);
	ret = btf_c_align(d->btf, d->lay, id, &a, depth, d->err);
	if (ret)
		return ret;
	out_puts(d->f, "{\n");
	for (i = 0; i < btf_vlen(t); i++) {
		ret = place(d, id, t, i, &pos, indent + 1, depth);
		if (ret)
			return ret;
	}
	if (round_up(pos, a * 8) < t->size * 8) {
		/* A union's members overlap: one bit-field of its whole size. */
		if (btf_kind(t) == BTF_KIND_UNION && t->size > 8)
			return bb_errf(d->err, -EINVAL,
				       "btf: type %u ('%s'): a union of %u bytes, larger than its members",
				       id, btf_c_name(d, id), t->size);
		pad(d, btf_kind(t) == BTF_KIND_UNION ? 0 : pos, t->size * 8,
		    indent + 1);
	}
	tabs(d, indent);
	out_puts(d->f, d->lay[id].packed ? "} __attribute__((packed))" : "}");
	return 0;
}

void btf_c_print_enum_body(struct btf_c *d, uint32_t id, int indent)
{
	const struct btf_type *t = btf_type(d->btf, id);
	int is_signed = BTF_INFO_KFLAG(t->info);
	uint32_t i;

	out_puts(d->f, "{\n");
	for (i = 0; i < btf_vlen(t); i++) {
		const char *name = btf_c_enumerator(d, id, i);
		uint64_t v;

		if (btf_kind(t) == BTF_KIND_ENUM64) {
			const struct btf_enum64 *e = (const struct btf_enum64 *)btf_extra(t) + i;

			v = (uint64_t)e->val_hi32 << 32 | e->val_lo32;
		} else {
			const struct btf_enum *e = (const struct btf_enum *)btf_extra(t) + i;

			v = is_signed ? (uint64_t)(int64_t)e->val : (uint32_t)e->val;
		}
		tabs(d, indent + 1);
		if (is_signed)
			out_printf(d->f, "%s = %lld,\n", name, (long long)v);
		else
			out_printf(d->f, "%s = %llu%s,\n", name,
				   (unsigned long long)v, v > 0x7fffffffffffffffULL ? "ULL" : "");
	}
	tabs(d, indent);
	out_puts(d->f, "}");
}
