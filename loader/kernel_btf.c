// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "kernel_btf.h"

int kernel_btf_load(struct kernel_btf *kb, struct bb_err *err)
{
	int ret;

	memset(kb, 0, sizeof(*kb));
	ret = file_read_all(KERNEL_BTF_PATH, &kb->data, &kb->len, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "%s: missing: this kernel was built without CONFIG_DEBUG_INFO_BTF",
			       KERNEL_BTF_PATH);
	if (ret)
		return ret;
	ret = btf_parse(&kb->btf, kb->data, kb->len, err);
	if (ret) {
		bb_err_prefix(err, ret, "%s", KERNEL_BTF_PATH);
		kernel_btf_free(kb);
	}
	return ret;
}

void kernel_btf_free(struct kernel_btf *kb)
{
	btf_free(&kb->btf);
	free(kb->data);
	memset(kb, 0, sizeof(*kb));
}

int kernel_btf_offsetof(const struct kernel_btf *kb, const char *type,
			const char *member, uint32_t *off, struct bb_err *err)
{
	int id = btf_find(&kb->btf, type, BTF_KIND_STRUCT);
	int ret;

	if (id < 0)
		return bb_errf(err, -ENOENT, "kernel BTF: no struct %s", type);
	ret = btf_member_offset(&kb->btf, id, member, off, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret, "kernel BTF: struct %s has no member %s",
			       type, member);
	return ret;
}
