// SPDX-License-Identifier: GPL-2.0
/*
 * map_in_map_spec - the parser decodes __array(values, struct {...}) into
 * an inner template and finds the slots initialised in C through .rel.maps.
 */
#include <stdio.h>
#include <stdlib.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static const char *obj_path(const char *name, char *buf, size_t len)
{
	const char *b = getenv("BUILD");

	snprintf(buf, len, "%s/test/%s", b && *b ? b : "build", name);
	return buf;
}

static void check_outer(const struct obj_spec *spec, const char *name,
			uint32_t type, uint32_t max, uint32_t slot,
			const char *inner_name)
{
	const struct map_spec *m = obj_spec_map(spec, name);

	if (!ok(m != NULL, "%s: found", name))
		return;
	is_int(m->type, type, "%s: type", name);
	is_int(m->key_size, 4, "%s: key size 4", name);
	is_int(m->value_size, 4, "%s: value size 4 (a map id)", name);
	is_int(m->max_entries, max, "%s: max_entries", name);
	if (!ok(m->inner != NULL, "%s: has an inner template", name))
		return;
	is_int(m->inner->type, BPF_MAP_TYPE_ARRAY, "%s: inner type array", name);
	is_int(m->inner->key_size, 4, "%s: inner key size", name);
	is_int(m->inner->value_size, 8, "%s: inner value size", name);
	is_int(m->inner->max_entries, 4, "%s: inner max_entries", name);
	if (!is_int(m->nr_slots, 1, "%s: one slot initialised", name))
		return;
	is_int(m->slots[0].index, slot, "%s: slot index", name);
	is_str(spec->maps[m->slots[0].map].name, inner_name,
	       "%s: slot holds %s", name, inner_name);
}

int main(void)
{
	struct bb_err err = { 0 };
	struct obj_spec spec;
	char path[512];
	uint8_t *data;
	size_t len = 0;

	data = read_whole(obj_path("map_in_map.bpf.o", path, sizeof(path)), &len);
	if (!ok(data != NULL, "read %s", path))
		return done_testing();
	if (!ok(!obj_spec_parse(&spec, data, len, &err), "parse: %s", err.msg))
		return done_testing();
	check_outer(&spec, "outer", BPF_MAP_TYPE_ARRAY_OF_MAPS, 8, 0, "inner_a");
	check_outer(&spec, "outer_hash", BPF_MAP_TYPE_HASH_OF_MAPS, 4, 1,
		    "inner_b");
	ok(obj_spec_map(&spec, "inner_a")->inner == NULL,
	   "an inner map is a plain map");
	obj_spec_free(&spec);
	free(data);
	return done_testing();
}
