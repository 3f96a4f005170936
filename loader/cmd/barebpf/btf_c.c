// SPDX-License-Identifier: GPL-2.0
/*
 * btf_c.c - the order of a C header written from BTF.
 *
 * C wants a type declared before it is used, and a struct complete before
 * it is used by value (as a member, an array element).  So each type is
 * printed after what it needs: need(id, strong) prints the named types
 * under @id first, complete if @strong, or only forward-declared
 * ("struct task_struct;") when reached through a pointer, which is what
 * breaks the cycles (task_struct -> mm_struct -> task_struct).  Enums are
 * always printed whole (C has no incomplete enum); typedefs whenever
 * named.  Anonymous structs, unions and enums are printed inline where
 * they are used, and an anonymous enum nothing uses (the kernel's lists
 * of constants) on its own.  Every named struct, union, enum and typedef
 * is printed, used or not, as vmlinux.h is.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/cmd/barebpf/btf_c.h"

static int need(struct btf_c *d, uint32_t id, int strong, int depth);

static int too_deep(struct btf_c *d, uint32_t id)
{
	return bb_errf(d->err, -ELOOP, "btf: type %u: nested deeper than %d",
		       id, BTF_MAX_DEPTH);
}

/* "struct NAME;": enough for a pointer, and for a parameter list. */
static void forward(struct btf_c *d, uint32_t id, const struct btf_type *t)
{
	int is_union = btf_kind(t) == BTF_KIND_UNION ||
		       (btf_kind(t) == BTF_KIND_FWD && BTF_INFO_KFLAG(t->info));

	if (d->state[id] & (BTF_C_FWD | BTF_C_DONE))
		return;
	out_printf(d->f, "%s %s;\n\n", is_union ? "union" : "struct",
		   btf_c_name(d, id));
	d->state[id] |= BTF_C_FWD;
}

static int need_members(struct btf_c *d, const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_extra(t);
	uint32_t i;
	int ret;

	for (i = 0; i < btf_vlen(t); i++) {
		ret = need(d, m[i].type, 1, depth + 1);
		if (ret)
			return ret;
	}
	return 0;
}

static int emit_composite(struct btf_c *d, uint32_t id,
			  const struct btf_type *t, int depth)
{
	int ret;

	if (d->state[id] & BTF_C_DONE)
		return 0;
	if (d->state[id] & BTF_C_BUSY)
		return bb_errf(d->err, -ELOOP,
			       "btf: type %u ('%s') contains itself", id,
			       btf_c_name(d, id));
	d->state[id] |= BTF_C_BUSY;
	ret = need_members(d, t, depth);
	if (ret)
		return ret;
	out_printf(d->f, "%s %s ", btf_kind(t) == BTF_KIND_UNION ? "union" : "struct",
		   btf_c_name(d, id));
	ret = btf_c_print_body(d, id, 0, depth);
	if (ret)
		return ret;
	out_puts(d->f, ";\n\n");
	d->state[id] = BTF_C_DONE;
	return 0;
}

static void emit_enum(struct btf_c *d, uint32_t id)
{
	const char *name = btf_c_name(d, id);

	if (d->state[id] & BTF_C_DONE)
		return;
	out_printf(d->f, "enum %s%s", name, *name ? " " : "");
	btf_c_print_enum_body(d, id, 0);
	out_puts(d->f, ";\n\n");
	d->state[id] = BTF_C_DONE;
}

static int emit_typedef(struct btf_c *d, uint32_t id, const struct btf_type *t,
			int depth)
{
	int ret;

	/* The compiler's own: declaring it again would clash. */
	if (!strcmp(btf_c_name(d, id), "__builtin_va_list"))
		return 0;
	if (d->state[id] & BTF_C_DONE)
		return 0;
	if (d->state[id] & BTF_C_BUSY)
		return bb_errf(d->err, -ELOOP, "btf: typedef %u ('%s') names itself",
			       id, btf_c_name(d, id));
	d->state[id] |= BTF_C_BUSY;
	ret = need(d, t->type, 0, depth + 1);
	if (ret)
		return ret;
	out_puts(d->f, "typedef ");
	ret = btf_c_print_decl(d, t->type, btf_c_name(d, id), 0, depth);
	if (ret)
		return ret;
	out_puts(d->f, ";\n\n");
	d->state[id] = BTF_C_DONE;
	return 0;
}

static int need_proto(struct btf_c *d, const struct btf_type *t, int depth)
{
	const struct btf_param *p = btf_extra(t);
	uint32_t i;
	int ret = need(d, t->type, 0, depth + 1);

	for (i = 0; !ret && i < btf_vlen(t); i++)
		ret = need(d, p[i].type, 0, depth + 1);
	return ret;
}

