// SPDX-License-Identifier: GPL-2.0
/*
 * mixed_sections.c - kernel/test/mixed_sections.bpf.o: a section of a
 * program type we do not know no longer fails the whole object (issue
 * 16).  The object parses; the tp_btf program keeps its type; the other
 * is kept with no type (sec_def_unknown), for the loader to skip.
 */
#include <stdio.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

int main(void)
{
	const char *build = getenv("BUILD");
	const struct prog_spec *known, *unknown;
	struct bb_err err = { 0 };
	struct obj_spec spec;
	char path[4096];
	uint8_t *buf;
	size_t len;

	snprintf(path, sizeof(path), "%s/test/mixed_sections.bpf.o",
		 build && *build ? build : "build");
	buf = read_whole(path, &len);
	if (!ok(buf && !obj_spec_parse(&spec, buf, len, &err), "parse %s %s",
		path, err.msg))
		return done_testing();
	known = obj_spec_prog(&spec, "mixed_sys_enter");
	unknown = obj_spec_prog(&spec, "mixed_unknown");
	if (!ok(known && unknown, "both programs are in the spec"))
		return done_testing();
	ok(sec_def_known(known->def) &&
	   known->def->prog_type == BPF_PROG_TYPE_TRACING &&
	   !strcmp(known->target, "sys_enter"),
	   "tp_btf/sys_enter: tracing, target sys_enter");
	ok(unknown->def == &sec_def_unknown && !sec_def_known(unknown->def) &&
	   unknown->def->attach == ATTACH_NONE,
	   "bb_no_such_type/x: no program type, nothing to attach");
	is_str(unknown->section, "bb_no_such_type/x", "its section is kept for messages");
	ok(unknown->nr_insns > 0, "and its instructions (%u)", unknown->nr_insns);
	obj_spec_free(&spec);
	free(buf);
	return done_testing();
}
