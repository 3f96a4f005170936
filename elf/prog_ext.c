// SPDX-License-Identifier: GPL-2.0
/*
 * prog_ext.c - give each program its func_info, line_info and CO-RE
 * relocations, at the instruction indices link.c gave its functions.
 *
 * .BTF.ext speaks of instructions of sections; a program is its own
 * function followed by the subprograms it calls, copied from wherever
 * they sit.  A record at instruction i of a section, inside function f
 * (which starts at f.sec_insn there and at f.at in the program), moves
 * to f.at + (i - f.sec_insn).  Functions are appended in order, so the
 * records come out sorted, as the kernel wants.
 *
 * The kernel wants one func_info per function, or none at all: if one
 * of our functions has none, the program gets no func_info and no
 * line_info (it still loads, only its verifier log is less readable).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

static int in_func(const struct func_spec *f, uint32_t sec, uint32_t insn)
{
	return sec == f->sec_idx && insn >= f->sec_insn &&
	       insn - f->sec_insn < f->nr_insns;
}

static uint32_t moved(const struct func_spec *f, uint32_t insn)
{
	return f->at + (insn - f->sec_insn);
}

static int add_funcs(const struct btf_ext *ext, struct prog_spec *p)
{
	uint32_t f, i, n = 0;

	p->func_info = calloc(p->nr_funcs, sizeof(*p->func_info));
	if (!p->func_info)
		return -ENOMEM;
	for (f = 0; f < p->nr_funcs; f++) {
		const struct func_spec *fn = &p->funcs[f];

		for (i = 0; i < ext->nr_funcs; i++) {
			if (ext->funcs[i].sec_idx != fn->sec_idx ||
			    ext->funcs[i].insn != fn->sec_insn)
				continue;
			p->func_info[n].insn_off = fn->at;
			p->func_info[n++].type_id = ext->funcs[i].type_id;
			break;
		}
	}
	if (n != p->nr_funcs) {
		free(p->func_info);
		p->func_info = NULL;
		return 0;
	}
	p->nr_func_info = n;
	return 0;
}

static int add_lines(const struct btf_ext *ext, struct prog_spec *p)
{
	uint32_t f, i, n = 0;

	if (!p->nr_func_info)
		return 0;
	p->line_info = calloc(ext->nr_lines + 1, sizeof(*p->line_info));
	if (!p->line_info)
		return -ENOMEM;
	for (f = 0; f < p->nr_funcs; f++) {
		const struct func_spec *fn = &p->funcs[f];

		for (i = 0; i < ext->nr_lines; i++) {
			const struct ext_line *l = &ext->lines[i];

			if (!in_func(fn, l->sec_idx, l->insn))
				continue;
			p->line_info[n++] = (struct bpf_line_info){
				.insn_off = moved(fn, l->insn),
				.file_name_off = l->file_name_off,
				.line_off = l->line_off,
				.line_col = l->line_col,
			};
		}
	}
	p->nr_line_info = n;
	return 0;
}

static int add_cores(const struct btf_ext *ext, struct prog_spec *p)
{
	uint32_t f, i, n = 0;

	p->cores = calloc(ext->nr_cores + 1, sizeof(*p->cores));
	if (!p->cores)
		return -ENOMEM;
	for (f = 0; f < p->nr_funcs; f++) {
		const struct func_spec *fn = &p->funcs[f];

		for (i = 0; i < ext->nr_cores; i++) {
			struct core_reloc r = ext->cores[i];

			if (!in_func(fn, r.sec_idx, r.insn))
				continue;
			r.insn = moved(fn, r.insn);
			p->cores[n++] = r;
		}
	}
	p->nr_cores = n;
	return 0;
}

int prog_ext_parse(struct obj_spec *spec, struct bb_err *err)
{
	uint32_t i;
	int ret = 0;

	if (!spec->has_ext)
		return 0;
	for (i = 0; !ret && i < spec->nr_progs; i++) {
		struct prog_spec *p = &spec->progs[i];

		ret = add_funcs(&spec->ext, p);
		if (!ret)
			ret = add_lines(&spec->ext, p);
		if (!ret)
			ret = add_cores(&spec->ext, p);
	}
	if (ret)
		return bb_errf(err, ret, "elf: out of memory");
	return 0;
}
