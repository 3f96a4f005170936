// SPDX-License-Identifier: GPL-2.0
/*
 * disasm.c - `barebpf disasm OBJ`, and the before/after view of
 * `barebpf inspect --disasm`, both on top of elf/disasm.c.
 *
 * `disasm` lists every code section the way `llvm-objdump -d
 * --mattr=+alu32` does (a test holds the two to agreeing), from the ELF
 * alone, so it works on any BPF object.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_names.h"
#include "elf/disasm.h"
#include "loader/sys/file.h"
#include "loader/sys/out.h"
#include "loader/load/prog.h"
#include "loader/cmd/barebpf/cmd.h"

#define INSN_SZ sizeof(struct bpf_insn)

static void print_labels(const struct elf_file *ef, uint32_t sec,
			 uint64_t off)
{
	uint32_t i;

	for (i = 1; i < ef->nr_symbols; i++) {
		const struct elf_symbol *s = &ef->symbols[i];

		if (s->shndx == sec && s->value == off &&
		    (s->type == STT_FUNC || s->type == STT_NOTYPE) &&
		    s->name && *s->name)
			out_printf(out_stdout, "\n%016llx <%s>:\n",
				   (unsigned long long)off, s->name);
	}
}

static void print_section(const struct elf_file *ef, uint32_t sec)
{
	const struct elf_section *s = &ef->sections[sec];
	const struct bpf_insn *insns = (const void *)s->data;
	size_t n = s->size / INSN_SZ, i, k;
	char text[160];
	int slots;

	out_printf(out_stdout, "\nDisassembly of section %s:\n", s->name);
	for (i = 0; i < n; i += slots) {
		print_labels(ef, sec, i * INSN_SZ);
		slots = disasm_insn(&insns[i], n - i, NULL, text, sizeof(text));
		out_printf(out_stdout, "%8zu:\t", i);
		for (k = 0; k < (size_t)slots * INSN_SZ; k++)
			out_printf(out_stdout, "%02x%s", s->data[i * INSN_SZ + k],
				   k + 1 < (size_t)slots * INSN_SZ ? " " : "");
		out_printf(out_stdout, "\t%s\n", text);
	}
}

int cmd_disasm(int argc, char **argv)
{
	struct bb_err err = { 0 };
	struct elf_file ef;
	uint8_t *bytes = NULL;
	size_t len;
	uint32_t i;
	int ret;

	if (argc != 2 || argv[1][0] == '-') {
		out_printf(wants_help(argc, argv) ? out_stdout : out_stderr,
			   "Usage: barebpf disasm OBJ\n");
		return wants_help(argc, argv) ? 0 : 2;
	}
	ret = file_read_all(argv[1], &bytes, &len, &err);
	if (!ret && elf_parse(&ef, bytes, len, &err))
		ret = bb_err_prefix(&err, -EINVAL, "%s", argv[1]);
	if (ret) {
		bb_err_print(out_stderr, "barebpf disasm", &err);
		free(bytes);
		return 1;
	}
	out_printf(out_stdout, "\n%s:\tfile format elf64-bpf\n", argv[1]);
	for (i = 1; i < ef.nr_sections; i++) {
		const struct elf_section *s = &ef.sections[i];

		/* Instructions are 8-byte aligned in any object clang makes. */
		if (s->type == SHT_PROGBITS && (s->flags & SHF_EXECINSTR) &&
		    s->size && s->data && !(s->size % INSN_SZ) &&
		    !((uintptr_t)s->data % 4))
			print_section(&ef, i);
	}
	elf_free(&ef);
	free(bytes);
	return 0;
}

/* map[NAME] for the fd a relocation wrote (the fds are our fakes). */
static int pseudo_name(void *ctx, uint8_t src, int32_t imm, int32_t imm2,
		       char *buf, size_t len)
{
	const struct bb_object *obj = ctx;
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		if (obj->maps[i].fd != imm)
			continue;
		if (src == BPF_PSEUDO_MAP_FD)
			fmt_snprintf(buf, len, "map[%s]",
				     obj->maps[i].spec->name);
		else if (src == BPF_PSEUDO_MAP_VALUE)
			fmt_snprintf(buf, len, "map[%s] + %d",
				     obj->maps[i].spec->name, imm2);
		else
			return -ENOENT;
		return 0;
	}
	return -ENOENT;
}

