/* SPDX-License-Identifier: GPL-2.0 */
/* btf_str.h - BTF types and values into words, for barebpf. */
#ifndef BAREBPF_BTF_STR_H
#define BAREBPF_BTF_STR_H

#include <stdio.h>

#include "elf/btf/btf.h"

/* "struct proc_info", "__u32", "char[16]", "void *"; id 0 is "?". */
void btf_type_str(const struct btf *btf, uint32_t id, char *buf, size_t len);

/* Whether type @id (typedefs and qualifiers followed) is a char. */
int btf_is_char(const struct btf *btf, uint32_t id);

/*
 * The integer of type @id (typedefs and qualifiers followed) at @data,
 * @size bytes, into *@v, sign-extended when *@is_signed is set: 0, or
 * -ENOTSUP when it is not a whole 1, 2, 4 or 8-byte integer.
 */
int btf_int_get(const struct btf *btf, uint32_t id, const void *data,
		size_t size, uint64_t *v, int *is_signed);

/*
 * Print @size bytes at @data as a value of type @id: integers in decimal,
 * char arrays as strings, structs as {field=value, ...}, arrays as
 * [a, b].  -ENOTSUP (nothing printed) for what we don't decode: the
 * caller prints hex instead.
 */
int btf_value_print(struct out *f, const struct btf *btf, uint32_t id,
		    const void *data, size_t size);

#endif
