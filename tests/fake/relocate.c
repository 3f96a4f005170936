// SPDX-License-Identifier: GPL-2.0
/*
 * relocate.c - the instructions the kernel receives are the section's
 * bytes with exactly the map references patched.
 *
 * The oracle is independent of the spec's plan (prog_spec.relocs): we read
 * the SHT_REL sections again with elf_read_rels(), keep the R_BPF_64_64
 * entries that fall inside each program, find the map each one's symbol
 * names, and build the expected program from the original section bytes.
 */
#include <elf.h>

#include "loader/object/object.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

#ifndef R_BPF_64_64
#define R_BPF_64_64 1
#endif

/* The map a relocation's symbol names: by name, else by section offset. */
static const struct bb_map *reloc_map(struct bb_object *obj,
				       const struct elf_symbol *sym)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (sym->name && !strcmp(obj->maps[i].spec->name, sym->name))
			return &obj->maps[i];
	for (i = 0; i < obj->spec.nr_maps; i++)
		if (obj->maps[i].spec->sec_idx == sym->shndx &&
		    obj->maps[i].spec->sec_off == sym->value)
			return &obj->maps[i];
	return NULL;
}

/*
 * Apply every R_BPF_64_64 aimed at @p's instructions to @want (a copy of
 * the original); returns how many, or -1 on a problem (reported).
 */
static int expected(struct bb_object *obj, const struct prog_spec *p,
		    struct bpf_insn *want)
{
	const struct elf_file *ef = &obj->spec.elf;
	uint64_t lo = (uint64_t)p->sec_insn * 8, hi = lo + (uint64_t)p->nr_insns * 8;
	struct bb_err err = { 0 };
	struct elf_rel *rels;
	uint32_t s, r, nr;
	int n = 0;

	for (s = 0; s < ef->nr_sections; s++) {
		if (ef->sections[s].type != SHT_REL || ef->sections[s].info != p->sec_idx)
			continue;
		if (elf_read_rels(ef, s, &rels, &nr, &err)) {
			diag("elf_read_rels: %s", err.msg);
			return -1;
		}
		for (r = 0; r < nr; r++) {
			const struct bb_map *m;
			uint32_t i;

			if (rels[r].type != R_BPF_64_64 || rels[r].offset < lo ||
			    rels[r].offset >= hi)
				continue;
			m = reloc_map(obj, &ef->symbols[rels[r].sym]);
			i = (rels[r].offset - lo) / 8;
			if (!m || i + 1 >= p->nr_insns ||
			    want[i].code != (BPF_LD | BPF_IMM | BPF_DW)) {
				diag("%s: reloc at 0x%llx: no map or not ld_imm64",
				     p->name, (unsigned long long)rels[r].offset);
				free(rels);
				return -1;
			}
			want[i].src_reg = BPF_PSEUDO_MAP_FD;
			want[i].imm = m->fd;
			want[i + 1].imm = 0;
			n++;
		}
		free(rels);
	}
	return n;
}

