// SPDX-License-Identifier: GPL-2.0
/*
 * arena.c - map an ARENA into our memory and put the __arena variables
 * into it (elf/arena.c says where they come from).
 *
 * A program may only use an arena whose user-space address is known
 * (6.9's verifier: "arena's user address must be set via map_extra or
 * mmap()"): the pointers it stores there are user addresses, so that
 * user space can follow them.  So every ARENA map is mmap'ed before any
 * program is loaded, whole (max_entries pages), at map_extra when the
 * object asks for an address.  The variables go into the arena's last
 * pages, as libbpf (1.7) puts them: what precedes them is left for
 * bpf_arena_alloc_pages(), from page 0, and an object's skeleton or
 * tool finds them at the same place under either loader.  Loads of
 * their addresses get BPF_PSEUDO_MAP_VALUE with that offset added
 * (RELOC_ARENA, loader/load/prog.c).
 */
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#include "elf/base/errno_names.h"
#include "loader/load/arena.h"
#include "loader/maps/map.h"
#include "loader/pin/map_pin.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

/*
 * MAP_FIXED_NOREPLACE (4.17), not MAP_FIXED: an address taken in this
 * process fails with EEXIST instead of silently replacing what was there.
 */
static int arena_map(struct bb_map *map, size_t len, struct bb_err *err)
{
	uint64_t want = map->spec->map_extra;
	int flags = MAP_SHARED | (want ? MAP_FIXED_NOREPLACE : 0);
	void *addr = sys_mmap((void *)(uintptr_t)want, len,
			      PROT_READ | PROT_WRITE, flags, map->fd, 0);
	int ret = (int)(long)addr;

	if (sys_mmap_failed(addr))
		return bb_errf(err, ret,
			       "mmap of ARENA map '%s' (%zu bytes at %#llx): %s%s",
			       map->spec->name, len, (unsigned long long)want,
			       errno_text(-ret), ret == -EEXIST ?
			       " (something else is mapped there in this process)" :
			       errno_hint(ret));
	map->mem = addr;
	map->mem_len = len;
	if (want && (uintptr_t)addr != want)
		return bb_errf(err, -EINVAL,
			       "ARENA map '%s' is mapped at %p, not at map_extra %#llx",
			       map->spec->name, addr, (unsigned long long)want);
	return 0;
}

int arena_setup(struct bb_object *obj, struct bb_map *map, struct bb_err *err)
{
	const struct obj_spec *os = &obj->spec;
	const struct map_spec *s = map->spec;
	const struct elf_section *sec = &os->elf.sections[os->arena_sec];
	bool vars = os->arena_sec && map == &obj->maps[os->arena_map];
	uint32_t vars_len = vars ? sec->size : 0;
	size_t page = getauxval(AT_PAGESZ);
	size_t len = (size_t)map_max_entries(map) * page;
	size_t data = (vars_len + page - 1) / page * page;
	int ret;

	if (data > len)
		return bb_errf(err, -E2BIG,
			       "ARENA map '%s': its %u pages cannot hold the %u bytes of __arena variables",
			       s->name, map_max_entries(map), vars_len);
	map->arena_off = len - data;
	ret = map_setup(obj, map, err);
	/* Before 6.9 the type is unknown: EINVAL, whose usual hint misleads. */
	if (ret == -EINVAL)
		return bb_errf(err, ret,
			       "bpf(BPF_MAP_CREATE) for ARENA map '%s' (%u pages, map_extra %#llx): %s (ARENA maps came with Linux 6.9)",
			       s->name, map_max_entries(map),
			       (unsigned long long)s->map_extra,
			       errno_text(EINVAL));
	if (!ret)
		ret = arena_map(map, len, err);
	/* A reused arena keeps what its maker put there; NOBITS: zeros. */
	if (ret || map->reused || !vars || !sec->data)
		return ret;
	memcpy((uint8_t *)map->mem + map->arena_off, sec->data, vars_len);
	return 0;
}
