/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vars.h - read a global variable of a loaded object by name, for the
 * kernel tests; a failure is reported and reads as all ones.
 */
#ifndef BAREBPF_TESTS_VARS_H
#define BAREBPF_TESTS_VARS_H

#include <stdint.h>

#include "loader/load/global_data.h"
#include "tests/tap.h"

static inline uint64_t var_get(struct bb_object *o, const char *name,
			       size_t size)
{
	struct bb_err err = { 0 };
	uint64_t v = UINT64_MAX;

	if (bb_object_get_var(o, name, &v, size, &err))
		diag("%s", err.msg);
	return size == 4 ? (uint32_t)v : v;
}

static inline uint64_t get_u64(struct bb_object *o, const char *name)
{
	return var_get(o, name, sizeof(uint64_t));
}

static inline uint32_t get_u32(struct bb_object *o, const char *name)
{
	return var_get(o, name, sizeof(uint32_t));
}

#endif
