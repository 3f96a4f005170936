/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf_core.h - reading kernel memory the CO-RE way, in a few lines.
 *
 * __builtin_preserve_access_index(&p->field) makes clang record a CO-RE
 * relocation for the address computation (struct, field, its offset
 * here); the loader rewrites the offset for the running kernel
 * (elf/core.c).  The read itself is bpf_probe_read_kernel(): kernel
 * memory may not be dereferenced directly from a kprobe.
 *
 * BPF_CORE_READ(p, field) here reads one level (libbpf's also chains
 * p->a->b; write two reads instead).  Structs declared with
 * __attribute__((preserve_access_index)) get relocations for every
 * access, without the builtin.
 */
#ifndef BAREBPF_BPF_CORE_H
#define BAREBPF_BPF_CORE_H

#include "bpf_defs.h"

#define bpf_core_read(dst, sz, src)                                         \
	bpf_probe_read_kernel(dst, sz,                                      \
			      (const void *)__builtin_preserve_access_index(src))

#define BPF_CORE_READ(src, field)                                           \
	({                                                                  \
		typeof((src)->field) bb_v_ = 0;                             \
		bpf_core_read(&bb_v_, sizeof(bb_v_), &(src)->field);        \
		bb_v_;                                                      \
	})

/* enum bpf_field_info_kind, for __builtin_preserve_field_info() */
#define BPF_FIELD_EXISTS 2
#define bpf_core_field_exists(p, field)                                     \
	__builtin_preserve_field_info((p)->field, BPF_FIELD_EXISTS)

#endif
