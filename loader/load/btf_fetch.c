// SPDX-License-Identifier: GPL-2.0
/*
 * btf_fetch.c - a kernel BTF object's bytes (btf_fetch.h): the BTF
 * object's own info hands them out, and elf/btf/ parses them as it
 * parses an object file's .BTF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/load/btf_fetch.h"
#include "loader/sys/sys.h"

/* BTF's info: first its size (btf NULL), then the bytes. */
static int btf_bytes(int fd, void **data, uint32_t *size)
{
	struct bpf_btf_info info;
	uint32_t len = sizeof(info);
	int ret;

	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	if (ret)
		return ret;
	*size = info.btf_size;
	*data = malloc(*size ? *size : 1);
	if (!*data)
		return -ENOMEM;
	memset(&info, 0, sizeof(info));
	info.btf = (uint64_t)(unsigned long)*data;
	info.btf_size = *size;
	len = sizeof(info);
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	/* It cannot grow: BTF objects are immutable once loaded. */
	if (!ret && info.btf_size != *size)
		ret = -EIO;
	return ret;
}

int btf_fetch(uint32_t btf_id, void **data, struct btf *btf,
	      struct bb_err *err)
{
	uint32_t size = 0;
	int fd = sys_btf_get_fd_by_id(btf_id), ret;

	*data = NULL;
	if (fd < 0)
		return bb_errf(err, fd, "BTF id %u: BPF_BTF_GET_FD_BY_ID: %s",
			       btf_id, errno_text(-fd));
	ret = btf_bytes(fd, data, &size);
	sys_close(fd);
	if (ret)
		ret = bb_errf(err, ret, "BTF id %u: BPF_OBJ_GET_INFO_BY_FD: %s",
			      btf_id, errno_text(-ret));
	else
		ret = btf_parse(btf, *data, size, err);
	if (!ret)
		return 0;
	free(*data);
	*data = NULL;
	return bb_err_prefix(err, ret, "BTF id %u", btf_id);
}
