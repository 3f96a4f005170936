// SPDX-License-Identifier: GPL-2.0
/*
 * arena_globals.bpf.c - __arena global variables (Linux 6.9+ ARENA maps;
 * built with clang 19, the Makefile's CLANG19: clang 14 has no address
 * spaces for BPF).  clang puts variables of address space 1 into section
 * .addr_space.1; the loader copies that section to the last pages of the
 * object's one ARENA map, as libbpf does, and points the instructions
 * that use them into the arena.  tests/kernel/arena_globals.c runs
 * "arena_run" with BPF_PROG_RUN and reads the arena back through its user
 * mapping:
 *   - "answer" (42, initialised) is read, "doubled" (zero) gets 84;
 *   - bpf_arena_alloc_pages() (a kfunc) hands out the arena's first free
 *     page, which is page 0 when the globals sit at the end; 43 goes there.
 */
#include "bpf_defs.h"

#define __arena __attribute__((address_space(1)))
#define NUMA_NO_NODE (-1)

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 4);	/* pages */
	/* 4 GiB up: the arena may not cross a 4 GiB line (6.9). */
	__ulong(map_extra, 0x3f00000000ULL);
} arena SEC(".maps");

int __arena answer = 42;
int __arena doubled;

void __arena *bpf_arena_alloc_pages(void *map, void __arena *addr,
				    __u32 page_cnt, int node_id,
				    __u64 flags) __ksym;

SEC("syscall")
int arena_run(void *ctx)
{
	int __arena *page;

	(void)ctx;
	page = bpf_arena_alloc_pages(&arena, NULL, 1, NUMA_NO_NODE, 0);
	if (!page)
		return 1;
	*page = answer + 1;
	doubled = answer * 2;
	return 0;
}
