// SPDX-License-Identifier: GPL-2.0
/*
 * btf_rules.c - our BTF parser refuses what the kernel's BPF_BTF_LOAD
 * refuses (tests/parser/btf_cases.h, one blob per rule), with the type id
 * and the rule in the message; the valid blob passes.  The kernel's
 * verdict on the same blobs: tests/kernel/btf_oracle.c.  And a real
 * object whose BTF gets a typedef loop is refused by obj_spec_parse(),
 * so `barebpf inspect` says why and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "elf/spec.h"
#include "tests/parser/btf_cases.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static void each_case(void)
{
	struct bb_err err = { 0 };
	struct btf btf;
	struct bb_btf b;
	size_t i;
	int ret;

	for (i = 0; i < NR_BTF_CASES; i++) {
		btf_cases[i].build(&b);
		bb_finish(&b);
		memset(&err, 0, sizeof(err));
		ret = btf_parse(&btf, b.blob, bc_len(&b), &err);
		if (!btf_cases[i].msg) {
			is_int(ret, 0, "%s: parsed", btf_cases[i].what);
		} else {
			ok(ret < 0, "%s: refused (%d)", btf_cases[i].what, ret);
			like(err.msg, btf_cases[i].msg, "  %s", err.msg);
		}
		if (!ret)
			btf_free(&btf);
		bb_free(&b);
	}
}

/* Point the first typedef of @data's .BTF at itself; its id, or 0. */
static uint32_t loop_first_typedef(uint8_t *data, size_t len)
{
	struct elf_file ef;
	struct btf btf;
	uint32_t id, found = 0;
	uint64_t off;
	int idx;

	if (elf_parse(&ef, data, len, NULL))
		return 0;
	idx = elf_find_section(&ef, ".BTF");
	off = idx < 0 ? 0 : ef.sections[idx].offset;
	if (idx >= 0 && !btf_parse(&btf, data + off, ef.sections[idx].size, NULL)) {
		for (id = 1; !found && id < btf.nr_types; id++)
			if (btf_kind(btf_type(&btf, id)) == BTF_KIND_TYPEDEF)
				found = id;
		if (found)	/* the record's type field: 8 bytes in */
			memcpy(data + off + ((const uint8_t *)btf_type(&btf, found) -
					     (data + off)) + 8, &found, 4);
		btf_free(&btf);
	}
	elf_free(&ef);
	return found;
}

/* A real object with a typedef loop: refused at parse, and by inspect --check. */
static void real_object(void)
{
	const char *b = getenv("BUILD");
	char path[512], tmp[] = "/tmp/bb_btf_loop_XXXXXX", cmd[1200];
	struct bb_err err = { 0 };
	struct obj_spec spec;
	uint8_t *data;
	size_t len = 0;
	uint32_t id;
	int fd, st;

	snprintf(path, sizeof(path), "%s/test/globals.bpf.o", b && *b ? b : "build");
	data = read_whole(path, &len);
	if (!ok(data != NULL, "read %s", path))
		return;
	snprintf(cmd, sizeof(cmd), "%s/barebpf inspect --check %s > /dev/null",
		 b && *b ? b : "build", path);
	st = system(cmd);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "inspect --check takes the object as built");
	id = loop_first_typedef(data, len);
	ok(id > 0, "typedef %u now names itself", id);
	ok(obj_spec_parse(&spec, data, len, &err) == -ELOOP,
	   "the object is refused at parse: %s", err.msg);
	like(err.msg, "loops back through type", "  naming the rule");
	fd = mkstemp(tmp);
	if (fd >= 0 && write(fd, data, len) == (ssize_t)len) {
		snprintf(cmd, sizeof(cmd), "%s/barebpf inspect --check %s > %s.out",
			 b && *b ? b : "build", tmp, tmp);
		st = system(cmd);
		ok(WIFEXITED(st) && WEXITSTATUS(st) == 1,
		   "inspect --check exits 1: the loader would refuse it");
	} else {
		ok(0, "write %s", tmp);
	}
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	snprintf(cmd, sizeof(cmd), "%s.out", tmp);
	unlink(cmd);
	free(data);
}

int main(void)
{
	each_case();
	real_object();
	return done_testing();
}
