/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_int.h - the range of an integer type (for `--set VAR=VALUE`).
 *
 * BTF_KIND_INT says its size and encoding (signed, char, bool);
 * typedefs and qualifiers (const volatile __u32) are followed first.
 */
#ifndef BAREBPF_BTF_INT_H
#define BAREBPF_BTF_INT_H

#include <stdint.h>

#include "elf/btf/btf.h"

struct btf_int_range {
	int64_t min;
	uint64_t max;
	uint32_t bytes;
	int is_signed;
};

/* Range of integer (or enum, or bool) type @id; -EINVAL for any other. */
int btf_int_range(const struct btf *btf, uint32_t id,
		  struct btf_int_range *r, struct bb_err *err);

#endif
