// SPDX-License-Identifier: GPL-2.0
/*
 * map_btf.c - a map's BTF, asked from the kernel: the map's info names
 * its BTF object (btf_id) and the key and value types in it; the BTF
 * object's own info hands out its bytes, which elf/btf/ parses as it
 * parses an object file's .BTF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/barebpf/map_cmd.h"
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

int map_btf_fetch(struct map_target *t, uint32_t btf_id, struct bb_err *err)
{
	uint32_t size = 0;
	int fd = sys_btf_get_fd_by_id(btf_id), ret;

	if (fd < 0)
		return bb_errf(err, fd, "BTF id %u: BPF_BTF_GET_FD_BY_ID: %s",
			       btf_id, errno_text(-fd));
	ret = btf_bytes(fd, &t->btf_data, &size);
	sys_close(fd);
	if (ret)
		return bb_errf(err, ret, "BTF id %u: BPF_OBJ_GET_INFO_BY_FD: %s",
			       btf_id, errno_text(-ret));
	ret = btf_parse(&t->btf, t->btf_data, size, err);
	if (ret)
		return bb_err_prefix(err, ret, "BTF id %u", btf_id);
	t->has_btf = true;
	return 0;
}
