// SPDX-License-Identifier: GPL-2.0
/*
 * map_in_map_errors - maps of maps the parser must refuse, with a message.
 * Each case is compiled here with clang (a build dependency) into a
 * temporary file, because a broken object in kernel/test/ would break
 * every test that loads all objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

#define INNER \
	"struct inner { __uint(type, BPF_MAP_TYPE_ARRAY);"                \
	" __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); };\n"

static const struct {
	const char *what, *src, *msg;
} cases[] = {
	{ "a map of maps without __array(values, ...)",
	  "struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);"
	  " __uint(max_entries, 2); __type(key, __u32); __type(value, __u32); }"
	  " outer SEC(\".maps\");\n",
	  "needs __array(values, struct {...})" },
	{ "__array(values, ...) on a hash map",
	  INNER "struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 2);"
	  " __type(key, __u32); __array(values, struct inner); }"
	  " outer SEC(\".maps\");\n",
	  "is only for ARRAY_OF_MAPS and HASH_OF_MAPS" },
	{ "a slot past max_entries",
	  INNER "struct inner a SEC(\".maps\");\n"
	  "struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);"
	  " __uint(max_entries, 2); __type(key, __u32);"
	  " __array(values, struct inner); } outer SEC(\".maps\") ="
	  " { .values = { [3] = &a } };\n",
	  "is not one of its 2 slots" },
	{ "maps of maps of maps",
	  INNER "struct mid { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);"
	  " __uint(max_entries, 1); __type(key, __u32);"
	  " __array(values, struct inner); };\n"
	  "struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);"
	  " __uint(max_entries, 2); __type(key, __u32);"
	  " __array(values, struct mid); } outer SEC(\".maps\");\n",
	  "inner maps cannot hold maps themselves" },
};

static int compile(const char *src, const char *c_path, const char *o_path)
{
	const char *clang = getenv("CLANG");
	char cmd[1024];
	FILE *f = fopen(c_path, "w");

	if (!f)
		return -1;
	fprintf(f, "#include \"bpf_defs.h\"\nchar LICENSE[] SEC(\"license\") = \"GPL\";\n%s",
		src);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -target bpf -O2 -g -Ikernel -c %s -o %s",
		 clang && *clang ? clang : "clang", c_path, o_path);
	return system(cmd);
}

int main(void)
{
	char c_path[64], o_path[64];
	struct obj_spec spec;
	size_t i, len = 0;

	snprintf(c_path, sizeof(c_path), "/tmp/barebpf-mim-%d.c", (int)getpid());
	snprintf(o_path, sizeof(o_path), "/tmp/barebpf-mim-%d.o", (int)getpid());
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bb_err err = { 0 };
		uint8_t *data;

		if (!ok(compile(cases[i].src, c_path, o_path) == 0,
			"compile: %s", cases[i].what))
			continue;
		data = read_whole(o_path, &len);
		if (!data)
			continue;
		ok(obj_spec_parse(&spec, data, len, &err) < 0, "refused: %s",
		   cases[i].what);
		like(err.msg, cases[i].msg, "with the message");
		free(data);
	}
	unlink(c_path);
	unlink(o_path);
	return done_testing();
}
