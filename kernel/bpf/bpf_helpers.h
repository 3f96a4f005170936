/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf/bpf_helpers.h - barebpf's own version of the header BPF programs
 * written for libbpf start with: the same names, so that a tutorial's
 * program compiles unchanged with -Ikernel (which comes before
 * /usr/include, where Debian's libbpf-dev puts its own).
 *
 * Like libbpf's, it defines no integer types and no uapi constants
 * (BPF_MAP_TYPE_*, BPF_ANY...): include vmlinux.h or <linux/bpf.h> first.
 * The helpers themselves are declared by bpf_helper_defs.h, which
 * kernel/bpf/helper_defs.pl writes from the uapi <linux/bpf.h> (`make
 * helper-defs`).  It is kept in the tree, so that a plain `clang -Ikernel`
 * finds it and an object does not change with the build host's headers;
 * tests/parser/helper_defs.sh checks that it is what the script makes.
 */
#ifndef BAREBPF_BPF_HELPERS_H
#define BAREBPF_BPF_HELPERS_H

#include "bpf_helper_defs.h"

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
/*
 * A number too big for an array length (map_extra: an arena's address) is
 * the value of the one member of an anonymous enum; __COUNTER__ keeps the
 * member names of two such maps apart.
 */
#define ___bb_join(a, b) a##b
#define ___bb_join2(a, b) ___bb_join(a, b)
#define __ulong(name, val) \
	enum { ___bb_join2(__bb_ulong_, __COUNTER__) = (val) } name

/* __uint(pinning, LIBBPF_PIN_BY_NAME): the values the loaders agree on. */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE = 0,
	LIBBPF_PIN_BY_NAME = 1,
};

/*
 * Externs the loader resolves: __ksym, a kernel symbol's address (from
 * the kernel's BTF); __kconfig, a CONFIG_ value of the running kernel.
 * __weak lets the object load when the kernel lacks one (it reads 0).
 */
#define __ksym __attribute__((section(".ksyms")))
#define __kconfig __attribute__((section(".kconfig")))
#define __weak __attribute__((weak))
#define __hidden __attribute__((visibility("hidden")))

/*
 * bpf_ksym_exists(sym): does the running kernel have the __weak __ksym
 * @sym (a kfunc or a kernel variable)?  The loader writes 0 for the
 * address of one it did not find, so this reads that address; the
 * assertion refuses a @sym not declared __weak, whose address the
 * compiler knows is never 0.  A call to an absent kfunc under a false
 * bpf_ksym_exists() is dead code, which the verifier removes.
 */
#define bpf_ksym_exists(sym) ({                                             \
	_Static_assert(!__builtin_constant_p(!!(sym)),                      \
		       #sym " must be declared __weak");                    \
	!!(sym);                                                            \
})

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif

/*
 * For the macros of bpf_core_read.h and bpf_tracing.h: bb_nargs_(a, b, c)
 * is 3 (up to 12), bb_cat_(x, 3) is x3, after both are expanded.
 */
#define bb_nth_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) n
#define bb_nargs_(...)                                                      \
	bb_nth_(__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define bb_cat2_(a, b) a##b
#define bb_cat_(a, b) bb_cat2_(a, b)

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#ifndef container_of
#define container_of(ptr, type, member)                                     \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

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
