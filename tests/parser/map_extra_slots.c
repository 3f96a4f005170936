// SPDX-License-Identifier: GPL-2.0
/*
 * map_extra_slots - two map attributes the parser used to refuse (issue
 * 16): a PROG_ARRAY's ".values = { [1] = &second, [3] = &third }" (slots
 * that name programs) and map_extra, as __uint() (a bloom filter's hash
 * count) and as __ulong() (an arena's address: an enum value in BTF).
 */
#include <stdio.h>
#include <stdlib.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

/* The object's bytes, which @spec points into: free them after it. */
static uint8_t *data;

static int parse(const char *name, struct obj_spec *spec)
{
	struct bb_err err = { 0 };
	const char *b = getenv("BUILD");
	char path[512];
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/test/%s", b && *b ? b : "build", name);
	data = read_whole(path, &len);
	if (!ok(data != NULL, "read %s", path))
		return -1;
	if (!ok(!obj_spec_parse(spec, data, len, &err), "%s parses: %s", name,
		err.msg)) {
		free(data);
		return -1;
	}
	return 0;
}

static void done(struct obj_spec *spec)
{
	obj_spec_free(spec);
	free(data);
	data = NULL;
}

static void prog_slots(void)
{
	const struct map_spec *m;
	struct obj_spec spec;

	if (parse("prog_array_values.bpf.o", &spec))
		return;
	m = obj_spec_map(&spec, "jumps");
	if (!ok(m && m->prog_values, "jumps: its values are programs"))
		goto out;
	ok(m->inner == NULL, "jumps: no inner map template");
	is_int(m->value_size, 4, "jumps: value size 4 (a program fd)");
	is_int(m->max_entries, 4, "jumps: max_entries as declared");
	if (!is_int(m->nr_slots, 2, "jumps: two slots initialised"))
		goto out;
	is_int(m->slots[0].index, 1, "first slot: index 1");
	is_str(spec.progs[m->slots[0].prog].name, "second", "holds 'second'");
	is_int(m->slots[1].index, 3, "second slot: index 3");
	is_str(spec.progs[m->slots[1].prog].name, "third", "holds 'third'");
out:
	done(&spec);
}

static void map_extra(void)
{
	const struct map_spec *m;
	struct obj_spec spec;

	if (parse("map_extra.bpf.o", &spec))
		return;
	m = obj_spec_map(&spec, "seen");
	ok(m && m->map_extra == 3, "bloom filter: __uint(map_extra, 3)");
	done(&spec);
	if (parse("map_extra_arena.bpf.o", &spec))
		return;
	m = obj_spec_map(&spec, "arena");
	ok(m && m->map_extra == 0x10000000,
	   "arena: __ulong(map_extra, 0x10000000), read from its enum");
	ok(m && m->max_entries == 2 && m->map_flags == (1U << 10),
	   "arena: 2 pages, BPF_F_MMAPABLE");
	done(&spec);
}

int main(void)
{
	prog_slots();
	map_extra();
	return done_testing();
}
