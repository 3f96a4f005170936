// SPDX-License-Identifier: GPL-2.0
/*
 * pin_checks - with a fake kernel (no root): the bpffs check happens
 * before any bpf() call and looks at the right directory, BPF_OBJ_PIN and
 * BPF_OBJ_GET get what they should, and a reused map's shape is compared
 * field by field.
 */
#include <errno.h>
#include <linux/magic.h>
#include <stdarg.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

#include "loader/pin/map_pin.h"
#include "loader/pin/pin.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static struct {
	long magic;			/* what statfs reports */
	char statfs_path[256];
	int nr_bpf, last_cmd;
	union bpf_attr attr;		/* of the last bpf() call */
	char pathname[256];
	struct bpf_map_info info;	/* what BPF_OBJ_GET_INFO_BY_FD reports */
} k;

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	union bpf_attr *attr = (union bpf_attr *)a2;

	(void)a4, (void)a5, (void)a6;
	if (nr == __NR_statfs) {
		struct statfs *st = (struct statfs *)a2;

		snprintf(k.statfs_path, sizeof(k.statfs_path), "%s",
			 (const char *)a1);
		memset(st, 0, sizeof(*st));
		st->f_type = k.magic;
		return 0;
	}
	if (nr != __NR_bpf)
		return -ENOSYS;
	k.nr_bpf++;
	k.last_cmd = a1;
	if ((size_t)a3 != sizeof(*attr))
		return -E2BIG;
	k.attr = *attr;
	if (a1 == BPF_OBJ_PIN || a1 == BPF_OBJ_GET)
		snprintf(k.pathname, sizeof(k.pathname), "%s",
			 (const char *)(unsigned long)attr->pathname);
	if (a1 == BPF_OBJ_GET)
		return 9;
	if (a1 == BPF_OBJ_GET_INFO_BY_FD)
		memcpy((void *)(unsigned long)attr->info.info, &k.info,
		       sizeof(k.info));
	return 0;
}

static void bpffs_check(void)
{
	struct bb_err err = { 0 };

	k.magic = TMPFS_MAGIC;
	is_int(bb_pin_fd(5, "/tmp/x", &err), -EINVAL, "pin outside bpffs refused");
	is_int(k.nr_bpf, 0, "before any bpf() call");
	like(err.msg, "is not in a bpffs", "saying why");
	like(err.msg, "mount -t bpf bpf /sys/fs/bpf", "and how to mount one");
	is_str(k.statfs_path, "/tmp", "statfs looked at the parent directory");
	bb_pinned_open("/sys/fs/bpf/a/b", &err);
	is_str(k.statfs_path, "/sys/fs/bpf/a", "deeper: the parent again");
	bb_pinned_open("/top", &err);
	is_str(k.statfs_path, "/", "a file in / : statfs(\"/\")");
	bb_pinned_open("rel", &err);
	is_str(k.statfs_path, ".", "a relative name: statfs(\".\")");
	is_int(k.nr_bpf, 0, "still no bpf() call");
}

static void pin_and_get(void)
{
	struct bb_err err = { 0 };

	k.magic = BPF_FS_MAGIC;
	is_int(bb_pin_fd(5, "/sys/fs/bpf/m", &err), 0, "pin inside bpffs");
	is_int(k.last_cmd, BPF_OBJ_PIN, "with BPF_OBJ_PIN");
	is_int(k.attr.bpf_fd, 5, "of our fd");
	is_str(k.pathname, "/sys/fs/bpf/m", "at our path");
	is_int(bb_pinned_open("/sys/fs/bpf/m", &err), 9, "BPF_OBJ_GET returns the fd");
	is_int(k.attr.bpf_fd, 0, "with no fd in the request");
}

static void compat(void)
{
	struct map_spec s = { .name = "m", .type = BPF_MAP_TYPE_HASH,
			      .key_size = 4, .value_size = 8,
			      .max_entries = 16, .map_flags = 1 };
	struct bb_err err = { 0 };

	k.info = (struct bpf_map_info){ .type = BPF_MAP_TYPE_HASH,
					.id = 77, .key_size = 4,
					.value_size = 8, .max_entries = 16,
					.map_flags = 1 };
	is_int(map_check_compat(&s, 3, "fd 3", &err), 0, "same shape: reusable");
	k.info.max_entries = 32;
	is_int(map_check_compat(&s, 3, "fd 3", &err), -EINVAL,
	       "other max_entries: refused");
	like(err.msg, "its max_entries is 32, the object declares 16",
	     "naming the field and both values");
	like(err.msg, "map id 77", "and the map");
	k.info.max_entries = 16;
	k.info.map_flags = 0;
	map_check_compat(&s, 3, "fd 3", &err);
	like(err.msg, "its map_flags is 0, the object declares 1", "flags too");
	k.info.map_flags = 1;
	k.info.type = BPF_MAP_TYPE_ARRAY;
	map_check_compat(&s, 3, "fd 3", &err);
	like(err.msg, "its type is 2, the object declares 1", "and the type");
}

int main(void)
{
	sys_call = fake;
	bpffs_check();
	pin_and_get();
	compat();
	return done_testing();
}
