// SPDX-License-Identifier: GPL-2.0
/*
 * globals_libelf.c - the relocated instructions of kernel/test/globals.bpf.o,
 * instruction by instruction, with fake map fds, checked against what
 * libelf (an independent ELF reader) says about the same file.
 *
 * The object has .rodata (a const volatile knob), .data, .bss, two
 * programs that share the subprogram add(), and add_twice() calling
 * add().  For each program we know which functions must follow it and
 * which variables and functions its relocated instructions must name, in
 * order; libelf gives their bytes and offsets.  Every instruction must
 * be the object's own bytes, except the relocated ones, which must carry
 * exactly the fd, offset or call distance expected.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <unistd.h>

#include "loader/load/global_data.h"
#include "loader/object/object.h"
#include "loader/load/prog.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

#define FAKE_FD 100	/* map i gets fd FAKE_FD + i */

static Elf *elf;

/* Symbol @name: its section's bytes and its value and size (libelf). */
static int lib_sym(const char *name, const uint8_t **data, GElf_Sym *out)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf_Data *d;
	size_t i;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		d = elf_getdata(scn, NULL);
		for (i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			gelf_getsym(d, i, out);
			if (strcmp(elf_strptr(elf, sh.sh_link, out->st_name), name))
				continue;
			d = elf_getdata(elf_getscn(elf, out->st_shndx), NULL);
			*data = d ? d->d_buf : NULL;
			return 0;
		}
	}
	return -1;
}

/* What a relocated instruction must say: a variable or a callee. */
struct want {
	const char *map;	/* NULL: a call to function @name */
	const char *name;
};

struct case_ {
	const char *prog;
	const char *funcs[4];	/* the program, then its subprograms */
	struct want relocs[10];
};

/* clang 14's output for globals.bpf.c, in instruction order. */
static const struct case_ cases[] = {
	{ "count_exec", { "count_exec", "add_twice", "add" }, {
		{ ".rodata", "filter_tgid" }, { ".bss", "last_tgid" },
		{ ".data", "step" }, { NULL, "add_twice" },
		{ ".bss", "hits" }, { NULL, "add" },
		{ ".bss", "hits" }, { NULL, "add" } } },
	{ "count_exit", { "count_exit", "add" }, {
		{ ".rodata", "filter_tgid" }, { ".bss", "exits" },
		{ NULL, "add" } } },
};

/* The object's bytes of @c's functions, one after the other. */
static uint32_t expected_insns(const struct case_ *c, struct bpf_insn *out,
			       uint32_t starts[])
{
	const uint8_t *data;
	uint32_t n = 0, f;
	GElf_Sym s;

	for (f = 0; f < 4 && c->funcs[f]; f++) {
		if (lib_sym(c->funcs[f], &data, &s) || !data)
			return 0;
		starts[f] = n;
		memcpy(out + n, data + s.st_value, s.st_size);
		n += s.st_size / sizeof(*out);
	}
	return n;
}

static int func_start(const struct case_ *c, const uint32_t starts[],
		      const char *name)
{
	int f;

	for (f = 0; f < 4 && c->funcs[f]; f++)
		if (!strcmp(c->funcs[f], name))
			return starts[f];
	return -1;
}

/* Relocated instruction @i must be what @w says; 1 if so. */
static int check_one(const struct obj_spec *spec, const struct case_ *c,
		     const uint32_t starts[], const struct bpf_insn *in,
		     uint32_t i, const struct want *w)
{
	const struct map_spec *m;
	const uint8_t *data;
	GElf_Sym s;

	if (!w->map)
		return in[i].src_reg == BPF_PSEUDO_CALL &&
		       (int)(i + in[i].imm + 1) == func_start(c, starts, w->name);
	m = obj_spec_map(spec, w->map);
	if (!m || lib_sym(w->name, &data, &s))
		return 0;
	return in[i].src_reg == BPF_PSEUDO_MAP_VALUE &&
	       in[i].imm == FAKE_FD + (int)(m - spec->maps) &&
	       in[i + 1].imm == (int)s.st_value;
}

static int is_relocated(const struct bpf_insn *in)
{
	return (in->code == (BPF_JMP | BPF_CALL) &&
		in->src_reg == BPF_PSEUDO_CALL) ||
	       (in->code == (BPF_LD | BPF_IMM | BPF_DW) && in->src_reg);
}

