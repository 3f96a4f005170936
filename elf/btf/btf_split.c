// SPDX-License-Identifier: GPL-2.0
/*
 * btf_split.c - find a name in a kernel module's BTF.
 *
 * /sys/kernel/btf/MODULE holds only what the module adds to vmlinux's
 * BTF ("split BTF", Linux 5.11+): its first type is id N, where N is the
 * number of vmlinux's types (void included), and a name offset below the
 * size of vmlinux's strings is one of vmlinux's strings; above, it is
 * (offset - that size) into the module's own.  A kfunc a module defines
 * is a FUNC there, and its id, so numbered, is what a program's call
 * holds (with the module's BTF fd beside it: loader/load/ksym_module.c).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "elf/btf/btf.h"

static const char *split_str(const struct bytes *strs, const struct btf *base,
			     uint32_t off)
{
	if (off < base->strs.len)
		return btf_str(base, off);
	return buf_str(strs, off - base->strs.len);
}

int btf_split_find(const struct bytes *data, const struct btf *base,
		   const char *name, uint32_t kind, struct bb_err *err)
{
	struct bytes types, strs;
	struct btf_header h;
	const struct btf_type *t;
	uint32_t off, len, id = base->nr_types;
	const char *s;

	if (buf_read(data, 0, &h, sizeof(h)) || h.magic != BTF_MAGIC ||
	    h.hdr_len < sizeof(h))
		return bb_errf(err, -EINVAL, "btf: not a BTF header");
	types.data = buf_slice(data, (uint64_t)h.hdr_len + h.type_off, h.type_len);
	types.len = h.type_len;
	strs.data = buf_slice(data, (uint64_t)h.hdr_len + h.str_off, h.str_len);
	strs.len = h.str_len;
	if (!types.data || !strs.data)
		return bb_errf(err, -EINVAL, "btf: sections past the end of the data");
	if ((uintptr_t)types.data % 4)
		return bb_errf(err, -EINVAL, "btf: type section not 4-byte aligned in memory");
	for (off = 0; off < types.len; off += len, id++) {
		t = btf_record(&types, off, &len);
		if (!t)
			return bb_errf(err, -EINVAL, "btf: type %u: record at 0x%x overruns or has an unknown kind",
				       id, off);
		if (btf_kind(t) != kind)
			continue;
		s = split_str(&strs, base, t->name_off);
		if (s && !strcmp(s, name))
			return id;
	}
	return -ENOENT;
}
