// SPDX-License-Identifier: GPL-2.0
/*
 * btf_ext.c - .BTF.ext, the fixed-up BTF and the .kconfig layout, on
 * objects clang compiled:
 *   - core.bpf.o: one function, its func_info and line_info at program
 *     indices, its three CO-RE relocations; the .kconfig map laid out by
 *     alignment, size and name; the copy of .BTF for the kernel with every
 *     DATASEC sized and its variables at their symbols' offsets, sorted,
 *     none extern;
 *   - globals.bpf.o: func_info re-based onto appended subprograms;
 * and malformed .BTF.ext headers refused with a message.
 */
#include <elf.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static const char *build;

static int parse(const char *name, struct obj_spec *spec, uint8_t **buf)
{
	struct bb_err err = { 0 };
	char path[4096];
	size_t len;

	snprintf(path, sizeof(path), "%s/test/%s", build, name);
	*buf = read_whole(path, &len);
	return ok(*buf && !obj_spec_parse(spec, *buf, len, &err), "parse %s %s",
		  path, err.msg);
}

static void check_prog_ext(const struct obj_spec *spec)
{
	const struct prog_spec *p = obj_spec_prog(spec, "read_task");
	uint32_t i, sorted = 1, inside = 1, kinds = 0;

	if (!ok(p != NULL, "program read_task"))
		return;
	is_int(p->nr_func_info, 1, "read_task: one func_info");
	is_int(p->func_info[0].insn_off, 0, "at instruction 0");
	ok(p->nr_line_info > 5, "read_task: %u line_info records", p->nr_line_info);
	for (i = 0; i < p->nr_line_info; i++) {
		sorted &= !i || p->line_info[i].insn_off > p->line_info[i - 1].insn_off;
		inside &= p->line_info[i].insn_off < p->nr_insns;
	}
	ok(sorted && inside, "line_info sorted and inside the program");
	is_int(p->line_info[0].insn_off, 0, "the first line is at instruction 0");
	is_int(p->nr_cores, 3, "three CO-RE relocations");
	for (i = 0; i < p->nr_cores; i++)
		kinds |= 1u << p->cores[i].kind;
	is_int(kinds, 1u << BPF_CORE_FIELD_BYTE_OFFSET | 1u << BPF_CORE_FIELD_EXISTS,
	       "kinds: byte_off (tgid, real_parent) and field_exists");
}

static void check_kconfig(const struct obj_spec *spec)
{
	const struct map_spec *m = obj_spec_map(spec, ".kconfig");
	const struct var_spec *v;

	if (!ok(m && m->kconfig && m->frozen, ".kconfig map, frozen"))
		return;
	/* 4-byte ints first, by name, then the 1-byte bool; 8-byte rounded. */
	v = kconfig_var(spec, "CONFIG_BB_NOT_A_THING");
	ok(v && v->off == 0 && v->size == 4, "CONFIG_BB_NOT_A_THING at 0");
	v = kconfig_var(spec, "LINUX_KERNEL_VERSION");
	ok(v && v->off == 4 && v->size == 4, "LINUX_KERNEL_VERSION at 4");
	v = kconfig_var(spec, "LINUX_HAS_BPF_COOKIE");
	ok(v && v->off == 8 && v->size == 1, "LINUX_HAS_BPF_COOKIE at 8");
	is_int(m->value_size, 16, "value 16 bytes");
	ok(!kconfig_var(spec, "filter_tgid"), "a .rodata variable is no extern");
}

/* Every DATASEC of the fixed copy against the spec's own knowledge. */
static void check_fixed(const struct obj_spec *spec)
{
	struct bb_err err = { 0 };
	uint32_t id, i, bad = 0, datasecs = 0;
	struct btf btf;
	uint8_t *copy;
	size_t len;

	if (!ok(!btf_fixed_copy(spec, &copy, &len, &err), "fixed copy %s", err.msg))
		return;
	if (!ok(!btf_parse(&btf, copy, len, &err), "the copy parses")) {
		free(copy);
		return;
	}
	for (id = 1; id < btf.nr_types; id++) {
		const struct btf_type *t = btf_type(&btf, id);
		const struct btf_var_secinfo *vs = btf_extra(t);
		const char *name = btf_str(&btf, t->name_off);
		const struct map_spec *m = obj_spec_map(spec, name);

		if (btf_kind(t) != BTF_KIND_DATASEC)
			continue;
		datasecs++;
		if (m && m->global_data && t->size != m->value_size)
			bad++, diag("%s: size %u, map %u", name, t->size, m->value_size);
		for (i = 0; i < btf_vlen(t); i++) {
			const struct btf_type *var = btf_type(&btf, vs[i].type);
			const struct var_spec *v = obj_spec_var(spec,
				btf_str(&btf, var->name_off));

			if (i && vs[i].offset < vs[i - 1].offset)
				bad++, diag("%s: not sorted", name);
			if (*(const uint32_t *)btf_extra(var) == BTF_VAR_GLOBAL_EXTERN)
				bad++, diag("%s: extern left", name);
			if (v && m && m->global_data && v->off != vs[i].offset)
				bad++, diag("%s.%s: at %u, symbol %u", name, v->name,
					    vs[i].offset, v->off);
		}
	}
	ok(datasecs >= 4, "%u DATASECs (.maps? .rodata .bss .data .kconfig)", datasecs);
	is_int(bad, 0, "sizes from the sections, offsets from the symbols, sorted, no extern");
	btf_free(&btf);
	free(copy);
}

