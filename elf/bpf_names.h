/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf_names.h - words for the kernel's numbers: map and program types,
 * helper ids.  Used by the narration (--verbose) and by `barebpf inspect`.
 * Each returns NULL for a number it does not know.
 */
#ifndef BAREBPF_BPF_NAMES_H
#define BAREBPF_BPF_NAMES_H

#include <stdint.h>

/* "hash" for BPF_MAP_TYPE_HASH: the enum name, lower case, no prefix. */
const char *bpf_map_type_name(uint32_t type);

/* "tracepoint" for BPF_PROG_TYPE_TRACEPOINT. */
const char *bpf_prog_type_name(uint32_t type);

/* "BPF_MAP_CREATE" for bpf() command 0. */
const char *bpf_cmd_name(int cmd);

/* "map_lookup_elem" for helper 1 (bpf_map_lookup_elem without "bpf_"). */
const char *bpf_helper_name(int32_t id);

#endif
