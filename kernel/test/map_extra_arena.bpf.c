// SPDX-License-Identifier: GPL-2.0
/*
 * map_extra_arena.bpf.c - an arena (6.9) placed at a user-space address
 * given with __ulong(map_extra, ...): parsed by the parser tier (the host
 * kernel refuses arenas, the VM's 6.1 has none).  clang 14 writes a
 * 32-bit enum value only (BTF_KIND_ENUM64 came with clang 15): the address
 * must fit in 32 bits to survive; libbpf reads the same BTF.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);	/* pages */
	__ulong(map_extra, 0x10000000);
} arena SEC(".maps");
