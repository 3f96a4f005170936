// SPDX-License-Identifier: GPL-2.0
/*
 * link.c - give each program the subprograms it calls.
 *
 * The kernel loads one array of instructions per program: the program
 * first, then its subprograms, each call being "call imm" with src_reg =
 * BPF_PSEUDO_CALL and imm the distance from the next instruction to the
 * callee.  In the object, the subprograms sit in .text (or next to the
 * program in its own section) and are shared by every program.  So for
 * each program we walk its instructions, and each time we meet a call to
 * a function we have not appended yet we append it at the end, and walk
 * it in turn (so the order is the order in which calls are first met).
 * A subprogram called by two programs is appended to both.
 *
 * Every relocation of an appended function is given to the program too,
 * with the instruction's new index; a call becomes RELOC_CALL with the
 * callee's new index, which the loader turns into imm.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/link.h"

#define INSN_SZ sizeof(struct bpf_insn)

struct link_ctx {
	struct obj_spec *spec;
	struct prog_spec *p;
	const struct sec_relocs *rels;
	uint32_t total;		/* instructions so far, appended ones too */
	struct bb_err *err;
};

struct bpf_insn sec_insn(const struct elf_section *s, uint32_t i)
{
	struct bpf_insn in;

	/* The file gives no alignment: copy, don't cast. */
	memcpy(&in, s->data + (size_t)i * INSN_SZ, INSN_SZ);
	return in;
}

