// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "loader/sys/file.h"
#include "loader/load/kernel_btf.h"
#include "loader/sys/sys.h"

/*
 * Since Linux 6.16 the kernel lets us mmap its BTF read-only: one call,
 * and no copy of several MiB.  Before, the mmap is refused, and we read
 * the file instead: sysfs hands it out one 4 KiB page per read(2), so
 * that is over a thousand reads.  0 when mapped, < 0 to fall back.
 */
static int map_file(struct kernel_btf *kb)
{
	uint64_t size = 0;
	void *p = NULL;
	int fd, ret;

	fd = sys_open(KERNEL_BTF_PATH, O_RDONLY, 0);
	if (fd < 0)
		return fd;
	ret = sys_fstat_size(fd, &size, NULL);
	if (!ret && (size == 0 || size > FILE_MAX_SIZE))
		ret = -EINVAL;
	if (!ret) {
		p = sys_mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		ret = sys_mmap_failed(p) ? (int)(long)p : 0;
	}
	sys_close(fd);
	if (ret)
		return ret;
	kb->data = p;
	kb->len = size;
	kb->mapped = true;
	return 0;
}

/*
 * No /sys/kernel/btf/vmlinux: either sysfs is not mounted (an initramfs
 * or a container that mounted only /proc), or the kernel was built
 * without CONFIG_DEBUG_INFO_BTF.  Tell which, from what /sys is.
 */
static int missing(struct bb_err *err)
{
	uint64_t magic = 0;

	if (sys_statfs_type("/sys", &magic) || magic != SYSFS_MAGIC)
		return bb_errf(err, -ENOENT,
			       "%s: missing: sysfs is not mounted at /sys (mount -t sysfs sysfs /sys)",
			       KERNEL_BTF_PATH);
	return bb_errf(err, -ENOENT,
		       "%s: missing: this kernel was built without CONFIG_DEBUG_INFO_BTF",
		       KERNEL_BTF_PATH);
}

/* @parse: btf_parse_kernel (every type) or btf_open (walked on demand). */
static int kernel_btf_read(struct kernel_btf *kb,
			   int (*parse)(struct btf *, const void *, size_t,
					struct bb_err *),
			   struct bb_err *err)
{
	int ret;

	memset(kb, 0, sizeof(*kb));
	ret = map_file(kb);
	if (ret)
		ret = file_read_all(KERNEL_BTF_PATH, &kb->data, &kb->len, err);
	if (ret == -ENOENT)
		return missing(err);
	if (ret)
		return ret;
	ret = parse(&kb->btf, kb->data, kb->len, err);
	if (ret) {
		bb_err_prefix(err, ret, "%s", KERNEL_BTF_PATH);
		kernel_btf_free(kb);
	}
	return ret;
}

int kernel_btf_load(struct kernel_btf *kb, struct bb_err *err)
{
	return kernel_btf_read(kb, btf_parse_kernel, err);
}

int kernel_btf_open(struct kernel_btf *kb, struct bb_err *err)
{
	return kernel_btf_read(kb, btf_open, err);
}

void kernel_btf_free(struct kernel_btf *kb)
{
	btf_free(&kb->btf);
	if (kb->mapped)
		sys_munmap(kb->data, kb->len);
	else
		free(kb->data);
	memset(kb, 0, sizeof(*kb));
}

int kernel_btf_offsetof(struct kernel_btf *kb, const char *type,
			const char *member, uint32_t *off, struct bb_err *err)
{
	int id = btf_find_reach(&kb->btf, type, BTF_KIND_STRUCT, err);
	int ret;

	if (id == -ENOENT)
		return bb_errf(err, -ENOENT, "kernel BTF: no struct %s", type);
	if (id < 0)
		return bb_err_prefix(err, id, "%s", KERNEL_BTF_PATH);
	ret = btf_member_offset_reach(&kb->btf, id, member, off, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret, "kernel BTF: struct %s has no member %s",
			       type, member);
	return ret;
}
