// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/num.h"
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

int obj_knob_set_var(struct bb_object *obj, const char *arg, struct bb_err *err)
{
	const struct var_spec *v;
	char name[256];
	long long val;

	if (split(arg, name, sizeof(name), &val))
		return bb_errf(err, -EINVAL, "--set %s: want VAR=NUMBER", arg);
	v = obj_spec_var(&obj->spec, name);
	if (!v)
		return bb_errf(err, -ENOENT, "--set: %s has no global variable '%s'",
			       obj->path, name);
	if (v->size > sizeof(val))
		return bb_errf(err, -EINVAL, "--set: '%s' is %u bytes, not a number",
			       name, v->size);
	/* Little-endian: the low v->size bytes of val. */
	return bb_object_set_var(obj, name, &val, v->size, err);
}

int obj_knob_max_entries(struct bb_object *obj, const char *arg,
			 struct bb_err *err)
{
	struct bb_map *m;
	char name[256];
	long long val;

	if (split(arg, name, sizeof(name), &val) || val <= 0 || val > UINT32_MAX)
		return bb_errf(err, -EINVAL, "--max-entries %s: want MAP=N (N > 0)", arg);
	m = bb_object_find_map(obj, name);
	if (!m)
		return bb_errf(err, -ENOENT, "--max-entries: %s has no map '%s'",
			       obj->path, name);
	m->max_entries = val;
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
