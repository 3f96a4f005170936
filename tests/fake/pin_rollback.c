// SPDX-License-Identifier: GPL-2.0
/*
 * pin_rollback - `barebpf load --pin DIR`'s pins, all or nothing, with a
 * fake bpffs (no root): obj_pin_loaded() pins maps then programs under
 * checked, sanitised names (".bss" -> "_bss"); when the 3rd BPF_OBJ_PIN
 * fails, the two pins made before it are unlinked and nothing else is;
 * a pin already there (EEXIST) is never removed; a map named ".." is
 * refused before any pin.
 */
#include <errno.h>
#include <linux/magic.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

#include "loader/pin/pin_loaded.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define MAX_PINS 16

static struct {
	char pins[MAX_PINS][128];	/* what the fake bpffs holds */
	int nr_pin_calls, fail_pin_nth, fail_errno;
	char unlinked[MAX_PINS][128];
	int nr_unlinked;
} k;

static int find_pin(const char *path)
{
	int i;

	for (i = 0; i < MAX_PINS; i++)
		if (!strcmp(k.pins[i], path))
			return i;
	return -1;
}

static long pin(const char *path)
{
	int i = find_pin(""), n = ++k.nr_pin_calls;

	if (n == k.fail_pin_nth)
		return -k.fail_errno;
	if (find_pin(path) >= 0)
		return -EEXIST;
	if (strchr(strrchr(path, '/'), '.'))
		return -EPERM;	/* bpffs: no dots in names */
	snprintf(k.pins[i], sizeof(k.pins[i]), "%s", path);
	return 0;
}

static long unlink_pin(const char *path)
{
	int i = find_pin(path);

	if (k.nr_unlinked < MAX_PINS)
		snprintf(k.unlinked[k.nr_unlinked++], 128, "%s", path);
	if (i < 0)
		return -ENOENT;
	k.pins[i][0] = '\0';
	return 0;
}

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	union bpf_attr *attr = (union bpf_attr *)a2;

	(void)a3, (void)a4, (void)a5, (void)a6;
	if (nr == __NR_statfs) {
		memset((void *)a2, 0, sizeof(struct statfs));
		((struct statfs *)a2)->f_type = BPF_FS_MAGIC;
		return 0;
	}
	if (nr == __NR_unlinkat)
		return unlink_pin((const char *)a2);
	if (nr == __NR_bpf && a1 == BPF_OBJ_PIN)
		return pin((const char *)(unsigned long)attr->pathname);
	return -ENOSYS;
}

static int nr_pins(void)
{
	int i, n = 0;

	for (i = 0; i < MAX_PINS; i++)
		n += k.pins[i][0] != '\0';
	return n;
}

/* Three maps (two of global data) and two programs, all loaded. */
static struct map_spec mspec[3] = {
	{ .name = "counts" }, { .name = ".bss" }, { .name = ".rodata.str1.1" },
};
static struct prog_spec pspec[2] = { { .name = "on_exec" }, { .name = "on_exit" } };
static struct bb_map maps[3] = {
	{ .spec = &mspec[0], .fd = 10 }, { .spec = &mspec[1], .fd = 11 },
	{ .spec = &mspec[2], .fd = 12 },
};
static struct bb_prog progs[2] = {
	{ .spec = &pspec[0], .fd = 20 }, { .spec = &pspec[1], .fd = 21 },
};

static void reset(void)
{
	memset(&k, 0, sizeof(k));
}

static void all_pinned(struct bb_object *obj)
{
	struct bb_err err = { 0 };

	reset();
	is_int(obj_pin_loaded(obj, "/sys/fs/bpf/d", &err), 0, "all five pinned");
	is_int(nr_pins(), 5, "five pins");
	ok(find_pin("/sys/fs/bpf/d/_bss") >= 0, ".bss pinned as _bss");
	ok(find_pin("/sys/fs/bpf/d/_rodata_str1_1") >= 0,
	   ".rodata.str1.1 pinned as _rodata_str1_1");
	ok(find_pin("/sys/fs/bpf/d/on_exit") >= 0, "programs too");
	is_int(k.nr_unlinked, 0, "nothing unlinked");
}

static void third_fails(struct bb_object *obj)
{
	struct bb_err err = { 0 };

	reset();
	k.fail_pin_nth = 3;
	k.fail_errno = ENOSPC;
	is_int(obj_pin_loaded(obj, "/sys/fs/bpf/d", &err), -ENOSPC,
	       "the 3rd pin fails: the run fails");
	like(err.msg, "_rodata_str1_1", "naming the pin that failed");
	is_int(nr_pins(), 0, "nothing is left pinned");
	is_int(k.nr_unlinked, 2, "exactly the two pins made were unlinked");
	is_str(k.unlinked[0], "/sys/fs/bpf/d/counts", "  the first");
	is_str(k.unlinked[1], "/sys/fs/bpf/d/_bss", "  the second");
}

static void someone_elses(struct bb_object *obj)
{
	struct bb_err err = { 0 };

	reset();
	snprintf(k.pins[7], sizeof(k.pins[7]), "/sys/fs/bpf/d/on_exec");
	is_int(obj_pin_loaded(obj, "/sys/fs/bpf/d", &err), -EEXIST,
	       "a pin already there: the run fails");
	is_int(nr_pins(), 1, "only the pin that was there is left");
	ok(find_pin("/sys/fs/bpf/d/on_exec") == 7, "  untouched");
	is_int(k.nr_unlinked, 3, "the three maps pinned before were unlinked");
}

static void bad_name(struct bb_object *obj)
{
	struct bb_err err = { 0 };

	reset();
	mspec[2].name = "..";
	is_int(obj_pin_loaded(obj, "/sys/fs/bpf/d", &err), -EINVAL,
	       "a map named '..' is refused");
	like(err.msg, "not a plain name", "  saying why");
	is_int(nr_pins(), 0, "and the two pins before it are gone");
	mspec[2].name = "a\033[2Jb";
	reset();
	is_int(obj_pin_loaded(obj, "/sys/fs/bpf/d", &err), -EINVAL,
	       "a name with an escape sequence is refused");
	like(err.msg, "byte 1 (0x1b)", "  naming the byte, not printing it");
	mspec[2].name = ".rodata.str1.1";
}

int main(void)
{
	struct bb_object obj = { .path = "t.o", .maps = maps, .progs = progs };

	obj.spec.nr_maps = 3;
	obj.spec.nr_progs = 2;
	sys_call = fake;
	all_pinned(&obj);
	third_fails(&obj);
	someone_elses(&obj);
	bad_name(&obj);
	return done_testing();
}
