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

/*
 * A pin's name comes from the object (a map's or a program's name): it
 * must be one name made of what the kernel takes in an object name
 * (letters, digits, '_' and '.': bpf_obj_name_cpy(), kernel/bpf/syscall.c),
 * so that it stays in @dir, the directory pin_check_bpffs() checked: no
 * '/', no control bytes, not "." or "..".  Its full length counts (up to
 * NAME_MAX), not the 15 bytes the kernel keeps as the object's name: like
 * libbpf, we pin under the object file's name.
 */
static int pin_name_check(const char *name, struct bb_err *err)
{
	size_t i, nlen = strlen(name);
	unsigned char c;

	if (nlen == 0 || nlen > NAME_MAX || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return bb_errf(err, -EINVAL,
			       "pin name '%.16s' (%zu bytes) is not a plain name (1 to %d bytes, not '.' or '..')",
			       name, nlen, NAME_MAX);
	for (i = 0; i < nlen; i++) {
		c = name[i];
		/* The byte is named, never printed: it may be a control. */
		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '_' && c != '.')
			return bb_errf(err, -EINVAL,
				       "pin name of %zu bytes is not a plain name: byte %zu (0x%02x) is not a letter, digit, '_' or '.' (the kernel's object name rule)",
				       nlen, i, c);
	}
	return 0;
}

int pin_path(char *out, size_t len, const char *dir, const char *name,
	     struct bb_err *err)
{
	size_t dlen = strlen(dir), i;
	int n, ret = pin_name_check(name, err);

	if (ret)
		return ret;
	n = fmt_snprintf(out, len, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= len)
		return bb_errf(err, -ENAMETOOLONG, "pin path '%s/%s' is too long",
			       dir, name);
	/*
	 * bpffs refuses a name with a '.' in it (EPERM from bpf_lookup(),
	 * kernel/bpf/inode.c: dots are kept for files the kernel makes), so
	 * global data (.bss, .rodata.str1.1) could never be pinned as is.
	 * Like libbpf, every '.' of the name becomes '_': ".bss" is pinned as
	 * "_bss", ".rodata.str1.1" as "_rodata_str1_1".
	 */
	for (i = dlen + 1; out[i]; i++)
		if (out[i] == '.')
			out[i] = '_';
	return 0;
}
