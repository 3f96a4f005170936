// SPDX-License-Identifier: GPL-2.0
/*
 * reloc_errors.c - broken copies of kernel/test/globals.bpf.o, each with
 * one byte-level change, must each be refused with a clear message:
 *
 *   - an ld_imm64 whose offset points past the end of .bss;
 *   - a call relocated against a function that is not defined;
 *   - a call (relocated, or within .text) to outside its section;
 *   - a call into the middle of a function.
 */
#include <elf.h>
#include <stdio.h>

#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

#define INSN_SZ sizeof(struct bpf_insn)

static uint8_t *orig;
static size_t orig_len;
static struct obj_spec spec;	/* of the unbroken object */

/* Parse @buf, expecting failure with @msg in the message. */
static void refused(uint8_t *buf, const char *msg, const char *what)
{
	struct bb_err err = { 0 };
	struct obj_spec s;
	int ret = obj_spec_parse(&s, buf, orig_len, &err);

	if (!ok(ret < 0, "%s: refused", what))
		obj_spec_free(&s);
	like(err.msg, msg, "%s: says so", what);
	diag("%s", err.msg);
	free(buf);
}

static uint8_t *copy(void)
{
	uint8_t *b = malloc(orig_len);

	memcpy(b, orig, orig_len);
	return b;
}

static const struct elf_section *section(const char *name, uint32_t *idx)
{
	int i = elf_find_section(&spec.elf, name);

	*idx = i;
	return i >= 0 ? &spec.elf.sections[i] : NULL;
}

/* File offset of the first BPF-to-BPF call in section @name. */
static size_t first_call(const char *name)
{
	const struct elf_section *s;
	struct bpf_insn in;
	uint32_t idx, i;

	s = section(name, &idx);
	for (i = 0; s && i < s->size / INSN_SZ; i++) {
		memcpy(&in, s->data + i * INSN_SZ, INSN_SZ);
		if (in.code == (BPF_JMP | BPF_CALL) &&
		    in.src_reg == BPF_PSEUDO_CALL)
			return s->offset + i * INSN_SZ;
	}
	return 0;
}

static void set_imm(uint8_t *b, size_t insn_off, int32_t imm)
{
	memcpy(b + insn_off + offsetof(struct bpf_insn, imm), &imm, 4);
}

/* count_exec's load of last_tgid: imm 0x1000 puts it past .bss's end. */
static void past_end(void)
{
	const struct prog_spec *p = obj_spec_prog(&spec, "count_exec");
	const struct elf_section *s;
	uint8_t *b;
	uint32_t i;

	for (i = 0; p && i < p->nr_relocs; i++) {
		const struct reloc_spec *r = &p->relocs[i];

		if (r->kind != RELOC_MAP_VALUE ||
		    strcmp(spec.maps[r->map].name, ".bss") ||
		    r->insn >= p->funcs[0].nr_insns)
			continue;
		s = &spec.elf.sections[p->sec_idx];
		b = copy();

		set_imm(b, s->offset + (p->sec_insn + r->insn) * INSN_SZ,
			0x1000);
		refused(b, "past its end", "ld_imm64 into .bss + 0x1000");
		return;
	}
	ok(0, "no .bss load in count_exec");
}

/* Point count_exec's call relocation at add_twice, made undefined. */
static void missing_function(void)
{
	const struct elf_section *rs = NULL, *sym;
	uint32_t sec, i, idx = 0;
	uint64_t info;
	uint16_t und = SHN_UNDEF;
	uint8_t *b;

	section("tp/syscalls/sys_enter_execve", &sec);
	for (i = 0; i < spec.elf.nr_sections; i++)
		if (spec.elf.sections[i].type == SHT_REL &&
		    spec.elf.sections[i].info == sec)
			rs = &spec.elf.sections[i];
	for (i = 0; i < spec.elf.nr_symbols; i++)
		if (!strcmp(spec.elf.symbols[i].name, "add_twice"))
			idx = i;
	if (!ok(rs && idx, "found the relocations and add_twice"))
		return;
	b = copy();
	sym = &spec.elf.sections[spec.elf.symtab];
	memcpy(b + sym->offset + idx * sizeof(Elf64_Sym) +
	       offsetof(Elf64_Sym, st_shndx), &und, sizeof(und));
	for (i = 0; i < rs->size / sizeof(Elf64_Rel); i++) {
		size_t at = rs->offset + i * sizeof(Elf64_Rel) +
			    offsetof(Elf64_Rel, r_info);

		memcpy(&info, b + at, sizeof(info));
		if (ELF64_R_TYPE(info) != 10)	/* R_BPF_64_32 */
			continue;
		info = ELF64_R_INFO(idx, 10);
		memcpy(b + at, &info, sizeof(info));
	}
	refused(b, "call to function 'add_twice', which is not defined",
		"call to an undefined function");
}

int main(void)
{
	const char *build = getenv("BUILD");
	struct bb_err err = { 0 };
	char path[4096];
	size_t off;
	uint8_t *b;

	snprintf(path, sizeof(path), "%s/test/globals.bpf.o",
		 build && *build ? build : "build");
	orig = read_whole(path, &orig_len);
	if (!ok(orig && !obj_spec_parse(&spec, orig, orig_len, &err),
		"parse %s %s", path, err.msg))
		return done_testing();
	past_end();
	missing_function();

	off = first_call("tp/syscalls/sys_enter_execve");
	b = copy();
	set_imm(b, off, 100000);
	refused(b, "outside the section", "relocated call 100000 instructions on");

	off = first_call(".text");
	b = copy();
	set_imm(b, off, 100000);
	refused(b, "outside the section", "call within .text to past its end");
	b = copy();
	set_imm(b, off, -100);
	refused(b, "outside the section", "call within .text to before its start");
	b = copy();
	set_imm(b, off, 0);	/* the next instruction: inside add_twice */
	refused(b, "where no function starts", "call into the middle of a function");

	obj_spec_free(&spec);
	free(orig);
	return done_testing();
}
