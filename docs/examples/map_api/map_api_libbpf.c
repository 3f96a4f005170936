// SPDX-License-Identifier: GPL-2.0
/*
 * map_api_libbpf.c - map_api.c on libbpf, line for line, for comparison
 * (and as the test's oracle: both must print the same).  Built only where
 * libbpf-dev is installed.  libbpf's low-level calls take the map's fd;
 * since libbpf 1.0 they return 0 or -errno, as barebpf's do.
 */
#include <bpf/bpf.h>
#include <unistd.h>

#include "map_api.h"

static void walk(int fd)
{
	uint32_t keys[MAX_KEYS], key;
	int n = 0, ret;

	ret = bpf_map_get_next_key(fd, NULL, &key);
	show("get_next_key(NULL): the first key", ret);
	while (!ret && n < MAX_KEYS) {
		keys[n++] = key;
		ret = bpf_map_get_next_key(fd, &key, &key);
	}
	if (n)
		show_keys(keys, n);
}

int main(void)
{
	uint32_t key;
	uint64_t value;
	int fd, ret;

	fd = bpf_map_create(BPF_MAP_TYPE_HASH, MAP_NAME, sizeof(key),
			    sizeof(value), MAX_KEYS, NULL);
	if (show("create hash u32 -> u64, 8 entries", fd < 0 ? fd : 0))
		return 1;

	key = 1, value = 100;
	show("update key 1 = 100, ANY", bpf_map_update_elem(fd, &key, &value, BPF_ANY));
	value = 101;
	show("update key 1 = 101, NOEXIST", bpf_map_update_elem(fd, &key, &value, BPF_NOEXIST));
	value = 102;
	show("update key 1 = 102, EXIST", bpf_map_update_elem(fd, &key, &value, BPF_EXIST));
	key = 2, value = 200;
	show("update key 2 = 200, EXIST", bpf_map_update_elem(fd, &key, &value, BPF_EXIST));
	show("update key 2 = 200, NOEXIST", bpf_map_update_elem(fd, &key, &value, BPF_NOEXIST));
	key = 3, value = 300;
	show("update key 3 = 300, ANY", bpf_map_update_elem(fd, &key, &value, BPF_ANY));
	key = 1, value = 103;
	show("update key 1 = 103, ANY | F_LOCK", bpf_map_update_elem(fd, &key, &value, BPF_ANY | BPF_F_LOCK));

	key = 1;
	ret = bpf_map_lookup_elem(fd, &key, &value);
	show_value("lookup key 1", ret, value);
	key = 4;
	ret = bpf_map_lookup_elem(fd, &key, &value);
	show_value("lookup key 4", ret, value);
	key = 1;
	ret = bpf_map_lookup_elem_flags(fd, &key, &value, BPF_F_LOCK);
	show_value("lookup key 1, F_LOCK", ret, value);

	walk(fd);

	key = 2;
	ret = bpf_map_lookup_and_delete_elem(fd, &key, &value);
	show_value("lookup_and_delete key 2", ret, value);
	ret = bpf_map_lookup_elem(fd, &key, &value);
	show_value("lookup key 2", ret, value);
	key = 1;
	show("delete key 1", bpf_map_delete_elem(fd, &key));
	show("delete key 1", bpf_map_delete_elem(fd, &key));
	key = 3;
	show("delete key 3", bpf_map_delete_elem(fd, &key));
	walk(fd);

	close(fd);
	return 0;
}
