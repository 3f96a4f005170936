// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/num.h"
#include "elf/btf/btf_int.h"
#include "loader/load/global_data.h"
#include "loader/object/obj_knobs.h"

/* "NAME=NUMBER": the name into @buf, the number into *@val. */
static int split(const char *arg, char *buf, size_t len, long long *val)
{
	const char *eq = strchr(arg, '='), *end;
	uint64_t v;

	if (!eq || eq == arg || (size_t)(eq - arg) >= len)
		return -EINVAL;
	memcpy(buf, arg, eq - arg);
	buf[eq - arg] = '\0';
	/* Decimal, not negative: what knobs and sizes need. */
	if (num_parse(eq + 1, INT64_MAX, &v, &end) || *end)
		return -EINVAL;
	*val = v;
	return 0;
}

/*
 * The values variable @v holds: its BTF type's (signed or not, bool),
 * or, with no BTF type, anything its size holds signed or unsigned.
 */
static int var_range(const struct bb_object *obj, const struct var_spec *v,
		     struct btf_int_range *r, struct bb_err *err)
{
	if (v->type_id)
		return btf_int_range(&obj->spec.btf, v->type_id, r, err);
	if (!v->size || v->size > 8)
		return -EINVAL;
	*r = (struct btf_int_range){ .bytes = v->size, .is_signed = 1 };
	r->max = v->size == 8 ? UINT64_MAX : (1ull << (v->size * 8)) - 1;
	r->min = v->size == 8 ? INT64_MIN : -(int64_t)(r->max >> 1) - 1;
	return 0;
}

int obj_knob_set_var(struct bb_object *obj, const char *arg, struct bb_err *err)
{
	const struct var_spec *v;
	struct btf_int_range r;
	const char *eq = strchr(arg, '=');
	char name[256];
	uint64_t val;
	int ret;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name))
		return bb_errf(err, -EINVAL, "--set %s: want VAR=NUMBER", arg);
	memcpy(name, arg, eq - arg);
	name[eq - arg] = '\0';
	v = obj_spec_var(&obj->spec, name);
	if (!v)
		return bb_errf(err, -ENOENT, "--set: %s has no global variable '%s'",
			       obj->path, name);
	if (var_range(obj, v, &r, err) || r.bytes != v->size)
		return bb_errf(err, -EINVAL,
			       "--set: '%s' (%u bytes) is not an integer variable",
			       name, v->size);
	ret = num_parse_int(eq + 1, r.min, r.max, &val);
	if (ret == -ERANGE)
		return bb_errf(err, ret,
			       "--set %s: out of range for '%s', a%s %u-byte integer (%lld to %llu)",
			       arg, name, r.is_signed ? " signed" : "n unsigned",
			       r.bytes, (long long)r.min, (unsigned long long)r.max);
	if (ret)
		return bb_errf(err, ret,
			       "--set %s: want VAR=NUMBER (decimal or 0x hex, '-' if signed)",
			       arg);
	/* Little-endian: the low v->size bytes of val. */
	return bb_object_set_var(obj, name, &val, v->size, err);
}

/* "MAP=N" of option @opt: the map and N (1 to UINT32_MAX). */
static int map_knob(struct bb_object *obj, const char *opt, const char *arg,
		    struct bb_map **m, uint32_t *n, struct bb_err *err)
{
	char name[256];
	long long val;

	if (split(arg, name, sizeof(name), &val) || val <= 0 || val > UINT32_MAX)
		return bb_errf(err, -EINVAL, "%s %s: want MAP=N (N > 0)", opt, arg);
	*m = bb_object_find_map(obj, name);
	if (!*m)
		return bb_errf(err, -ENOENT, "%s: %s has no map '%s'", opt,
			       obj->path, name);
	*n = val;
	return 0;
}

int obj_knob_max_entries(struct bb_object *obj, const char *arg,
			 struct bb_err *err)
{
	struct bb_map *m;
	uint32_t n;
	int ret = map_knob(obj, "--max-entries", arg, &m, &n, err);

	if (!ret)
		m->max_entries = n;
	return ret;
}

int obj_knob_value_size(struct bb_object *obj, const char *arg,
			struct bb_err *err)
{
	struct bb_map *m;
	uint32_t n;
	int ret = map_knob(obj, "--value-size", arg, &m, &n, err);

	if (ret)
		return ret;
	if (m->spec->global_data || m->spec->inner || m->spec->kconfig)
		return bb_errf(err, -EINVAL,
			       "--value-size: map '%s' has the size of what it holds",
			       m->spec->name);
	/* The spec is the object's own: every reader of the map sees it. */
	obj->spec.maps[m - obj->maps].value_size = n;
	return 0;
}

void obj_knob_default_max_entries(struct bb_object *obj, uint32_t n)
{
	uint32_t i;

	for (i = 0; n && i < obj->spec.nr_maps; i++)
		if (!obj->maps[i].spec->max_entries &&
		    obj->maps[i].spec->type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			obj->maps[i].max_entries = n;
}
