// SPDX-License-Identifier: GPL-2.0
/*
 * map_in_map.c - create maps of maps and put maps in them.
 *
 * BPF_MAP_CREATE for an outer map takes inner_map_fd, a map whose shape
 * every inner map must share.  The kernel keeps only a copy of that shape
 * (bpf_map_meta_alloc() in kernel/bpf/map_in_map.c), so the template can
 * be closed as soon as the outer map exists.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/maps/map.h"
#include "loader/maps/map_in_map.h"
#include "loader/sys/sys.h"

int map_create_outer(struct bb_map *map, struct bb_err *err)
{
	struct bb_map tmpl = { .spec = map->spec->inner, .fd = -1 };
	int ret;

	ret = map_create(&tmpl, err);
	if (ret)
		return bb_err_prefix(err, ret, "template of the inner maps");
	ret = map_create_in(map, tmpl.fd, err);
	sys_close(tmpl.fd);
	return ret;
}

int map_fill_slots(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i, j;
	int ret;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		const struct bb_map *outer = &obj->maps[i];

		/* A reused map keeps what it holds, as libbpf does; a
		 * PROG_ARRAY's slots wait for the programs (prog_array.c). */
		if (outer->reused || outer->spec->prog_values)
			continue;
		for (j = 0; j < outer->spec->nr_slots; j++) {
			const struct map_slot *s = &outer->spec->slots[j];

			ret = map_set_inner(outer, s->index,
					    obj->maps[s->map].fd, err);
			if (ret)
				return bb_err_prefix(err, ret, "slot %u = '%s'",
						     s->index,
						     obj->spec.maps[s->map].name);
		}
	}
	return 0;
}

int map_create_inner(const struct bb_map *outer, const char *name,
		     struct bb_err *err)
{
	struct map_spec spec;
	struct bb_map m = { .spec = &spec, .fd = -1 };
	int ret;

	if (!outer->spec->inner)
		return bb_errf(err, -EINVAL, "map '%s' is not a map of maps",
			       outer->spec->name);
	spec = *outer->spec->inner;
	spec.name = name;
	ret = map_create(&m, err);
	return ret ? ret : m.fd;
}

static void describe(char *buf, size_t len, const struct bpf_map_info *i)
{
	fmt_snprintf(buf, len,
		     "type %u, key_size %u, value_size %u, max_entries %u, map_flags %#x",
		     i->type, i->key_size, i->value_size, i->max_entries,
		     i->map_flags);
}

/* Why the kernel said EINVAL: show the map next to the template. */
static int refused(const struct bb_map *outer, uint32_t key, int inner_fd,
		   int code, struct bb_err *err)
{
	const struct map_spec *t = outer->spec->inner;
	struct bpf_map_info info, want = { 0 };
	uint32_t len = sizeof(info);
	char have_s[160], want_s[160];

	memset(&info, 0, sizeof(info));
	if (!t || sys_obj_get_info_by_fd(inner_fd, &info, &len))
		return bb_errf(err, code,
			       "map '%s': bpf(BPF_MAP_UPDATE_ELEM) key %u = fd %d: %s",
			       outer->spec->name, key, inner_fd,
			       errno_text(-code));
	want = (struct bpf_map_info){ .type = t->type,
				      .key_size = t->key_size,
				      .value_size = t->value_size,
				      .max_entries = t->max_entries,
				      .map_flags = t->map_flags };
	describe(have_s, sizeof(have_s), &info);
	describe(want_s, sizeof(want_s), &want);
	return bb_errf(err, code,
		       "map '%s': the kernel refused map id %u as inner map %u (%s): inner maps must match the template (%s)",
		       outer->spec->name, info.id, key, have_s, want_s);
}

int map_set_inner(const struct bb_map *outer, uint32_t key, int inner_fd,
		  struct bb_err *err)
{
	uint32_t value = inner_fd;
	int ret = sys_map_update_elem(outer->fd, &key, &value, BPF_ANY);

	if (ret == -EINVAL)
		return refused(outer, key, inner_fd, ret, err);
	if (ret)
		return bb_errf(err, ret,
			       "map '%s': bpf(BPF_MAP_UPDATE_ELEM) key %u = fd %d: %s",
			       outer->spec->name, key, inner_fd,
			       errno_text(-ret));
	return 0;
}

int map_inner_id(const struct bb_map *outer, uint32_t key, uint32_t *id)
{
	return sys_map_lookup_elem(outer->fd, &key, id, 0);
}
