// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops_spec - the parser makes a STRUCT_OPS map of each variable of
 * SEC(".struct_ops") and SEC(".struct_ops.link"), with the variable's
 * bytes as value, and finds which program each function member names
 * (.rel.struct_ops).  A relocation of a member that is not a function
 * pointer is refused, by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static const char *obj_path(const char *name, char *buf, size_t len)
{
	const char *b = getenv("BUILD");

	snprintf(buf, len, "%s/test/%s", b && *b ? b : "build", name);
	return buf;
}

/* Which program member @member of @m names, or NULL. */
static const char *func_of(const struct obj_spec *spec,
			   const struct map_spec *m, const char *member)
{
	uint32_t i;

	for (i = 0; i < m->nr_st_funcs; i++)
		if (!strcmp(m->st_funcs[i].member, member))
			return spec->progs[m->st_funcs[i].prog].name;
	return NULL;
}

static void check_map(const struct obj_spec *spec, const char *cc,
		      uint32_t flags)
{
	const struct map_spec *m = obj_spec_map(spec, "bb_cc");

	if (!ok(m != NULL, "%s: map bb_cc found", cc))
		return;
	is_int(m->type, BPF_MAP_TYPE_STRUCT_OPS, "%s: type struct_ops", cc);
	is_int(m->key_size, 4, "%s: key size 4", cc);
	is_int(m->value_size, 56, "%s: value: the object's struct (56 bytes)", cc);
	is_int(m->max_entries, 1, "%s: one entry", cc);
	is_int(m->map_flags, flags, "%s: map_flags", cc);
	is_str(m->st_type ? m->st_type : "", "tcp_congestion_ops",
	       "%s: implements struct tcp_congestion_ops", cc);
	ok(m->init && !strcmp((const char *)m->init, cc),
	   "%s: value starts with the name member, \"%s\"", cc, cc);
	is_int(m->nr_st_funcs, 4, "%s: four function members set", cc);
	is_str(func_of(spec, m, "init"), "bb_init", "%s: init -> bb_init", cc);
	is_str(func_of(spec, m, "ssthresh"), "bb_ssthresh", "%s: ssthresh", cc);
	is_str(func_of(spec, m, "cong_avoid"), "bb_cong_avoid", "%s: cong_avoid", cc);
	is_str(func_of(spec, m, "undo_cwnd"), "bb_undo_cwnd", "%s: undo_cwnd", cc);
}

static uint8_t *parse(const char *obj, struct obj_spec *spec, size_t *len)
{
	struct bb_err err = { 0 };
	char path[512];
	uint8_t *data = read_whole(obj_path(obj, path, sizeof(path)), len);

	if (!ok(data != NULL, "read %s", path))
		return NULL;
	if (!ok(!obj_spec_parse(spec, data, *len, &err), "parse %s: %s", obj, err.msg)) {
		free(data);
		return NULL;
	}
	return data;
}

/* Point the first relocation of .rel.struct_ops at byte 0 (name). */
static void check_not_func(uint8_t *data, size_t len, struct obj_spec *spec)
{
	int idx = elf_find_section(&spec->elf, ".rel.struct_ops");
	struct bb_err err = { 0 };
	uint64_t zero = 0;
	int ret;

	if (!ok(idx >= 0, "has .rel.struct_ops"))
		return;
	/* Elf64_Rel: r_offset first. */
	memcpy(data + spec->elf.sections[idx].offset, &zero, sizeof(zero));
	obj_spec_free(spec);
	ret = obj_spec_parse(spec, data, len, &err);
	ok(ret < 0, "a relocation of the name member is refused");
	like(err.msg, "byte 0 of struct tcp_congestion_ops is not a function pointer member",
	     "the message names the byte and the struct");
	if (!ret)
		obj_spec_free(spec);
}

int main(void)
{
	struct obj_spec spec;
	uint8_t *data;
	size_t len = 0;

	data = parse("struct_ops_cc.bpf.o", &spec, &len);
	if (data) {
		check_map(&spec, "bb_cc", 0);
		check_not_func(data, len, &spec);
		free(data);
	}
	data = parse("struct_ops_link.bpf.o", &spec, &len);
	if (data) {
		check_map(&spec, "bb_cc_link", BB_F_LINK);
		obj_spec_free(&spec);
		free(data);
	}
	return done_testing();
}
