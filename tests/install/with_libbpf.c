// SPDX-License-Identifier: GPL-2.0
/*
 * with_libbpf.c - one program that uses libbpf (Debian's libbpf-dev, a
 * test-only oracle: barebpf itself never links it) and the installed
 * barebpf side by side, built by tests/kernel/install.sh with our .a and
 * our .so.  Each loads its own copy of OBJ and writes its own map.
 *
 * It also defines functions named like the library's internal ones
 * (map_create(), buf_slice(), sort_r()): a static link against an
 * archive that exported those names would fail ("multiple definition").
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <barebpf.h>

int map_create(void)
{
	return 0;
}

int buf_slice(void)
{
	return 0;
}

int sort_r(void)
{
	return 0;
}

static int with_libbpf(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	uint32_t key = 1;
	uint64_t value = 11, back = 0;
	int ret;

	if (!obj)
		return -errno;
	ret = bpf_object__load(obj);
	if (!ret)
		ret = bpf_map_update_elem(bpf_object__find_map_fd_by_name(obj, "counts"),
					  &key, &value, BPF_ANY);
	if (!ret)
		ret = bpf_map_lookup_elem(bpf_object__find_map_fd_by_name(obj, "counts"),
					  &key, &back);
	if (!ret && back != value)
		ret = -EIO;
	bpf_object__close(obj);
	return ret;
}

static int with_barebpf(const char *path)
{
	struct bb_err err = { { 0 }, NULL };
	struct bb_object *obj = NULL;
	uint32_t key = 2, next = 0;
	uint64_t value = 22;
	int ret;

	ret = bb_object_open(&obj, path, &err);
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (!ret)
		ret = bb_map_update(bb_object_find_map(obj, "counts"), &key,
				    &value, BB_ANY);
	if (!ret)
		ret = bb_map_get_next_key(bb_object_find_map(obj, "counts"),
					  NULL, &next);
	if (!ret && next != key)
		ret = -EIO;
	if (ret)
		printf("# barebpf: %s\n", err.msg);
	bb_object_close(obj);
	return ret;
}

int main(int argc, char **argv)
{
	int a, b;

	if (argc != 2)
		return 2;
	printf("libbpf %s, barebpf %s\n", libbpf_version_string(), bb_version());
	a = with_libbpf(argv[1]);
	b = with_barebpf(argv[1]);
	printf("results: libbpf %d, barebpf %d\n", a, b);
	return a || b || map_create() || buf_slice() || sort_r();
}
