// SPDX-License-Identifier: GPL-2.0
/*
 * map_btf.c - a map's BTF, asked from the kernel: the map's info names
 * its BTF object (btf_id) and the key and value types in it;
 * loader/load/btf_fetch.c reads that object back and parses it.
 */
#include "loader/cmd/barebpf/map_cmd.h"
#include "loader/load/btf_fetch.h"

int map_btf_fetch(struct map_target *t, uint32_t btf_id, struct bb_err *err)
{
	int ret = btf_fetch(btf_id, &t->btf_data, &t->btf, err);

	if (!ret)
		t->has_btf = true;
	return ret;
}
