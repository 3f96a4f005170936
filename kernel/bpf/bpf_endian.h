/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf/bpf_endian.h - network byte order for BPF programs, libbpf's names.
 * Constants fold at compile time; clang -target bpf picks the host's byte
 * order (bpfel on x86-64), so only that case swaps.
 */
#ifndef BAREBPF_BPF_ENDIAN_H
#define BAREBPF_BPF_ENDIAN_H

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define bb_be16_(x) __builtin_bswap16(x)
#define bb_be32_(x) __builtin_bswap32(x)
#define bb_be64_(x) __builtin_bswap64(x)
#else
#define bb_be16_(x) (x)
#define bb_be32_(x) (x)
#define bb_be64_(x) (x)
#endif

#define bpf_htons(x) ((__u16)bb_be16_((__u16)(x)))
#define bpf_ntohs(x) ((__u16)bb_be16_((__u16)(x)))
#define bpf_htonl(x) ((__u32)bb_be32_((__u32)(x)))
#define bpf_ntohl(x) ((__u32)bb_be32_((__u32)(x)))
#define bpf_cpu_to_be64(x) ((__u64)bb_be64_((__u64)(x)))
#define bpf_be64_to_cpu(x) ((__u64)bb_be64_((__u64)(x)))

#endif
