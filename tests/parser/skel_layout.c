// SPDX-License-Identifier: GPL-2.0
/*
 * skel_layout.c - the structs a generated skeleton gives .bss, .data and
 * .rodata have the sections' real layout: each member's offset and size
 * (offsetof, sizeof, as the host compiler lays them out) are those of its
 * variable in the object's BTF DATASEC (offsets filled in from the symbol
 * table, as the kernel is given them: btf_fixed_copy()), every global
 * variable of the section is a member, and the struct is the section's
 * size (rounded up to its alignment).  Skeletons of
 * kernel/test/skeleton.bpf.c (padding, arrays, a struct as bytes, a
 * static variable left out) and kernel/test/globals.bpf.c.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "elf/spec.h"
#include "loader/sys/file.h"
#include "test/globals.skel.h"
#include "test/skeleton.skel.h"
#include "tests/tap.h"

struct member {
	const char *obj, *sect, *name;
	size_t off, size;
};

/* What the host compiler made of member @f of struct @s. */
#define M(obj, sect, s, f) \
	{ obj, sect, #f, offsetof(struct s, f), sizeof(((struct s *)0)->f) }

static const struct member members[] = {
	M("skeleton", ".bss", skeleton__bss, seen),
	M("skeleton", ".bss", skeleton__bss, execs),
	M("skeleton", ".bss", skeleton__bss, last_comm),
	M("skeleton", ".bss", skeleton__bss, small),
	M("skeleton", ".data", skeleton__data, step),
	M("skeleton", ".data", skeleton__data, pair),
	M("skeleton", ".rodata", skeleton__rodata, target_tgid),
	M("skeleton", ".rodata", skeleton__rodata, flag),
	M("globals", ".bss", globals__bss, hits),
	M("globals", ".bss", globals__bss, last_tgid),
	M("globals", ".bss", globals__bss, exits),
	M("globals", ".data", globals__data, step),
	M("globals", ".rodata", globals__rodata, filter_tgid),
};

static const struct {
	const char *obj, *sect;
	size_t size, align;
} structs[] = {
	{ "skeleton", ".bss", sizeof(struct skeleton__bss), _Alignof(struct skeleton__bss) },
	{ "skeleton", ".data", sizeof(struct skeleton__data), _Alignof(struct skeleton__data) },
	{ "skeleton", ".rodata", sizeof(struct skeleton__rodata), _Alignof(struct skeleton__rodata) },
	{ "globals", ".bss", sizeof(struct globals__bss), _Alignof(struct globals__bss) },
	{ "globals", ".data", sizeof(struct globals__data), _Alignof(struct globals__data) },
	{ "globals", ".rodata", sizeof(struct globals__rodata), _Alignof(struct globals__rodata) },
};

/* build/tests/parser/skel_layout.t -> build/test/NAME.bpf.o */
static void obj_path(char *out, size_t len, const char *name)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = '\0';
	snprintf(out, len, "%s/../../test/%s.bpf.o", dirname(exe), name);
}

/* The DATASEC called @sect in @btf, or NULL. */
static const struct btf_type *datasec(const struct btf *btf, const char *sect)
{
	int id = btf_find(btf, sect, BTF_KIND_DATASEC);

	return id > 0 ? btf_type(btf, id) : NULL;
}

/* Each global variable of @sect in @btf, against the members table. */
static void check_sect(const struct btf *btf, const char *obj, const char *sect)
{
	const struct btf_type *ds = datasec(btf, sect), *var;
	const struct btf_var_secinfo *vs;
	const char *name;
	uint32_t i, globals = 0, listed = 0;
	size_t j;

	if (!ok(ds != NULL, "%s: a DATASEC %s", obj, sect))
		return;
	vs = btf_extra(ds);
	for (i = 0; i < btf_vlen(ds); i++) {
		var = btf_type(btf, vs[i].type);
		name = btf_str(btf, var->name_off);
		if (((const struct btf_var *)btf_extra(var))->linkage == BTF_VAR_STATIC)
			continue;
		globals++;
		for (j = 0; j < sizeof(members) / sizeof(members[0]); j++) {
			const struct member *m = &members[j];

			if (strcmp(m->obj, obj) || strcmp(m->sect, sect) ||
			    strcmp(m->name, name))
				continue;
			ok(m->off == vs[i].offset && m->size == vs[i].size,
			   "%s %s %s: offset %zu size %zu in the skeleton, %u %u in BTF",
			   obj, sect, name, m->off, m->size, vs[i].offset, vs[i].size);
		}
	}
	for (j = 0; j < sizeof(members) / sizeof(members[0]); j++)
		listed += !strcmp(members[j].obj, obj) && !strcmp(members[j].sect, sect);
	ok(globals == listed, "%s %s: %u global variables, %u members", obj, sect,
	   globals, listed);
	for (j = 0; j < sizeof(structs) / sizeof(structs[0]); j++)
		if (!strcmp(structs[j].obj, obj) && !strcmp(structs[j].sect, sect))
			ok(structs[j].size == (ds->size + structs[j].align - 1) /
			   structs[j].align * structs[j].align,
			   "%s %s: the struct is %zu bytes, the section %u", obj,
			   sect, structs[j].size, ds->size);
}

static void check_obj(const char *obj)
{
	struct obj_spec spec = { 0 };
	struct bb_err err = { 0 };
	struct btf btf = { 0 };
	char path[PATH_MAX];
	uint8_t *file = NULL, *fixed = NULL;
	size_t len = 0, fixed_len = 0;
	int ret;

	obj_path(path, sizeof(path), obj);
	ret = file_read_all(path, &file, &len, &err);
	if (!ret)
		ret = obj_spec_parse(&spec, file, len, &err);
	if (!ret)
		ret = btf_fixed_copy(&spec, &fixed, &fixed_len, &err);
	if (!ret)
		ret = btf_parse(&btf, fixed, fixed_len, &err);
	if (ok(!ret, "%s: parsed, and its BTF with offsets filled in (%s)", obj,
	       ret ? err.msg : "ok")) {
		check_sect(&btf, obj, ".bss");
		check_sect(&btf, obj, ".data");
		check_sect(&btf, obj, ".rodata");
	}
	btf_free(&btf);
	free(fixed);
	obj_spec_free(&spec);
	free(file);
}

int main(void)
{
	check_obj("skeleton");
	check_obj("globals");
	return done_testing();
}
