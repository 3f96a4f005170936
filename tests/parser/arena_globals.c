// SPDX-License-Identifier: GPL-2.0
/*
 * arena_globals.c - section .addr_space.1 (__arena variables, clang 19):
 * the parser finds it and its ARENA map, and plans the loads of the
 * variables' addresses as map value addresses in that map (offsets in
 * the section; the loader adds where it sits in the arena).  Hostile
 * bytes are refused with a message: a variable past the section's end,
 * the section made non-data, its size made huge, the ARENA map made
 * another type.  Without the __arena step (procmon's parser) the object
 * is refused by section name.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "elf/spec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static uint8_t *data;
static size_t len;

static Elf64_Shdr *shdr(uint8_t *b, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Shdr *sh = (Elf64_Shdr *)(b + eh->e_shoff);
	const char *names = (const char *)b + sh[eh->e_shstrndx].sh_offset;
	int i;

	for (i = 0; i < eh->e_shnum; i++)
		if (!strcmp(names + sh[i].sh_name, name))
			return &sh[i];
	return NULL;
}

static Elf64_Sym *symbol(uint8_t *b, const char *name)
{
	Elf64_Shdr *st = shdr(b, ".symtab");
	Elf64_Shdr *sh = (Elf64_Shdr *)(b + ((Elf64_Ehdr *)b)->e_shoff);
	const char *strs = (const char *)b + sh[st->sh_link].sh_offset;
	Elf64_Sym *s = (Elf64_Sym *)(b + st->sh_offset);
	size_t i;

	for (i = 0; i < st->sh_size / sizeof(*s); i++)
		if (!strcmp(strs + s[i].st_name, name))
			return &s[i];
	return NULL;
}

static const struct reloc_spec *reloc_at(const struct prog_spec *p,
					 uint32_t insn)
{
	uint32_t i;

	for (i = 0; i < p->nr_relocs; i++)
		if (p->relocs[i].insn == insn)
			return &p->relocs[i];
	return NULL;
}

static void good(void)
{
	struct bb_err err = { 0 };
	const struct prog_spec *p;
	const struct reloc_spec *r;
	struct obj_spec spec;

	if (!ok(!obj_spec_parse(&spec, data, len, &err), "parses: %s", err.msg))
		return;
	ok(spec.arena_sec > 0 &&
	   !strcmp(spec.elf.sections[spec.arena_sec].name, ".addr_space.1"),
	   "its __arena variables: section .addr_space.1");
	is_int(spec.elf.sections[spec.arena_sec].size, 8,
	       "8 bytes: answer (42) and doubled (0)");
	is_str(spec.maps[spec.arena_map].name, "arena", "they go into map 'arena'");
	is_int(spec.maps[spec.arena_map].map_extra, 0x3f00000000ULL,
	       "whose map_extra (a 64-bit enum, clang 19) is read whole");
	p = obj_spec_prog(&spec, "arena_run");
	r = p ? reloc_at(p, 11) : NULL;
	ok(r && r->kind == RELOC_MAP_VALUE && r->map == spec.arena_map &&
	   r->off == 0, "insn 11 (&answer): a value address in 'arena', offset 0");
	r = p ? reloc_at(p, 17) : NULL;
	ok(r && r->kind == RELOC_MAP_VALUE && r->map == spec.arena_map &&
	   r->off == 4, "insn 17 (&doubled): offset 4");
	r = p ? reloc_at(p, 1) : NULL;
	ok(r && r->kind == RELOC_MAP_FD && r->map == spec.arena_map,
	   "insn 1 (&arena, the map itself): its fd");
	obj_spec_free(&spec);
}

/* Parse a copy changed by @change: refused, saying @want. */
static void refused(void (*change)(uint8_t *), const char *want,
		    const char *what)
{
	uint8_t *b = malloc(len);
	struct bb_err err = { 0 };
	struct obj_spec spec;
	int ret;

	if (!b)
		return;
	memcpy(b, data, len);
	change(b);
	ret = obj_spec_parse(&spec, b, len, &err);
	ok(ret < 0, "%s: refused", what);
	like(err.msg, want, "%s: the message says so", what);
	if (!ret)
		obj_spec_free(&spec);
	free(b);
}

static void var_past_end(uint8_t *b)
{
	symbol(b, "doubled")->st_value = 8;
}

static void not_data(uint8_t *b)
{
	shdr(b, ".addr_space.1")->sh_type = SHT_NOTE;
}

static void huge(uint8_t *b)
{
	shdr(b, ".addr_space.1")->sh_size = 1ULL << 40;
}

static void nobits_huge(uint8_t *b)
{
	shdr(b, ".addr_space.1")->sh_type = SHT_NOBITS;
	shdr(b, ".addr_space.1")->sh_size = 1ULL << 33;
}

/* The ARENA map's __uint(type, 33) is the length of an array in BTF. */
static void no_arena(uint8_t *b)
{
	Elf64_Shdr *bs = shdr(b, ".BTF");
	const struct btf_header *h = (void *)(b + bs->sh_offset);
	uint8_t *t = b + bs->sh_offset + h->hdr_len + h->type_off;
	size_t i;

	/* BTF_KIND_ARRAY: 12-byte type, 12-byte array; nelems last. */
	for (i = 0; i + 24 <= h->type_len; i += 4) {
		const struct btf_type *bt = (const void *)(t + i);
		struct btf_array *a = (void *)(t + i + 12);

		if (btf_kind(bt) == BTF_KIND_ARRAY && a->nelems == BB_MAP_TYPE_ARENA) {
			a->nelems = BPF_MAP_TYPE_ARRAY;
			return;
		}
	}
}

static void without_step(void)
{
	struct bb_err err = { 0 };
	struct obj_spec spec;
	int ret;

	ret = obj_spec_parse_with(&spec, data, len, NULL, ksyms_parse, &err);
	ok(ret < 0, "without the __arena step: refused");
	like(err.msg, "'.addr_space.1'", "naming the section");
	if (!ret)
		obj_spec_free(&spec);
}

int main(void)
{
	const char *b = getenv("BUILD");
	char path[512];

	snprintf(path, sizeof(path), "%s/test/arena_globals.bpf.o",
		 b && *b ? b : "build");
	data = read_whole(path, &len);
	if (!ok(data != NULL, "read %s", path))
		return done_testing();
	good();
	refused(var_past_end, "past its end", "'doubled' at offset 8 of 8 bytes");
	refused(not_data, "is not data", ".addr_space.1 made SHT_NOTE");
	refused(huge, "past end of file", ".addr_space.1 of 1 TiB");
	refused(nobits_huge, "more than an arena holds",
		".addr_space.1 NOBITS of 8 GiB");
	refused(no_arena, "declares no ARENA map", "the map made an ARRAY");
	without_step();
	free(data);
	return done_testing();
}
