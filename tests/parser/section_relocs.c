// SPDX-License-Identifier: GPL-2.0
/*
 * section_relocs.c - kernel/test/strings.bpf.o: string literals in
 * .rodata.str1.1 and a static variable in .bss are relocated against
 * their section symbol, the offset being in the instruction's imm.  The
 * planned offsets must point at the right strings and variable.
 */
#include <stdio.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

int main(void)
{
	const char *build = getenv("BUILD");
	const struct map_spec *str, *bss;
	const struct prog_spec *p;
	const struct var_spec *v;
	struct bb_err err = { 0 };
	struct obj_spec spec;
	int first = 0, other = 0, pick = 0;
	char path[4096];
	uint8_t *buf;
	size_t len;
	uint32_t i;

	snprintf(path, sizeof(path), "%s/test/strings.bpf.o",
		 build && *build ? build : "build");
	buf = read_whole(path, &len);
	if (!ok(buf && !obj_spec_parse(&spec, buf, len, &err), "parse %s %s",
		path, err.msg))
		return done_testing();
	str = obj_spec_map(&spec, ".rodata.str1.1");
	bss = obj_spec_map(&spec, ".bss");
	p = obj_spec_prog(&spec, "print_pick");
	if (!ok(str && bss && p, "maps .rodata.str1.1 and .bss, program print_pick"))
		return done_testing();
	ok(str->frozen && str->map_flags == BPF_F_RDONLY_PROG,
	   ".rodata.str1.1 is read-only and frozen like .rodata");
	is_str(str->kernel_name, ".rodata.str1.1", "its kernel name");
	for (i = 0; i < p->nr_relocs; i++) {
		const struct reloc_spec *r = &p->relocs[i];
		const char *s = (const char *)str->init + r->off;

		if (r->kind != RELOC_MAP_VALUE)
			continue;
		if (&spec.maps[r->map] == str) {
			first += !strcmp(s, "first %d\n");
			other += !strcmp(s, "other %d\n");
		}
		pick += &spec.maps[r->map] == bss && r->off == 0;
	}
	ok(first >= 1 && other >= 1,
	   "each literal's load points at that literal (offset from imm)");
	ok(pick >= 1, "the static variable's load points at .bss + 0");
	v = obj_spec_var(&spec, "pick");
	ok(v && &spec.maps[v->map] == bss && v->off == 0 && v->size == 4,
	   "the static variable 'pick' is found by name");
	obj_spec_free(&spec);
	free(buf);
	return done_testing();
}