static void check_prog(struct bb_object *obj, uint32_t pi)
{
	const struct prog_spec *p = &obj->spec.progs[pi];
	const struct elf_section *sec = &obj->spec.elf.sections[p->sec_idx];
	const struct fake_prog_rec *got = &fk.progs[pi];
	size_t size = (size_t)p->nr_insns * sizeof(struct bpf_insn);
	const struct bpf_insn *orig = (const void *)(sec->data + (size_t)p->sec_insn * 8);
	struct bpf_insn *want;
	uint32_t i, patched = 0, bad = 0, diff = 0;
	int nr_relocs;

	is_str(got->name, p->name, "load #%u has the program's name", pi);
	if (!is_int(got->insn_cnt, p->nr_insns, "%s: insn_cnt", p->name) ||
	    !ok((uint64_t)p->sec_insn * 8 + size <= sec->size,
		"%s: inside its section", p->name))
		return;
	want = malloc(size);
	memcpy(want, orig, size);
	nr_relocs = expected(obj, p, want);
	ok(nr_relocs > 0, "%s: has %d R_BPF_64_64 relocations", p->name,
	   nr_relocs);

	/* Every ld_imm64 the kernel got: patched iff it had a relocation. */
	for (i = 0; i < p->nr_insns; i++) {
		const struct bpf_insn *g = &got->insns[i];

		if (g->code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		if (g->src_reg == BPF_PSEUDO_MAP_FD) {
			patched++;
			if (g->imm < FAKE_FD_BASE || !fake_fd_is(g->imm, FK_MAP) ||
			    got->insns[i + 1].imm != 0)
				bad++;
		}
		i++;	/* the second half */
	}
	is_int(patched, nr_relocs,
	       "%s: as many map ld_imm64 as R_BPF_64_64 relocs", p->name);
	is_int(patched, p->nr_relocs, "%s: and as the spec planned", p->name);
	is_int(bad, 0, "%s: each imm is a live map fd, second half imm 0",
	       p->name);

	for (i = 0; i < p->nr_insns; i++)
		if (memcmp(&got->insns[i], &want[i], sizeof(want[i]))) {
			if (!diff)
				diag("%s: insn %u: got %016llx want %016llx",
				     p->name, i,
				     *(unsigned long long *)&got->insns[i],
				     *(unsigned long long *)&want[i]);
			diff++;
		}
	is_int(diff, 0, "%s: the kernel got the original bytes, map refs patched",
	       p->name);
	ok(!memcmp(obj->progs[pi].insns, want, size),
	   "%s: bpf_prog.insns holds the same", p->name);
	ok(!memcmp(p->insns, orig, size),
	   "%s: the spec's copy is still unrelocated", p->name);
	free(want);
}

/* The map fds that handle_exec's three ld_imm64 carry, in order. */
static void check_exec_order(struct bb_object *obj)
{
	const struct fake_prog_rec *got = &fk.progs[0];
	int fds[4], n = 0;
	uint32_t i;

	for (i = 0; i + 1 < got->insn_cnt && n < 4; i++)
		if (got->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    got->insns[i].src_reg == BPF_PSEUDO_MAP_FD)
			fds[n++] = got->insns[i++].imm;
	if (!is_int(n, 3, "handle_exec references three maps"))
		return;
	/*
	 * The source looks up task_offsets first, then updates process_map,
	 * and counts a failed update in procmon_stats.
	 */
	is_int(fds[0], bb_object_find_map(obj, "task_offsets")->fd,
	       "handle_exec: first reference is task_offsets' fd");
	is_int(fds[1], bb_object_find_map(obj, "process_map")->fd,
	       "handle_exec: second is process_map's fd");
	is_int(fds[2], bb_object_find_map(obj, "procmon_stats")->fd,
	       "handle_exec: third is procmon_stats' fd");
}

int main(void)
{
	const char *path = fake_obj_path("procmon.bpf.o");
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	uint32_t i;
	int ret;

	if (access(path, R_OK))
		return skip_all("build/procmon.bpf.o not built (run make)");
	fake_install();
	ret = bb_object_open(&obj, path, &err);
	if (!is_int(ret, 0, "bb_object_open %s", path)) {
		diag("%s", err.msg);
		return done_testing();
	}
	ret = bb_object_load(obj, &err);
	if (!is_int(ret, 0, "bb_object_load with the fake kernel")) {
		diag("%s", err.msg);
		bb_object_close(obj);
		return done_testing();
	}
	if (is_int(fk.nr_progs, (int)obj->spec.nr_progs, "one load per program"))
		for (i = 0; i < obj->spec.nr_progs; i++)
			check_prog(obj, i);
	check_exec_order(obj);

	/* Another object with other fds: patched with those, not 100/101. */
	bb_object_close(obj);
	obj = NULL;
	fake_reset();
	fk.next_fd = 10;	/* the BTF gets 110, the maps 111 and 112 */
	ret = bb_object_open(&obj, path, &err);
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (is_int(ret, 0, "second open+load") &&
	    is_int(bb_object_find_map(obj, "process_map")->fd, 111, "process_map fd 111"))
		for (i = 0; i < obj->spec.nr_progs; i++)
			check_prog(obj, i);
	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "every fake fd closed");
	is_int(fk.unexpected, 0, "no unexpected syscall");
	fake_reset();
	return done_testing();
}
