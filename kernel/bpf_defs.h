/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf_defs.h - barebpf's own minimal BPF-side header.
 *
 * What a BPF program in this project needs besides bpf/bpf_helpers.h
 * (SEC(), the map macros, every helper, bpf_printk): the fixed width types
 * and the uapi constants we use, which <linux/bpf.h> or vmlinux.h would
 * give a tutorial's program.  No libbpf header and no system header is
 * included.
 */
#ifndef BAREBPF_BPF_DEFS_H
#define BAREBPF_BPF_DEFS_H

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;

/* Map types (enum bpf_map_type in the uapi header). */
enum {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4,
	BPF_MAP_TYPE_PERCPU_HASH = 5,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_HASH_OF_MAPS = 13,
	BPF_MAP_TYPE_RINGBUF = 27,
	BPF_MAP_TYPE_BLOOM_FILTER = 30,
	BPF_MAP_TYPE_ARENA = 33,
};

/* Flags for bpf_map_update_elem(). */
enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
	BPF_EXIST = 2,
	BPF_F_LOCK = 4,
};

/* Map flags. */
#define BPF_F_NO_PREALLOC (1U << 0)
#define BPF_F_MMAPABLE (1U << 10)

#define BPF_F_CURRENT_CPU 0xffffffffULL

#include "bpf/bpf_helpers.h"

#endif