/* What to say after an instruction: a helper's name, a relocation. */
static void comment(const struct prog_spec *p, uint32_t i, char *buf,
		    size_t len, const struct bb_object *obj)
{
	const struct bpf_insn *in = &p->insns[i];
	const char *helper;
	uint32_t r;

	buf[0] = '\0';
	for (r = 0; r < p->nr_relocs; r++)
		if (p->relocs[r].insn == i && p->relocs[r].kind == RELOC_MAP_FD) {
			fmt_snprintf(buf, len, "relocated: fd of map '%s'",
				     obj->spec.maps[p->relocs[r].map].name);
			return;
		}
	if (in->code == (BPF_JMP | BPF_CALL) && !in->src_reg) {
		helper = bpf_helper_name(in->imm);
		fmt_snprintf(buf, len, "helper bpf_%s", helper ? helper : "?");
	}
}

static void bytes_str(const struct bpf_insn *in, int slots, char *buf,
		      size_t len)
{
	const uint8_t *b = (const uint8_t *)in;
	size_t k, off = 0;

	buf[0] = '\0';
	for (k = 0; k < (size_t)slots * INSN_SZ && off + 4 < len; k++)
		off += fmt_snprintf(buf + off, len - off, "%s%02x", k ? " " : "",
				    b[k]);
}

static void emit(struct json *j, uint32_t i, const char *before,
		 const char *after, const char *note, const char *bb,
		 const char *ab)
{
	if (j) {
		json_begin(j, NULL, '{');
		json_u64(j, "insn", i);
		json_str(j, "before", before);
		json_str(j, "after", after);
		if (*note)
			json_str(j, "note", note);
		if (strcmp(bb, ab)) {
			json_str(j, "bytes_before", bb);
			json_str(j, "bytes_after", ab);
		}
		json_end(j, '}');
		return;
	}
	if (*note)
		out_printf(out_stdout, "  %5u  %-34s %-34s ; %s\n", i, before,
			   after, note);
	else
		out_printf(out_stdout, "  %5u  %-34s %s\n", i, before, after);
	if (strcmp(bb, ab))
		out_printf(out_stdout,
			   "         bytes %s\n            -> %s\n", bb, ab);
}

/*
 * The fd a fresh process gives the first map: 0-2 are taken, and
 * obj_load_maps() uploads the object's BTF (BPF_BTF_LOAD) before it
 * creates any map, so with BTF the maps start at 4.
 */
static int first_map_fd(const struct bb_object *obj)
{
	return obj->spec.has_btf ? 4 : 3;
}

/* Fds a fresh process would get, in the order maps are created. */
static void fake_fds(struct bb_object *obj, int on)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		obj->maps[i].fd = on ? (int)(first_map_fd(obj) + i) : -1;
}

int disasm_prog_side_by_side(struct bb_object *obj, struct bb_prog *prog,
			     struct json *j, struct bb_err *err)
{
	const struct prog_spec *p = prog->spec;
	struct disasm_names names = { .pseudo = pseudo_name, .ctx = obj };
	char before[160], after[160], note[160], bb[64], ab[64];
	uint32_t i;
	int ret, slots;

	fake_fds(obj, 1);
	ret = prog_relocate(prog, obj->maps, obj->spec.nr_maps, err);
	if (ret)
		goto out;
	if (j) {
		json_begin(j, NULL, '{');
		json_str(j, "program", p->name);
		json_begin(j, "insns", '[');
	} else {
		out_printf(out_stdout,
			   "\n%s (section %s), %u instructions; maps get fds from %d up, as in a fresh process:\n",
			   p->name, p->section, p->nr_insns, first_map_fd(obj));
		out_printf(out_stdout, "  %5s  %-34s %s\n", "insn", "before relocation",
			   "after relocation");
	}
	for (i = 0; i < p->nr_insns; i += slots) {
		slots = disasm_insn(&p->insns[i], p->nr_insns - i, NULL, before,
				    sizeof(before));
		disasm_insn(&prog->insns[i], p->nr_insns - i, &names, after,
			    sizeof(after));
		comment(p, i, note, sizeof(note), obj);
		bytes_str(&p->insns[i], slots, bb, sizeof(bb));
		bytes_str(&prog->insns[i], slots, ab, sizeof(ab));
		emit(j, i, before, after, note, bb, ab);
	}
	if (j) {
		json_end(j, ']');
		json_end(j, '}');
	}
out:
	fake_fds(obj, 0);	/* they were never ours to close */
	return ret;
}
