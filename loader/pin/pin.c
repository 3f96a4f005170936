// SPDX-License-Identifier: GPL-2.0
/*
 * pin.c - pins in bpffs: check the filesystem, pin, open, remove.
 */
#include <errno.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/sys/file.h"
#include "loader/pin/pin.h"
#include "loader/sys/sys.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif

#define MOUNT_HINT "mount one with 'mount -t bpf bpf " PIN_DIR_DEFAULT "'"

/* The directory part of @path ("." when there is none). */
static void parent_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash) {
		fmt_snprintf(out, len, ".");
		return;
	}
	n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= len)
		n = len - 1;
	memcpy(out, path, n);
	out[n] = '\0';
}

int pin_check_bpffs(const char *path, struct bb_err *err)
{
	char dir[PATH_MAX];
	uint64_t magic = 0;
	int ret;

	parent_of(path, dir, sizeof(dir));
	ret = sys_statfs_type(dir, &magic);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "pin '%s': directory '%s' does not exist (it must be inside a bpffs; if none is mounted, %s)",
			       path, dir, MOUNT_HINT);
	if (ret)
		return bb_errf(err, ret, "pin '%s': statfs('%s'): %s", path,
			       dir, errno_text(-ret));
	if (magic != BPF_FS_MAGIC)
		return bb_errf(err, -EINVAL,
			       "pin '%s': '%s' is not in a bpffs (filesystem magic %#llx, a bpffs has %#x): pins live only in a bpf filesystem; %s",
			       path, dir, (unsigned long long)magic,
			       BPF_FS_MAGIC, MOUNT_HINT);
	return 0;
}

int bb_pin_fd(int fd, const char *path, struct bb_err *err)
{
	int ret = pin_check_bpffs(path, err);

	if (ret)
		return ret;
	ret = sys_obj_pin(fd, path);
	if (ret == -EEXIST)
		return bb_errf(err, ret,
			       "bpf(BPF_OBJ_PIN) '%s': something is already pinned there",
			       path);
	if (ret)
		return bb_errf(err, ret, "bpf(BPF_OBJ_PIN) '%s': %s%s", path,
			       errno_text(-ret), errno_hint(ret));
	return 0;
}

int bb_pinned_open(const char *path, struct bb_err *err)
{
	int ret = pin_check_bpffs(path, err);

	if (ret)
		return ret;
	ret = sys_obj_get(path);
	if (ret == -ENOENT)
		return bb_errf(err, ret, "bpf(BPF_OBJ_GET) '%s': nothing is pinned there",
			       path);
	if (ret < 0)
		return bb_errf(err, ret, "bpf(BPF_OBJ_GET) '%s': %s%s", path,
			       errno_text(-ret), errno_hint(ret));
	return ret;
}

int bb_unpin(const char *path, struct bb_err *err)
{
	int ret = pin_check_bpffs(path, err);

	if (ret)
		return ret;
	ret = sys_unlink(path);
	if (ret)
		return bb_errf(err, ret, "unlink '%s': %s", path,
			       errno_text(-ret));
	return 0;
}

int pin_mkdir(const char *dir, struct bb_err *err)
{
	int ret = pin_check_bpffs(dir, err);

	if (ret)
		return ret;
	ret = sys_mkdir(dir, 0700);
	if (ret && ret != -EEXIST)
		return bb_errf(err, ret, "mkdir '%s': %s", dir,
			       errno_text(-ret));
	return 0;
}

int pin_rmdir(const char *dir, struct bb_err *err)
{
	int ret = pin_check_bpffs(dir, err);

	if (ret)
		return ret;
	ret = sys_rmdir(dir);
	if (ret)
		return bb_errf(err, ret, "rmdir '%s': %s", dir,
			       errno_text(-ret));
	return 0;
}

int pin_path(char *out, size_t len, const char *dir, const char *name,
	     struct bb_err *err)
{
	size_t nlen = strlen(name);
	int n;

	/*
	 * @name comes from the object (a map's name in its BTF): it must be
	 * one plain file name, so that a pin stays in @dir, the directory
	 * pin_check_bpffs() checked, and never climbs out of it.
	 */
	if (nlen == 0 || nlen > NAME_MAX || strchr(name, '/') ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		return bb_errf(err, -EINVAL,
			       "pin name '%.300s' is not a plain file name (1 to %d bytes, no '/', not '.' or '..')",
			       name, NAME_MAX);
	n = fmt_snprintf(out, len, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= len)
		return bb_errf(err, -ENAMETOOLONG, "pin path '%s/%s' is too long",
			       dir, name);
	return 0;
}
