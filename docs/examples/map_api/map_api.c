// SPDX-License-Identifier: GPL-2.0
/*
 * map_api.c - the user-space map API of the tutorials' "Lesson 5", on
 * barebpf: create a hash map from user space and make every call on it,
 * with every update flag, printing what the kernel answers.  No BPF
 * program: these are the calls a program's user side makes on its maps.
 * map_api_libbpf.c is the same program on libbpf; both print the same.
 *
 * Each bb_map_*() call is one bpf(2) system call (strace -e bpf shows it):
 *	bb_map_create		BPF_MAP_CREATE
 *	bb_map_update		BPF_MAP_UPDATE_ELEM
 *	bb_map_lookup		BPF_MAP_LOOKUP_ELEM
 *	bb_map_lookup_and_delete BPF_MAP_LOOKUP_AND_DELETE_ELEM
 *	bb_map_delete		BPF_MAP_DELETE_ELEM
 *	bb_map_get_next_key	BPF_MAP_GET_NEXT_KEY
 * Each returns 0 or -errno.  Run it as root.
 */
#include <linux/bpf.h>	/* BPF_MAP_TYPE_HASH */

#include <barebpf.h>

#include "map_api.h"

/* Every key, by BPF_MAP_GET_NEXT_KEY from "no key" until -ENOENT. */
static void walk(struct bb_map *map)
{
	uint32_t keys[MAX_KEYS], key;
	int n = 0, ret;

	ret = bb_map_get_next_key(map, NULL, &key);
	show("get_next_key(NULL): the first key", ret);
	while (!ret && n < MAX_KEYS) {
		keys[n++] = key;
		ret = bb_map_get_next_key(map, &key, &key);
	}
	if (n)
		show_keys(keys, n);
}

int main(void)
{
	struct bb_err err = { 0 };
	struct bb_map *map;
	uint32_t key;
	uint64_t value;
	int ret;

	/* A hash of u32 -> u64, no BTF: bpf_map_create()'s equivalent. */
	ret = bb_map_create(&map, BPF_MAP_TYPE_HASH, MAP_NAME, sizeof(key),
			    sizeof(value), MAX_KEYS, 0, &err);
	if (show("create hash u32 -> u64, 8 entries", ret)) {
		fprintf(stderr, "map_api: %s\n", err.msg);
		return 1;
	}

	key = 1, value = 100;
	show("update key 1 = 100, ANY", bb_map_update(map, &key, &value, BB_ANY));
	value = 101;
	show("update key 1 = 101, NOEXIST", bb_map_update(map, &key, &value, BB_NOEXIST));
	value = 102;
	show("update key 1 = 102, EXIST", bb_map_update(map, &key, &value, BB_EXIST));
	key = 2, value = 200;
	show("update key 2 = 200, EXIST", bb_map_update(map, &key, &value, BB_EXIST));
	show("update key 2 = 200, NOEXIST", bb_map_update(map, &key, &value, BB_NOEXIST));
	key = 3, value = 300;
	show("update key 3 = 300, ANY", bb_map_update(map, &key, &value, BB_ANY));
	/*
	 * BB_F_LOCK takes the bpf_spin_lock inside the value; the kernel
	 * finds it through the map's BTF.  This map has no BTF, so no lock:
	 * -EINVAL (docs/map-api.md shows it on an object's map that has one).
	 */
	key = 1, value = 103;
	show("update key 1 = 103, ANY | F_LOCK", bb_map_update(map, &key, &value, BB_ANY | BB_F_LOCK));

	key = 1;
	ret = bb_map_lookup(map, &key, &value, 0);
	show_value("lookup key 1", ret, value);
	key = 4;
	ret = bb_map_lookup(map, &key, &value, 0);
	show_value("lookup key 4", ret, value);
	key = 1;
	ret = bb_map_lookup(map, &key, &value, BB_F_LOCK);
	show_value("lookup key 1, F_LOCK", ret, value);

	walk(map);

	key = 2;
	ret = bb_map_lookup_and_delete(map, &key, &value);
	show_value("lookup_and_delete key 2", ret, value);
	ret = bb_map_lookup(map, &key, &value, 0);
	show_value("lookup key 2", ret, value);
	key = 1;
	show("delete key 1", bb_map_delete(map, &key));
	show("delete key 1", bb_map_delete(map, &key));
	key = 3;
	show("delete key 3", bb_map_delete(map, &key));
	walk(map);

	bb_map_close(map);	/* close(2): the map goes with its last fd */
	return 0;
}
