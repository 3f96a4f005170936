// SPDX-License-Identifier: GPL-2.0
/*
 * map_open.c - maps someone else made, opened through the public API
 * (loader/barebpf.h): bb_map_next_id() walks to our map's id among all
 * the machine's, bb_map_open_id() and bb_map_open_pinned() give a bb_map
 * with the kernel's shape of it, and an update through one is seen
 * through the other (the same kernel map).  Our map is told from the
 * others by its id, never by its name.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "loader/barebpf.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static uint32_t id_of(const struct bb_map *m)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return sys_obj_get_info_by_fd(bb_map_fd(m), &info, &len) ? 0 : info.id;
}

static int seen_by_next_id(uint32_t want)
{
	uint32_t id = 0;

	while (!bb_map_next_id(id, &id))
		if (id == want)
			return 1;
	return 0;
}

/* @m opened from @mine: the same shape, the same entries. */
static void same_map(struct bb_map *mine, struct bb_map *m, const char *how)
{
	uint32_t key = 7;
	uint64_t v = 0, w = 0x1234;

	is_str(bb_map_name(m), "bb_map_open", "%s: the kernel's name", how);
	ok(bb_map_type(m) == BPF_MAP_TYPE_HASH && bb_map_key_size(m) == 4 &&
	   bb_map_value_size(m) == 8 && bb_map_max_entries(m) == 16,
	   "%s: type, key and value sizes, max_entries", how);
	is_int(bb_map_update(m, &key, &w, BB_ANY), 0, "%s: update through it",
	       how);
	is_int(bb_map_lookup(mine, &key, &v, 0), 0, "seen through ours");
	ok(v == 0x1234, "with the value written (%#llx)", (unsigned long long)v);
	bb_map_delete(mine, &key);
}

int main(void)
{
	char path[64];
	struct bb_err err = { 0 };
	struct bb_map *mine = NULL, *m = NULL;
	uint32_t id;
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	ret = bb_map_create(&mine, BPF_MAP_TYPE_HASH, "bb_map_open", 4, 8, 16,
			    0, &err);
	if (!ok(ret == 0, "bb_map_create: %s", ret ? err.msg : "ok"))
		return done_testing();
	id = id_of(mine);
	ok(id && seen_by_next_id(id), "bb_map_next_id() walks to our id (%u)", id);

	ret = bb_map_open_id(&m, id, &err);
	if (ok(ret == 0, "bb_map_open_id(%u): %s", id, ret ? err.msg : "ok")) {
		ok(bb_map_fd(m) >= 0 && bb_map_fd(m) != bb_map_fd(mine),
		   "its own fd");
		same_map(mine, m, "by id");
		bb_map_close(m);
	}

	snprintf(path, sizeof(path), "/sys/fs/bpf/bb_map_open_%d", (int)getpid());
	ret = bb_map_pin(mine, path, &err);
	if (ok(ret == 0, "pin at %s: %s", path, ret ? err.msg : "ok")) {
		ret = bb_map_open_pinned(&m, path, &err);
		if (ok(ret == 0, "bb_map_open_pinned: %s", ret ? err.msg : "ok")) {
			is_int(id_of(m), id, "the pin is our map");
			same_map(mine, m, "pinned");
			bb_map_close(m);
		}
		bb_unpin(path, NULL);
	}
	is_int(bb_map_open_pinned(&m, path, &err), -ENOENT,
	       "bb_map_open_pinned of nothing: -ENOENT");
	is_int(bb_map_open_id(&m, UINT32_MAX, &err), -ENOENT,
	       "bb_map_open_id of an id nobody has: -ENOENT");
	like(err.msg, "BPF_MAP_GET_FD_BY_ID", "the message names the call");
	bb_map_close(mine);
	return done_testing();
}