static void check_prog(struct bb_object *o, const struct case_ *c)
{
	struct bb_prog *p = bb_object_find_prog(o, c->prog);
	struct bpf_insn want[256];
	struct bb_err err = { 0 };
	uint32_t starts[4], n, i, r = 0, same = 1, good = 1;

	n = expected_insns(c, want, starts);
	if (!ok(p && n, "%s: found, and its functions in libelf", c->prog))
		return;
	ok(!prog_relocate(p, o->maps, o->spec.nr_maps, &err),
	   "%s: relocated with fake fds %s", c->prog, err.msg);
	is_int(p->spec->nr_insns, n, "%s: %s + its subprograms' instructions",
	       c->prog, c->prog);
	for (i = 0; p->insns && i < n && i < p->spec->nr_insns; i++) {
		if (!is_relocated(&p->insns[i])) {
			same &= !memcmp(&p->insns[i], &want[i], sizeof(want[i]));
			continue;
		}
		if (!c->relocs[r].name ||
		    !check_one(&o->spec, c, starts, p->insns, i, &c->relocs[r])) {
			diag("instruction %u: got src %u imm %d, want %s %s", i,
			     p->insns[i].src_reg, p->insns[i].imm,
			     c->relocs[r].map ? c->relocs[r].map : "call",
			     c->relocs[r].name ? c->relocs[r].name : "(none)");
			good = 0;
		}
		if (c->relocs[r].name)
			r++;
		if (p->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			/* only the imm of the second half changes */
			same &= p->insns[i + 1].code == want[i + 1].code;
			i++;
		}
	}
	ok(same, "%s: every other instruction is the object's own", c->prog);
	ok(good, "%s: each relocated instruction has the fd/offset/call expected",
	   c->prog);
	for (i = 0; i < 10 && c->relocs[i].name; i++)
		;
	is_int(r, i, "%s: as many relocated instructions as expected", c->prog);
}

/* Each data section is a map of its size; .rodata alone is frozen. */
static void check_map(const struct obj_spec *spec, const char *name,
		      int frozen)
{
	const struct map_spec *m = obj_spec_map(spec, name);
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstr;
	uint64_t size = 0;

	elf_getshdrstrndx(elf, &shstr);
	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) &&
		    !strcmp(elf_strptr(elf, shstr, sh.sh_name), name))
			size = sh.sh_size;
	if (!ok(m != NULL, "map '%s' exists", name))
		return;
	ok(m->global_data && m->type == BPF_MAP_TYPE_ARRAY &&
	   m->max_entries == 1 && m->key_size == 4,
	   "%s: a one-entry array", name);
	is_int(m->value_size, size, "%s: value size is the section's size", name);
	is_int(m->frozen, frozen, "%s: %sfrozen", name, frozen ? "" : "not ");
	is_str(m->kernel_name, name, "%s: kernel name", name);
}

static void check_var(const struct obj_spec *spec, const char *name,
		      const char *map)
{
	const struct var_spec *v = obj_spec_var(spec, name);
	const uint8_t *data;
	GElf_Sym s;

	if (!ok(v && !lib_sym(name, &data, &s), "variable '%s' found", name))
		return;
	ok(!strcmp(spec->maps[v->map].name, map) && v->off == s.st_value &&
	   v->size == s.st_size && v->type_id,
	   "%s: in %s at offset %u, %u bytes, with a BTF type", name, map,
	   v->off, v->size);
}

int main(void)
{
	const char *build = getenv("BUILD");
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	uint64_t step = 0;
	char path[4096];
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s/test/globals.bpf.o",
		 build && *build ? build : "build");
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY);
	elf = fd >= 0 ? elf_begin(fd, ELF_C_READ, NULL) : NULL;
	if (!ok(elf && !bb_object_open(&o, path, &err), "open %s %s", path, err.msg))
		return done_testing();
	check_map(&o->spec, ".rodata", 1);
	check_map(&o->spec, ".data", 0);
	check_map(&o->spec, ".bss", 0);
	check_var(&o->spec, "filter_tgid", ".rodata");
	check_var(&o->spec, "step", ".data");
	check_var(&o->spec, "hits", ".bss");
	check_var(&o->spec, "last_tgid", ".bss");
	check_var(&o->spec, "exits", ".bss");
	ok(!bb_object_get_var(o, "step", &step, sizeof(step), &err) && step == 1,
	   "step reads 1 (its initializer) before load");
	for (i = 0; i < o->spec.nr_maps; i++)
		o->maps[i].fd = FAKE_FD + i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_prog(o, &cases[i]);
	for (i = 0; i < o->spec.nr_maps; i++)
		o->maps[i].fd = -1;	/* fake: nothing to close */
	bb_object_close(o);
	elf_end(elf);
	close(fd);
	return done_testing();
}
