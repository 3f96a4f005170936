// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_obj.c - a libFuzzer target over everything in elf/ that reads
 * untrusted bytes.
 *
 * Each input goes through three readers, as a file handed to our tools
 * would:
 *   1. obj_spec_parse(): ELF sections and symbols, BTF, the .maps
 *      definitions, global data sections, map-in-map slots, programs,
 *      relocations and the linking of subprograms.  When it succeeds,
 *      every program's instructions are disassembled as `barebpf dump`
 *      would, and the lookups by name are exercised.
 *   2. exec_symbol_offset() and exec_pattern_offsets(): the executable
 *      reader uprobes and uprobe.multi use; usdt_sites_find(), the
 *      .note.stapsdt reader of USDT probes, and usdt_args_parse() over
 *      the bytes taken as an argument string.
 *   3. disasm_insn() over the raw bytes taken as instructions.
 *   4. lz_unpack(), which unpacks the objects a tool embeds: the first two
 *      bytes (little-endian) are the size unpacked, the rest the packed
 *      stream.  What unpacks must pack (lz_pack()) and unpack to itself.
 * libFuzzer feeds inputs; ASan and UBSan turn any overread, leak or
 * undefined behaviour into a crash with a reproducer.  `make fuzz` runs
 * it; tests/parser/fuzz.sh runs a short round and every reproducer kept
 * in tests/corpus/.  See docs/hardening.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf/disasm.h"
#include "elf/exec.h"
#include "elf/base/lz.h"
#include "elf/spec.h"
#include "elf/usdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* The USDT readers: the notes of any probe "p:n", the bytes as a string. */
static void usdt_fuzz(const uint8_t *data, size_t len)
{
	struct usdt_site *sites;
	struct usdt_spec spec;
	struct bb_err err;
	char *s = malloc(len + 1);
	uint32_t nr;

	if (usdt_sites_find(data, len, "p", "n", &sites, &nr, &err) == 0)
		free(sites);
	if (!s)
		return;
	memcpy(s, data, len);
	s[len] = '\0';
	usdt_args_parse(s, &spec, &err);
	free(s);
}

static void disasm_all(const struct bpf_insn *insns, size_t n)
{
	char line[256];
	size_t i = 0;
	int step;

	while (i < n) {
		step = disasm_insn(&insns[i], n - i, NULL, line, sizeof(line));
		if (step < 1)
			abort();	/* disasm_insn must always make progress */
		i += step;
	}
}

static void spec_walk(const struct obj_spec *spec)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++) {
		disasm_all(spec->progs[i].insns, spec->progs[i].nr_insns);
		if (obj_spec_prog(spec, spec->progs[i].name) == NULL)
			abort();	/* a program must be found by its name */
	}
	for (i = 0; i < spec->nr_maps; i++)
		if (obj_spec_map(spec, spec->maps[i].name) == NULL)
			abort();
	for (i = 0; i < spec->nr_vars; i++)
		obj_spec_var(spec, spec->vars[i].name);
}

static void lz_round(const uint8_t *data, size_t len)
{
	size_t out_len, packed_len;
	uint8_t *out, *packed, *again;
	struct bb_err err;

	if (len < 2)
		return;
	out_len = data[0] | data[1] << 8;
	out = malloc(out_len + 1);
	if (!out)
		return;
	err.msg[0] = '\0';
	if (lz_unpack(out, out_len, data + 2, len - 2, &err) == 0) {
		if (lz_pack(out, out_len, &packed, &packed_len))
			abort();
		again = malloc(out_len + 1);
		if (!again || lz_unpack(again, out_len, packed, packed_len, &err) ||
		    memcmp(again, out, out_len))
			abort();	/* the packer must round-trip */
		free(again);
		free(packed);
	} else if (!err.msg[0]) {
		abort();	/* every failure must say why */
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	/* A private, malloc-aligned copy, as the loader reads a file. */
	uint8_t *copy = malloc(len ? len : 1);
	struct exec_symbol sym;
	uint64_t *offs;
	uint32_t nr;
	struct obj_spec spec;
	struct bb_err err;

	if (!copy)
		return 0;
	memcpy(copy, data, len);
	err.msg[0] = '\0';
	err.detail = NULL;
	if (obj_spec_parse(&spec, copy, len, &err) == 0) {
		spec_walk(&spec);
		obj_spec_free(&spec);
	} else if (!err.msg[0]) {
		abort();	/* every failure must say why */
	}
	free(err.detail);
	err.detail = NULL;
	exec_symbol_offset(copy, len, "main", &sym, &err);
	free(err.detail);
	if (exec_pattern_offsets(copy, len, "m*", &offs, &nr, &err) == 0)
		free(offs);
	usdt_fuzz(copy, len);
	disasm_all((const struct bpf_insn *)copy, len / sizeof(struct bpf_insn));
	lz_round(copy, len);
	free(copy);
	return 0;
}
