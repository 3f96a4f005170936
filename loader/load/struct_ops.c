// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops.c - lay a struct_ops variable out as the kernel's struct.
 *
 * The kernel knows a struct it lets BPF implement (tcp_congestion_ops)
 * under a wrapper type, struct bpf_struct_ops_<name> { refcnt, state,
 * struct <name> data; } (kernel/bpf/bpf_struct_ops.c, 5.6): the map is
 * created with that type's vmlinux BTF id (btf_vmlinux_value_type_id)
 * and its size as value size, and the value written at registration is
 * that wrapper, refcnt and state zero.  Inside "data", member by member
 * of the kernel's struct, found in the object's struct by name:
 *   - a function pointer: the fd of the program the object put there
 *     (written at registration, attach/struct_ops.c); that program is
 *     loaded with attach_btf_id = the kernel's struct and
 *     expected_attach_type = the member's index;
 *   - any other member: the object's bytes, of the same size (the
 *     kernel checks them: tcp_congestion_ops copies its name and flags
 *     and wants every other data member zero).
 * A member the object sets but the kernel's struct lacks is an error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/load/struct_ops.h"
#include "loader/sys/narrate.h"

#define VALUE_PREFIX "bpf_struct_ops_"

struct st_ctx {
	struct bb_object *obj;
	struct bb_map *map;
	const struct btf *kbtf;	/* the kernel's */
	const struct btf *obtf;	/* the object's */
	uint32_t type_id;	/* the kernel's struct */
	uint32_t data_off;	/* of "data" in the kernel's value */
	struct bb_err *err;
};

/* The value type: its id, its size, where "data" is in it. */
static int value_type(struct st_ctx *c, struct st_ops_kern *st)
{
	const char *type = c->map->spec->st_type;
	const struct btf_type *t;
	char name[128];
	int id, ret;

	id = btf_find(c->kbtf, type, BTF_KIND_STRUCT);
	if (id < 0)
		return bb_errf(c->err, -ENOENT,
			       "the kernel has no struct %s (kernel BTF)", type);
	c->type_id = id;
	fmt_snprintf(name, sizeof(name), VALUE_PREFIX "%s", type);
	id = btf_find(c->kbtf, name, BTF_KIND_STRUCT);
	t = id > 0 ? btf_type(c->kbtf, id) : NULL;
	if (!t)
		return bb_errf(c->err, -ENOTSUP,
			       "the kernel has no struct %s: it lets no BPF program implement struct %s",
			       name, type);
	ret = btf_member_offset(c->kbtf, id, "data", &c->data_off, c->err);
	if (ret)
		return bb_errf(c->err, ret, "kernel struct %s has no member data",
			       name);
	st->value_type_id = id;
	st->value_size = t->size;
	st->value = calloc(1, t->size);
	if (!st->value)
		return bb_errf(c->err, -ENOMEM, "out of memory");
	narrate_say("struct_ops map '%s': struct %s (kernel BTF id %u), value struct %s (id %u, %u bytes)",
		    c->map->spec->name, type, c->type_id, name, id, t->size);
	return 0;
}

/* The program the object put in member @name, or NULL. */
static const struct st_func *func_named(const struct map_spec *s,
					const char *name)
{
	uint32_t i;

	for (i = 0; i < s->nr_st_funcs; i++)
		if (!strcmp(s->st_funcs[i].member, name))
			return &s->st_funcs[i];
	return NULL;
}

static int add_slot(struct st_ctx *c, uint32_t idx, const char *name,
		    uint32_t off)
{
	const struct st_func *f = func_named(c->map->spec, name);
	struct st_ops_kern *st = c->map->st;
	struct st_fd_slot *s;
	struct bb_prog *p;

	if (!f)
		return 0;	/* the object leaves it NULL */
	s = realloc(st->slots, (st->nr_slots + 1) * sizeof(*s));
	if (!s)
		return bb_errf(c->err, -ENOMEM, "out of memory");
	st->slots = s;
	s[st->nr_slots++] = (struct st_fd_slot){ .off = off, .prog = f->prog };
	p = &c->obj->progs[f->prog];
	p->attach_btf_id = c->type_id;
	p->st_member = idx;
	narrate_say("  member %s (#%u, value offset %u) <- program %s", name,
		    idx, off, p->spec->name);
	return 0;
}

