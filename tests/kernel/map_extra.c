// SPDX-License-Identifier: GPL-2.0
/*
 * map_extra.c - a bloom filter declared with __uint(map_extra, 3) (issue
 * 16) is created with 3 hash functions: the kernel reports map_extra 3
 * (5 when none is given), and the filter works: a value pushed from user
 * space is then "maybe in" for the program, which sees nothing before.
 */
#include <errno.h>

#include "tests/kernel/attach.h"

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	struct bpf_map_info info;
	uint32_t len = sizeof(info), seven = 7;
	int ret, fd;

	attach_obj_path("map_extra", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "map_extra.bpf.o loads"))
		diag("%s", err.msg);
	if (ret)
		goto out;
	fd = bb_object_find_map(o, "seen")->fd;
	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	ok(ret == 0 && info.type == BPF_MAP_TYPE_BLOOM_FILTER,
	   "the kernel made a bloom filter");
	is_int(info.map_extra, 3, "with map_extra 3: three hash functions");
	is_int(attach_run(o, "check"), 0, "7 is not in the empty filter");
	is_int(sys_map_update_elem(fd, NULL, &seven, BPF_ANY), 0,
	       "7 pushed from user space (BPF_MAP_UPDATE_ELEM, no key)");
	is_int(attach_run(o, "check"), 1, "now the program finds 7 maybe in");
out:
	bb_object_close(o);
	return done_testing();
}