static void check_subprogs(const struct obj_spec *spec)
{
	const struct prog_spec *p = obj_spec_prog(spec, "count_exec");
	uint32_t f, bad = 0;

	if (!ok(p && p->nr_funcs == 3, "count_exec has 2 subprograms appended"))
		return;
	is_int(p->nr_func_info, 3, "one func_info per function");
	for (f = 0; f < p->nr_funcs && f < p->nr_func_info; f++) {
		uint32_t i, line = 0;

		bad += p->func_info[f].insn_off != p->funcs[f].at;
		for (i = 0; i < p->nr_line_info; i++)
			line |= p->line_info[i].insn_off == p->funcs[f].at;
		bad += !line;
	}
	is_int(bad, 0, "func_info and a line_info at each function's new start");
}

/* Offset of string @want in @btf's strings, 0 if absent. */
static uint32_t str_off(const struct btf *btf, const char *want)
{
	uint32_t off;

	for (off = 1; off < btf->strs.len; off += strlen(btf_str(btf, off)) + 1)
		if (!strcmp(btf_str(btf, off), want))
			return off;
	return 0;
}

static void check_malformed(const struct obj_spec *spec)
{
	uint32_t hdr[8] = { 0xeB9F | 1u << 16, 24, 0, 0, 0, 0 };
	uint32_t small[16] = { 0xeB9F | 1u << 16, 24, 0, 12, 0, 0, 4, 0, 0 };
	struct bb_err err = { 0 };
	struct btf_ext ext;

	hdr[0] = 0x1234;
	ok(btf_ext_parse(&ext, hdr, sizeof(hdr), &spec->btf, &spec->elf, &err) < 0,
	   "bad magic refused: %s", err.msg);
	hdr[0] = 0xeB9F | 1u << 16;
	hdr[1] = 4096;
	ok(btf_ext_parse(&ext, hdr, sizeof(hdr), &spec->btf, &spec->elf, &err) < 0,
	   "hdr_len past the end refused: %s", err.msg);
	/* func_info of 12 bytes whose record size is 4: too small */
	ok(btf_ext_parse(&ext, small, 24 + 12, &spec->btf, &spec->elf, &err) < 0,
	   "record size 4 refused: %s", err.msg);
	/* record size 8, a group naming string 0 ("") with 1 record */
	small[3] = 20;
	small[6] = 8;
	small[7] = 0;
	small[8] = 1;
	ok(btf_ext_parse(&ext, small, 24 + 20, &spec->btf, &spec->elf, &err) < 0,
	   "group of no section refused: %s", err.msg);
	like(err.msg, "not in the object", "says the section is not in the object");
	small[7] = str_off(&spec->btf, "tp/syscalls/sys_enter_getppid");
	small[8] = 100;
	ok(btf_ext_parse(&ext, small, 24 + 20, &spec->btf, &spec->elf, &err) < 0,
	   "100 records in 8 bytes refused: %s", err.msg);
	like(err.msg, "overrun", "says they overrun the table");
	ok(btf_ext_parse(&ext, small, 20, &spec->btf, &spec->elf, &err) < 0,
	   "truncated header refused: %s", err.msg);
}

int main(void)
{
	struct obj_spec spec;
	uint8_t *buf;

	build = getenv("BUILD") && *getenv("BUILD") ? getenv("BUILD") : "build";
	if (parse("core.bpf.o", &spec, &buf)) {
		ok(spec.has_ext, "core.bpf.o has .BTF.ext");
		check_prog_ext(&spec);
		check_kconfig(&spec);
		check_fixed(&spec);
		check_malformed(&spec);
		obj_spec_free(&spec);
	}
	free(buf);
	if (parse("globals.bpf.o", &spec, &buf)) {
		check_subprogs(&spec);
		check_fixed(&spec);
		obj_spec_free(&spec);
	}
	free(buf);
	return done_testing();
}