/* A data member: the object's bytes, where the kernel has it. */
static int copy_data(struct st_ctx *c, const struct btf_member *km,
		     const char *name, uint32_t off)
{
	const struct map_spec *s = c->map->spec;
	const struct btf_type *ot = btf_type(c->obtf, s->value_type_id);
	const struct btf_member *om = btf_extra(ot);
	uint32_t ksize, osize, ooff;
	int i = btf_member_index(c->obtf, s->value_type_id, name), ret;

	om += i;
	ooff = btf_member_bits(ot, om);
	ret = btf_type_size(c->kbtf, km->type, &ksize, c->err);
	if (!ret)
		ret = btf_type_size(c->obtf, om->type, &osize, c->err);
	if (ret)
		return ret;
	if (ksize != osize || ooff % 8 ||
	    (BTF_INFO_KFLAG(ot->info) && BTF_MEMBER_BITFIELD_SIZE(om->offset)))
		return bb_errf(c->err, -EINVAL,
			       "member '%s' is %u bytes at bit %u in the object, %u bytes in the kernel's struct %s",
			       name, osize, ooff, ksize, s->st_type);
	if (ooff / 8 > s->value_size || osize > s->value_size - ooff / 8 ||
	    off > c->map->st->value_size || ksize > c->map->st->value_size - off)
		return bb_errf(c->err, -EINVAL, "member '%s' is past the end of the value",
			       name);
	memcpy(c->map->st->value + off, s->init + ooff / 8, ksize);
	return 0;
}

/* Member #@idx of the kernel's struct, if the object's struct has it. */
static int one_member(struct st_ctx *c, uint32_t idx)
{
	const struct btf_type *kt = btf_type(c->kbtf, c->type_id);
	const struct btf_member *km = (const struct btf_member *)btf_extra(kt) + idx;
	const char *name = btf_str(c->kbtf, km->name_off);
	uint32_t bits = btf_member_bits(kt, km);

	if (!name || !*name ||
	    btf_member_index(c->obtf, c->map->spec->value_type_id, name) < 0)
		return 0;
	if (bits % 8)
		return bb_errf(c->err, -ENOTSUP,
			       "member '%s' is a bitfield in the kernel's struct %s",
			       name, c->map->spec->st_type);
	if (btf_is_func_ptr(c->kbtf, km->type))
		return add_slot(c, idx, name, c->data_off + bits / 8);
	return copy_data(c, km, name, c->data_off + bits / 8);
}

static bool all_zero(const uint8_t *p, uint32_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* Every member the object sets must be in the kernel's struct. */
static int check_unknown(struct st_ctx *c)
{
	const struct map_spec *s = c->map->spec;
	const struct btf_type *ot = btf_type(c->obtf, s->value_type_id);
	const struct btf_member *om = btf_extra(ot);
	uint32_t i, size, off;

	for (i = 0; i < btf_vlen(ot); i++) {
		const char *name = btf_str(c->obtf, om[i].name_off);

		if (!name || btf_member_index(c->kbtf, c->type_id, name) >= 0)
			continue;
		off = btf_member_bits(ot, &om[i]) / 8;
		if (btf_type_size(c->obtf, om[i].type, &size, c->err) ||
		    off > s->value_size || size > s->value_size - off)
			size = 0;
		if (func_named(s, name) || !all_zero(s->init + off, size))
			return bb_errf(c->err, -ENOENT,
				       "member '%s' is set, but this kernel's struct %s has no such member",
				       name, s->st_type);
	}
	return 0;
}

/*
 * From now on the map is what the kernel has: its values (a lookup, a
 * dump, a pinned map's check) are the kernel's struct, of its size.  The
 * object owns the spec; its map is only ever made from this layout.
 */
static void kernel_shape(struct st_ctx *c)
{
	struct map_spec *s = &c->obj->spec.maps[c->map - c->obj->maps];

	s->value_size = c->map->st->value_size;
	s->value_type_id = 0;
}

static int prepare_map(struct st_ctx *c)
{
	const struct btf_type *kt;
	uint32_t i;
	int ret;

	c->map->st = calloc(1, sizeof(*c->map->st));
	if (!c->map->st)
		return bb_errf(c->err, -ENOMEM, "out of memory");
	c->map->st->link_fd = -1;
	ret = value_type(c, c->map->st);
	kt = ret ? NULL : btf_type(c->kbtf, c->type_id);
	for (i = 0; kt && !ret && i < btf_vlen(kt); i++)
		ret = one_member(c, i);
	if (!ret)
		ret = check_unknown(c);
	if (!ret)
		kernel_shape(c);
	return ret;
}

int struct_ops_prepare(struct bb_object *obj, struct kernel_types *k,
		       struct bb_err *err)
{
	struct st_ctx c = { .obj = obj, .obtf = &obj->spec.btf, .err = err };
	uint32_t i;
	int ret = kernel_types_get(k, NULL, err);

	c.kbtf = &k->kb.btf;
	for (i = 0; !ret && i < obj->spec.nr_maps; i++) {
		if (!obj->spec.maps[i].st_type || obj->maps[i].st)
			continue;
		c.map = &obj->maps[i];
		ret = prepare_map(&c);
		if (ret)
			ret = bb_err_prefix(err, ret, "struct_ops map '%s'",
					    c.map->spec->name);
	}
	return ret;
}
