/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_fetch.h - a BTF object the kernel holds (a map's or a program's,
 * named by the btf_id of its info), read back and parsed.
 */
#ifndef BAREBPF_BTF_FETCH_H
#define BAREBPF_BTF_FETCH_H

#include <stdint.h>

#include "elf/btf/btf.h"

/*
 * BPF_BTF_GET_FD_BY_ID, then BPF_OBJ_GET_INFO_BY_FD twice on it (its size,
 * then its bytes), then btf_parse().  *@data (malloc'd, the caller frees
 * it after btf_free(@btf)) holds the bytes @btf points into.  -errno with
 * @err naming the BTF id.
 */
int btf_fetch(uint32_t btf_id, void **data, struct btf *btf,
	      struct bb_err *err);

#endif
