// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/sys/file.h"
#include "loader/load/obj_btf.h"
#include "loader/sys/sys.h"

#define BTF_LOG_SIZE (1u << 20)

/* Load again with a log, only to say why the kernel refused. */
static int refused(const uint8_t *btf, size_t len, int ret, const char *path,
		   struct bb_err *err)
{
	char *log = calloc(1, BTF_LOG_SIZE);
	int fd;

	if (log) {
		fd = sys_btf_load(btf, len, log, BTF_LOG_SIZE);
		if (fd >= 0)
			sys_close(fd);
	}
	bb_errf(err, ret,
		"%s: bpf(BPF_BTF_LOAD): the kernel rejected this object's BTF: %s%s%s",
		path, errno_text(-ret), errno_hint(ret),
		log && *log ? " (its log: bb_err_log())" : "");
	if (log && *log)
		bb_err_detail(err, log);
	else
		free(log);
	return ret;
}

int obj_btf_load(struct bb_object *obj, struct bb_err *err)
{
	uint8_t *btf;
	size_t len;
	uint32_t i;
	int fd, ret;

	if (!obj->spec.has_btf)
		return 0;
	ret = btf_fixed_copy(&obj->spec, &btf, &len, err);
	if (ret)
		return bb_err_prefix(err, ret, "%s", obj->path);
	fd = sys_btf_load(btf, len, NULL, 0);
	if (fd < 0)
		ret = refused(btf, len, fd, obj->path, err);
	free(btf);
	if (ret)
		return ret;
	obj->btf_fd = fd;
	for (i = 0; i < obj->spec.nr_maps; i++)
		obj->maps[i].btf_fd = fd;
	return 0;
}
