// SPDX-License-Identifier: GPL-2.0
/*
 * use.c - a program of someone else's, built against the installed
 * library the way its README says (pkg-config --cflags --libs barebpf),
 * by tests/kernel/install.sh, static and shared.  It sees nothing but
 * <barebpf.h>.
 *
 *	use OBJ		open and load OBJ (kernel/test/lib_user.bpf.c), then
 *			write its map "counts" and walk it back from the
 *			kernel.  Prints "version V", then "ok" lines.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <barebpf.h>

static int fail(const char *what, int ret, const struct bb_err *err)
{
	printf("failed: %s: %s (%d)\n", what, err ? err->msg : "", ret);
	return 1;
}

/* Key 7 => 42 goes in once (BB_NOEXIST), and is the map's only key. */
static int use_map(struct bb_map *m)
{
	uint32_t key = 7, next = 0;
	uint64_t value = 42;
	int ret;

	ret = bb_map_update(m, &key, &value, BB_NOEXIST);
	if (ret)
		return fail("update", ret, NULL);
	ret = bb_map_update(m, &key, &value, BB_NOEXIST);
	if (ret != -EEXIST)
		return fail("second update is -EEXIST", ret, NULL);
	ret = bb_map_get_next_key(m, NULL, &next);
	if (ret || next != 7)
		return fail("first key is 7", ret, NULL);
	ret = bb_map_get_next_key(m, &next, &next);
	if (ret != -ENOENT)
		return fail("no key after 7", ret, NULL);
	printf("ok counts: key 7 written, read back\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct bb_err err = { { 0 }, NULL };
	struct bb_object *obj = NULL;
	struct bb_map *m;
	int ret;

	printf("version %s\n", bb_version());
	if (argc != 2)
		return 2;
	ret = bb_object_open(&obj, argv[1], &err);
	if (ret)
		return fail("open", ret, &err);
	printf("ok opened %s\n", argv[1]);
	ret = bb_object_load(obj, &err);
	if (ret) {
		ret = fail("load", ret, &err);
		goto out;
	}
	m = bb_object_find_map(obj, "counts");
	ret = m ? use_map(m) : fail("find_map counts", 0, NULL);
out:
	bb_object_close(obj);
	return ret;
}