int sec_reloc_cmp(const void *a, const void *b)
{
	const struct sec_reloc *x = a, *y = b;

	if (x->sec_idx != y->sec_idx)
		return x->sec_idx < y->sec_idx ? -1 : 1;
	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static const struct sec_reloc *reloc_at(const struct sec_relocs *rels,
					uint32_t sec, uint32_t insn)
{
	struct sec_reloc key = { .sec_idx = sec, .insn = insn };

	if (!rels->nr)
		return NULL;
	return bsearch(&key, rels->r, rels->nr, sizeof(key), sec_reloc_cmp);
}

/* The function symbol that starts at instruction @insn of section @sec. */
static const struct elf_symbol *func_at(const struct elf_file *ef,
					uint32_t sec, uint32_t insn)
{
	uint32_t i;

	for (i = 0; i < ef->nr_symbols; i++) {
		const struct elf_symbol *s = &ef->symbols[i];

		if (s->shndx == sec && s->type == STT_FUNC && s->size &&
		    s->value == (uint64_t)insn * INSN_SZ)
			return s;
	}
	return NULL;
}

static int append_func(struct link_ctx *c, uint32_t sec, uint32_t insn)
{
	const struct elf_section *s = &c->spec->elf.sections[sec];
	const struct elf_symbol *sym = func_at(&c->spec->elf, sec, insn);
	struct prog_spec *p = c->p;
	struct func_spec *f;

	if (!sym)
		return bb_errf(c->err, -EINVAL,
			       "elf: program '%s': call to instruction %u of section '%s', where no function starts",
			       p->name, insn, s->name);
	if (sym->size % INSN_SZ || sym->size > s->size - sym->value)
		return bb_errf(c->err, -EINVAL,
			       "elf: section '%s': function '%s' is not a whole number of instructions inside the section",
			       s->name, sym->name);
	f = realloc(p->funcs, (p->nr_funcs + 1) * sizeof(*f));
	if (!f)
		return bb_errf(c->err, -ENOMEM, "elf: out of memory");
	p->funcs = f;
	f[p->nr_funcs++] = (struct func_spec){
		.name = sym->name, .sec_idx = sec, .sec_insn = insn,
		.nr_insns = sym->size / INSN_SZ, .at = c->total,
	};
	c->total += sym->size / INSN_SZ;
	return 0;
}

/* Index in p->funcs of the function at @sec/@insn, appending it if new. */
static int func_index(struct link_ctx *c, uint32_t sec, uint32_t insn,
		      uint32_t *idx)
{
	uint32_t i;
	int ret;

	for (i = 0; i < c->p->nr_funcs; i++) {
		if (c->p->funcs[i].sec_idx == sec &&
		    c->p->funcs[i].sec_insn == insn) {
			*idx = i;
			return 0;
		}
	}
	ret = append_func(c, sec, insn);
	*idx = c->p->nr_funcs - 1;
	return ret;
}

static int add_reloc(struct link_ctx *c, struct reloc_spec r)
{
	struct prog_spec *p = c->p;
	struct reloc_spec *n;

	n = realloc(p->relocs, (p->nr_relocs + 1) * sizeof(*n));
	if (!n)
		return bb_errf(c->err, -ENOMEM, "elf: out of memory");
	p->relocs = n;
	n[p->nr_relocs++] = r;
	return 0;
}

/* Instruction @i of function @fn calls: to .text by relocation, or near. */
static int link_call(struct link_ctx *c, const struct func_spec *fn,
		     uint32_t i, const struct bpf_insn *in,
		     const struct sec_reloc *r)
{
	const struct elf_section *s = &c->spec->elf.sections[fn->sec_idx];
	uint32_t sec = fn->sec_idx, idx;
	int64_t target;
	int ret;

	if (r) {
		sec = r->target_sec;
		target = r->target;
	} else {
		target = (int64_t)fn->sec_insn + i + in->imm + 1;
		if (target < 0 || (uint64_t)target >= s->size / INSN_SZ)
			return bb_errf(c->err, -EINVAL,
				       "elf: section '%s': function '%s': the call at instruction %u goes to %lld, outside the section (%llu instructions)",
				       s->name, fn->name, fn->sec_insn + i,
				       (long long)target,
				       (unsigned long long)(s->size / INSN_SZ));
	}
	ret = func_index(c, sec, target, &idx);
	if (ret)
		return ret;
	return add_reloc(c, (struct reloc_spec){ .insn = fn->at + i,
			 .kind = RELOC_CALL, .target = c->p->funcs[idx].at });
}

static int link_func(struct link_ctx *c, uint32_t f)
{
	struct func_spec fn = c->p->funcs[f];	/* funcs may move */
	const struct elf_section *s = &c->spec->elf.sections[fn.sec_idx];
	const struct sec_reloc *r;
	struct bpf_insn in;
	uint32_t i;
	int ret = 0;

	for (i = 0; !ret && i < fn.nr_insns; i++) {
		in = sec_insn(s, fn.sec_insn + i);
		r = reloc_at(c->rels, fn.sec_idx, fn.sec_insn + i);
		if (insn_is_call(&in) && (!r || r->kind == RELOC_CALL))
			ret = link_call(c, &fn, i, &in, r);
		else if (r)
			ret = add_reloc(c, (struct reloc_spec){
				.insn = fn.at + i, .kind = r->kind,
				.map = r->map, .off = r->off, .ksym = r->ksym });
		if (insn_is_ld_imm64(&in))
			i++;	/* its second half is not an instruction */
	}
	return ret;
}

/* One array: the program's instructions, then each subprogram's. */
static int copy_insns(struct link_ctx *c)
{
	struct prog_spec *p = c->p;
	struct bpf_insn *insns;
	uint32_t f;

	insns = realloc(p->insns, (size_t)c->total * INSN_SZ);
	if (!insns)
		return bb_errf(c->err, -ENOMEM, "elf: out of memory");
	p->insns = insns;
	for (f = 1; f < p->nr_funcs; f++) {
		const struct func_spec *fn = &p->funcs[f];
		const struct elf_section *s = &c->spec->elf.sections[fn->sec_idx];

		memcpy(insns + fn->at, s->data + (size_t)fn->sec_insn * INSN_SZ,
		       (size_t)fn->nr_insns * INSN_SZ);
	}
	p->nr_insns = c->total;
	return 0;
}

int link_prog(struct obj_spec *spec, struct prog_spec *p,
	      const struct sec_relocs *rels, struct bb_err *err)
{
	struct link_ctx c = { .spec = spec, .p = p, .rels = rels,
			      .total = p->nr_insns, .err = err };
	uint32_t f;
	int ret = 0;

	p->funcs = calloc(1, sizeof(*p->funcs));
	if (!p->funcs)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	p->funcs[0] = (struct func_spec){
		.name = p->name, .sec_idx = p->sec_idx,
		.sec_insn = p->sec_insn, .nr_insns = p->nr_insns, .at = 0,
	};
	p->nr_funcs = 1;
	/* nr_funcs grows as calls are found: a worklist. */
	for (f = 0; !ret && f < p->nr_funcs; f++)
		ret = link_func(&c, f);
	if (!ret && p->nr_funcs > 1)
		ret = copy_insns(&c);
	return ret;
}