static int need(struct btf_c *d, uint32_t id, int strong, int depth)
{
	const struct btf_type *t = btf_type(d->btf, id);
	int ret;

	if (depth > BTF_MAX_DEPTH)
		return too_deep(d, id);
	if (!t)
		return 0;
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		return need(d, t->type, 0, depth + 1);
	case BTF_KIND_ARRAY:
		return need(d, ((const struct btf_array *)btf_extra(t))->type, 1,
			    depth + 1);
	case BTF_KIND_TYPEDEF:
		ret = emit_typedef(d, id, t, depth);
		return ret || !strong ? ret : need(d, t->type, 1, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!*btf_c_name(d, id))
			return need_members(d, t, depth);
		if (strong)
			return emit_composite(d, id, t, depth);
		forward(d, id, t);
		return 0;
	case BTF_KIND_FWD:
		forward(d, id, t);
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (*btf_c_name(d, id))
			emit_enum(d, id);
		return 0;
	case BTF_KIND_FUNC_PROTO:
		return need_proto(d, t, depth);
	}
	if (btf_is_mod(btf_kind(t)))
		return need(d, t->type, strong, depth + 1);
	return 0;
}

/* Count the uses of each anonymous enum: those used nowhere stand alone. */
static void count_refs(struct btf_c *d)
{
	uint32_t id, i, n = d->btf->nr_types;

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf_type(d->btf, id);
		const struct btf_member *m;
		uint32_t ref = 0;

		if (!t)
			continue;
		if (btf_is_composite(t)) {
			m = btf_extra(t);
			for (i = 0; i < btf_vlen(t); i++)
				if (m[i].type < n && d->refs[m[i].type] < UINT16_MAX)
					d->refs[m[i].type]++;
			continue;
		}
		if (btf_kind(t) == BTF_KIND_ARRAY)
			ref = ((const struct btf_array *)btf_extra(t))->type;
		else if (btf_kind(t) == BTF_KIND_PTR || btf_is_mod(btf_kind(t)))
			ref = t->type;
		if (ref && ref < n && d->refs[ref] < UINT16_MAX)
			d->refs[ref]++;
	}
}

static int emit_one(struct btf_c *d, uint32_t id)
{
	const struct btf_type *t = btf_type(d->btf, id);
	int named = *btf_c_name(d, id);

	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return named ? emit_composite(d, id, t, 0) : 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (named || !d->refs[id])
			emit_enum(d, id);
		return 0;
	case BTF_KIND_TYPEDEF:
		return emit_typedef(d, id, t, 0);
	case BTF_KIND_FWD:
		forward(d, id, t);
		return 0;
	}
	return 0;
}

static void prologue(struct out *f)
{
	out_puts(f,
		 "/* Written by `barebpf btf dump --format c` from BTF: do not edit. */\n"
		 "#ifndef __VMLINUX_H__\n"
		 "#define __VMLINUX_H__\n\n"
		 "/*\n"
		 " * Every struct and union below records CO-RE relocations for each\n"
		 " * member access, as if each were marked preserve_access_index: the\n"
		 " * loader moves the offsets to the running kernel's.\n"
		 " */\n"
		 "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		 "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
		 "#endif\n\n");
}

static void epilogue(struct out *f)
{
	out_puts(f,
		 "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		 "#pragma clang attribute pop\n"
		 "#endif\n\n"
		 "#endif /* __VMLINUX_H__ */\n");
}

int btf_dump_c(struct out *f, const struct btf *btf, struct bb_err *err)
{
	struct btf_c d = { .f = f, .btf = btf, .err = err };
	uint32_t id;
	int ret = -ENOMEM;

	d.lay = calloc(btf->nr_types, sizeof(*d.lay));
	d.state = calloc(btf->nr_types, sizeof(*d.state));
	d.refs = calloc(btf->nr_types, sizeof(*d.refs));
	if (!d.lay || !d.state || !d.refs) {
		bb_errf(err, ret, "btf: %u types: out of memory", btf->nr_types);
		goto out;
	}
	ret = btf_c_names(&d);
	if (ret)
		goto out;
	count_refs(&d);
	prologue(f);
	ret = 0;
	for (id = 1; !ret && id < btf->nr_types; id++)
		ret = emit_one(&d, id);
	if (!ret)
		epilogue(f);
out:
	free(d.lay);
	free(d.state);
	free(d.refs);
	btf_c_names_free(&d);
	return ret;
}
