/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf/bpf_core_read.h - reading kernel memory the CO-RE way, with libbpf's
 * names (BPF_CORE_READ and friends).
 *
 * __builtin_preserve_access_index(&p->field) makes clang record a CO-RE
 * relocation for the address computation (struct, field, its offset
 * here); the loader rewrites the offset for the running kernel
 * (elf/btf/core.c).  The read itself is bpf_probe_read_kernel(): kernel
 * memory may not be dereferenced directly from a kprobe.  Structs
 * declared with __attribute__((preserve_access_index)), as vmlinux.h's
 * are, get relocations for every access, without the builtin.
 *
 * BPF_CORE_READ(task, real_parent, tgid) follows a chain of up to 8
 * members, one read per pointer: task->real_parent, then ->tgid of it.
 */
#ifndef BAREBPF_BPF_CORE_READ_H
#define BAREBPF_BPF_CORE_READ_H

#include "bpf_helpers.h"

/* What __builtin_preserve_field_info() asks (enum bpf_field_info_kind). */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,
	BPF_FIELD_BYTE_SIZE = 1,
	BPF_FIELD_EXISTS = 2,
	BPF_FIELD_SIGNED = 3,
	BPF_FIELD_LSHIFT_U64 = 4,
	BPF_FIELD_RSHIFT_U64 = 5,
};

/* ... __builtin_preserve_type_info() (enum bpf_type_info_kind). */
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,
	BPF_TYPE_SIZE = 1,
	BPF_TYPE_MATCHES = 2,
};

/* ... __builtin_preserve_enum_value() (enum bpf_enum_value_kind). */
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,
	BPF_ENUMVAL_VALUE = 1,
};

/*
 * bpf_core_field_exists(p->field), or (TYPE, field): 1 if the running
 * kernel's struct has that member.  The loader answers at load time, so
 * the branch the answer rules out is dead code for the verifier.
 */
#define bb_field_(...) bb_cat_(bb_field, bb_nargs_(__VA_ARGS__))(__VA_ARGS__)
#define bb_field1(expr) expr
#define bb_field2(type, field) (((typeof(type) *)0)->field)
#define bpf_core_field_exists(...)                                          \
	__builtin_preserve_field_info(bb_field_(__VA_ARGS__), BPF_FIELD_EXISTS)
#define bpf_core_field_size(...)                                            \
	__builtin_preserve_field_info(bb_field_(__VA_ARGS__), BPF_FIELD_BYTE_SIZE)
#define bpf_core_field_offset(...)                                          \
	__builtin_preserve_field_info(bb_field_(__VA_ARGS__), BPF_FIELD_BYTE_OFFSET)

/* Types and enum values of the running kernel (write `struct task_struct`). */
#define bpf_core_type_exists(type)                                          \
	__builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_EXISTS)
#define bpf_core_type_size(type)                                            \
	__builtin_preserve_type_info(*(typeof(type) *)0, BPF_TYPE_SIZE)
#define bpf_core_enum_value_exists(enum_type, value)                        \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)value,          \
				      BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, value)                               \
	__builtin_preserve_enum_value(*(typeof(enum_type) *)value,          \
				      BPF_ENUMVAL_VALUE)

/* One read of @sz bytes at @src, its offset relocated. */
#define bpf_core_read(dst, sz, src)                                         \
	bpf_probe_read_kernel(dst, sz,                                      \
			      (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src)                                     \
	bpf_probe_read_kernel_str(dst, sz,                                  \
			(const void *)__builtin_preserve_access_index(src))

/*
 * The chain: bb_chainN(fn, dst, src, a, b, ...) reads src->a into a
 * local of its type, then goes on from it with b...; the last member is
 * read with @fn into @dst.  Each level has its own local (bb_pN_).
 */
#define bb_chain1(fn, dst, src, a)                                          \
	fn((dst), sizeof(*(dst)), &((src)->a))
#define bb_chain_step_(n, src, a)                                           \
	typeof((src)->a) bb_cat_(bb_p, n);                                  \
	bpf_core_read(&bb_cat_(bb_p, n), sizeof(bb_cat_(bb_p, n)), &((src)->a));
#define bb_chain2(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(2, src, a) bb_chain1(fn, dst, bb_p2, __VA_ARGS__); })
#define bb_chain3(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(3, src, a) bb_chain2(fn, dst, bb_p3, __VA_ARGS__); })
#define bb_chain4(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(4, src, a) bb_chain3(fn, dst, bb_p4, __VA_ARGS__); })
#define bb_chain5(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(5, src, a) bb_chain4(fn, dst, bb_p5, __VA_ARGS__); })
#define bb_chain6(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(6, src, a) bb_chain5(fn, dst, bb_p6, __VA_ARGS__); })
#define bb_chain7(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(7, src, a) bb_chain6(fn, dst, bb_p7, __VA_ARGS__); })
#define bb_chain8(fn, dst, src, a, ...)                                     \
	({ bb_chain_step_(8, src, a) bb_chain7(fn, dst, bb_p8, __VA_ARGS__); })
#define bb_chain_(fn, dst, src, ...)                                        \
	bb_cat_(bb_chain, bb_nargs_(__VA_ARGS__))(fn, dst, src, __VA_ARGS__)

/* The type of src->a->b->... (typeof does not evaluate it). */
#define bb_access1(src, a) (src)->a
#define bb_access2(src, a, ...) bb_access1((src)->a, __VA_ARGS__)
#define bb_access3(src, a, ...) bb_access2((src)->a, __VA_ARGS__)
#define bb_access4(src, a, ...) bb_access3((src)->a, __VA_ARGS__)
#define bb_access5(src, a, ...) bb_access4((src)->a, __VA_ARGS__)
#define bb_access6(src, a, ...) bb_access5((src)->a, __VA_ARGS__)
#define bb_access7(src, a, ...) bb_access6((src)->a, __VA_ARGS__)
#define bb_access8(src, a, ...) bb_access7((src)->a, __VA_ARGS__)
#define bb_access_(src, ...)                                                \
	bb_cat_(bb_access, bb_nargs_(__VA_ARGS__))(src, __VA_ARGS__)

/* Read src->a->b... into *dst; 0 or a negative error, as the helper. */
#define BPF_CORE_READ_INTO(dst, src, ...)                                   \
	({ bb_chain_(bpf_core_read, dst, src, __VA_ARGS__); })
/* The same, the last member a string (char array or char *). */
#define BPF_CORE_READ_STR_INTO(dst, src, ...)                               \
	({ bb_chain_(bpf_core_read_str, dst, src, __VA_ARGS__); })

/* The value of src->a->b... (the helper zeroes it if a read fails). */
#define BPF_CORE_READ(src, ...)                                             \
	({                                                                  \
		typeof(bb_access_(src, __VA_ARGS__)) bb_v_;                 \
		BPF_CORE_READ_INTO(&bb_v_, src, __VA_ARGS__);               \
		bb_v_;                                                      \
	})

#endif
