/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf_defs.h - barebpf's own minimal BPF-side header.
 *
 * Everything a BPF program in this project needs, and nothing else: fixed
 * width types, the SEC() macro, the macros that describe a map in BTF, the
 * constants for the map types we use and the helpers we call, declared by
 * their stable helper id (include/uapi/linux/bpf.h, "FN(...)" list).
 * No libbpf header and no system header is included.
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

/* Put a function or variable in the ELF section that names what it is. */
#define SEC(name) __attribute__((section(name), used))

/*
 * BTF-defined maps.  clang records each member's *type* in BTF, so a number
 * is encoded as "pointer to an array of that many ints" and a type as
 * "pointer to that type".  The loader reads the numbers back from BTF.
 */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

/* Map types (enum bpf_map_type in the uapi header). */
enum {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4,
	BPF_MAP_TYPE_PERCPU_HASH = 5,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_HASH_OF_MAPS = 13,
	BPF_MAP_TYPE_RINGBUF = 27,
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

/* Pinning modes understood by the loader (same values as libbpf's). */
enum {
	LIBBPF_PIN_NONE = 0,
	LIBBPF_PIN_BY_NAME = 1,
};

#define BPF_F_CURRENT_CPU 0xffffffffULL

/* Helpers, by id.  A call to address N is a call to helper N. */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key,
				   const void *value, __u64 flags) = (void *)2;
static long (*bpf_map_delete_elem)(void *map, const void *key) = (void *)3;
static long (*bpf_probe_read)(void *dst, __u32 size,
			      const void *src) = (void *)4;
static __u64 (*bpf_ktime_get_ns)(void) = (void *)5;
static long (*bpf_trace_printk)(const char *fmt, __u32 fmt_size,
				...) = (void *)6;
static __u32 (*bpf_get_smp_processor_id)(void) = (void *)8;
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)14;
static __u64 (*bpf_get_current_uid_gid)(void) = (void *)15;
static long (*bpf_get_current_comm)(void *buf, __u32 size) = (void *)16;
static long (*bpf_perf_event_output)(void *ctx, void *map, __u64 flags,
				     void *data, __u64 size) = (void *)25;
static __u64 (*bpf_get_current_task)(void) = (void *)35;
static long (*bpf_probe_read_kernel)(void *dst, __u32 size,
				     const void *src) = (void *)113;
static long (*bpf_probe_read_kernel_str)(void *dst, __u32 size,
					 const void *src) = (void *)115;
static void *(*bpf_ringbuf_reserve)(void *ringbuf, __u64 size,
				    __u64 flags) = (void *)131;
static void (*bpf_ringbuf_submit)(void *data, __u64 flags) = (void *)132;
static void (*bpf_ringbuf_discard)(void *data, __u64 flags) = (void *)133;
static long (*bpf_ringbuf_output)(void *ringbuf, void *data, __u64 size,
				  __u64 flags) = (void *)130;

/*
 * bpf_printk("fmt", args...): one line in tracefs's trace_pipe, through
 * bpf_trace_printk() (at most 3 arguments; %d %u %x %llu %s %p...).  The
 * format is a static const array, so it lives in .rodata, a frozen map:
 * the loader relocates its address like any global variable.
 */
#define bpf_printk(fmt, ...)                                                \
	({                                                                  \
		static const char bb_fmt_[] = fmt;                          \
		bpf_trace_printk(bb_fmt_, sizeof(bb_fmt_), ##__VA_ARGS__);  \
	})

#endif
