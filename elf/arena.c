// SPDX-License-Identifier: GPL-2.0
/*
 * arena.c - __arena global variables: section .addr_space.1.
 *
 * An ARENA map (Linux 6.9) is memory that a BPF program and its user
 * share: pages the program allocates (the kfunc bpf_arena_alloc_pages)
 * or that user space touches through an mmap of the map.  clang 18+
 * lets C name variables in it: __arena, i.e. address_space(1), puts a
 * global variable into section ".addr_space.1" (initialised or not: the
 * section holds zeros for the others) and loads its address with
 * "r1 = 0 ll" relocated against it, then converts that pointer with
 * addr_space_cast (elf/disasm.c prints it).
 *
 * The loader puts the section into the object's one ARENA map: libbpf's
 * rule, which we follow so that a reader of a skeleton finds the same
 * layout, is that the variables fill the arena's last pages (since
 * libbpf 1.7; before, its first): the section's size rounded up to pages,
 * ending at the arena's end.  Pages below are left for the program to
 * allocate, the first of them page 0.  The page size is the machine's,
 * so the loader (loader/load/arena.c) places it; here we only find the
 * section and its map, and check what relocations may point at
 * (relocs.c: RELOC_MAP_VALUE, an offset in the section).
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "elf/spec.h"

#define ARENA_SEC ".addr_space.1"

/* The one ARENA map; two are refused: whose would the variables be? */
static int find_arena(struct obj_spec *spec, struct bb_err *err)
{
	uint32_t i;
	int found = -1;

	for (i = 0; i < spec->nr_maps; i++) {
		if (spec->maps[i].type != BB_MAP_TYPE_ARENA)
			continue;
		if (found >= 0)
			return bb_errf(err, -ENOTSUP,
				       "elf: section '" ARENA_SEC "': two ARENA maps ('%s', '%s'): __arena variables go into an object's only one",
				       spec->maps[found].name,
				       spec->maps[i].name);
		found = i;
	}
	if (found < 0)
		return bb_errf(err, -ENOENT,
			       "elf: section '" ARENA_SEC "' holds __arena variables, but the object declares no ARENA map for them");
	spec->arena_map = found;
	return 0;
}

int arena_parse(struct obj_spec *spec, struct bb_err *err)
{
	int idx = elf_find_section(&spec->elf, ARENA_SEC);
	const struct elf_section *s;
	int ret;

	if (idx <= 0)
		return 0;
	s = &spec->elf.sections[idx];
	if (!(s->flags & SHF_ALLOC) ||
	    (s->type != SHT_PROGBITS && s->type != SHT_NOBITS))
		return bb_errf(err, -EINVAL,
			       "elf: section '" ARENA_SEC "' is not data (type %u, flags %#llx)",
			       s->type, (unsigned long long)s->flags);
	if (s->type == SHT_PROGBITS && !s->data)
		return bb_errf(err, -EINVAL,
			       "elf: section '" ARENA_SEC "' has no data");
	/* The arena is at most 4 GiB (6.9). */
	if (s->size > UINT32_MAX)
		return bb_errf(err, -E2BIG,
			       "elf: section '" ARENA_SEC "': %#llx bytes is more than an arena holds (4 GiB)",
			       (unsigned long long)s->size);
	ret = find_arena(spec, err);
	if (ret)
		return ret;
	spec->arena_sec = idx;
	return 0;
}

int ksyms_arena_parse(struct obj_spec *spec, struct bb_err *err)
{
	int ret = ksyms_parse(spec, err);

	return ret ? ret : arena_parse(spec, err);
}
