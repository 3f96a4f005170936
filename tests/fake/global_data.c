// SPDX-License-Identifier: GPL-2.0
/*
 * global_data.c - what bb_object_load() asks of the kernel for .rodata, .data
 * and .bss, seen through a fake kernel (no root needed):
 *
 *   .rodata: BPF_MAP_CREATE with BPF_F_RDONLY_PROG, BPF_MAP_UPDATE_ELEM
 *            with the knob user space set, BPF_MAP_FREEZE; never mmap;
 *   .data, .bss: BPF_MAP_CREATE with BPF_F_MMAPABLE, BPF_MAP_UPDATE_ELEM
 *            with the initial value, mmap(MAP_SHARED) of the map fd;
 *
 * and that variables are then read and written in that mapping.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "loader/load/global_data.h"
#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define FIRST_FD 1000
#define MAX_MAPS 8

struct fake_map {
	char name[BPF_OBJ_NAME_LEN];
	uint32_t flags, value_size;
	int updated, frozen, mmapped;
	uint8_t value[64];	/* what BPF_MAP_UPDATE_ELEM wrote */
	void *mem;
};

static struct fake_map maps[MAX_MAPS];
static int nr_maps, nr_progs, order_ok = 1;

static struct fake_map *by_fd(long fd)
{
	return fd >= FIRST_FD && fd < FIRST_FD + nr_maps ?
	       &maps[fd - FIRST_FD] : NULL;
}

static long fake_bpf(int cmd, union bpf_attr *a)
{
	struct fake_map *m;

	switch (cmd) {
	case BPF_MAP_CREATE:
		if (nr_maps == MAX_MAPS)
			return -ENOSPC;
		m = &maps[nr_maps];
		memcpy(m->name, a->map_name, sizeof(m->name));
		m->flags = a->map_flags;
		m->value_size = a->value_size;
		return FIRST_FD + nr_maps++;
	case BPF_MAP_UPDATE_ELEM:
		m = by_fd(a->map_fd);
		if (!m || m->frozen || m->value_size > sizeof(m->value))
			return -EINVAL;
		memcpy(m->value, (void *)(unsigned long)a->value, m->value_size);
		m->updated++;
		return 0;
	case BPF_MAP_FREEZE:
		m = by_fd(a->map_fd);
		if (!m)
			return -EINVAL;
		order_ok &= m->updated > 0;
		m->frozen = 1;
		return 0;
	case BPF_PROG_LOAD:
		return 2000 + nr_progs++;
	case BPF_BTF_LOAD:
		return 3000;
	}
	return -ENOSYS;
}

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	struct fake_map *m;

	switch (nr) {
	case __NR_bpf:
		return fake_bpf(a1, (union bpf_attr *)a2);
	case __NR_mmap:
		m = by_fd(a5);
		if (!m)	/* not a map: the C library's own mmap */
			break;
		order_ok &= m->updated > 0 && !m->frozen;
		order_ok &= a4 == MAP_SHARED && a6 == 0;
		m->mmapped++;
		m->mem = calloc(1, a2);
		memcpy(m->mem, m->value, m->value_size);
		return (long)m->mem;
	case __NR_munmap:
		for (m = maps; m < maps + nr_maps; m++)
			if (m->mem == (void *)a1)
				return 0;	/* freed at the end */
		break;
	case __NR_close:
		if (a1 >= FIRST_FD)
			return 0;
		break;
	}
	return sys_call_real(nr, a1, a2, a3, a4, a5, a6);
}

static struct fake_map *fake_named(const char *name)
{
	int i;

	for (i = 0; i < nr_maps; i++)
		if (!strcmp(maps[i].name, name))
			return &maps[i];
	return NULL;
}

static void check_kernel_calls(void)
{
	struct fake_map *ro = fake_named(".rodata"), *data = fake_named(".data");
	struct fake_map *bss = fake_named(".bss");
	static const uint8_t zeros[64];
	uint32_t knob;
	uint64_t step;

	if (!ok(ro && data && bss, "maps .rodata, .data and .bss created"))
		return;
	is_int(ro->flags, BPF_F_RDONLY_PROG, ".rodata: BPF_F_RDONLY_PROG");
	ok(ro->updated == 1 && ro->frozen && !ro->mmapped,
	   ".rodata: written once, frozen, not mmapped");
	memcpy(&knob, ro->value, sizeof(knob));
	is_int(knob, 4242, ".rodata: written with the knob set before load");
	is_int(data->flags, BPF_F_MMAPABLE, ".data: BPF_F_MMAPABLE");
	ok(data->updated == 1 && !data->frozen && data->mmapped == 1,
	   ".data: written once, not frozen, mmapped");
	memcpy(&step, data->value, sizeof(step));
	is_int(step, 7, ".data: written with step set before load");
	ok(bss->updated == 1 && !bss->frozen && bss->mmapped == 1 &&
	   !memcmp(bss->value, zeros, bss->value_size),
	   ".bss: written once with zeros, not frozen, mmapped");
	ok(order_ok, "frozen / mmapped only after the value was written; MAP_SHARED at offset 0");
}

static void check_vars(struct bb_object *o)
{
	struct fake_map *bss = fake_named(".bss");
	struct bb_err err = { 0 };
	uint64_t hits = 99, got = 0;

	if (!bss || !bss->mem) {
		skip(3, "no .bss mapping");
		return;
	}
	ok(!bb_object_set_var(o, "hits", &hits, sizeof(hits), &err),
	   "set .bss hits after load %s", err.msg);
	is_int(*(uint64_t *)((uint8_t *)bss->mem + 8), 99,
	       "... it went into the mapping at hits' offset (8)");
	*(uint64_t *)((uint8_t *)bss->mem + 16) = 5;	/* "the program" */
	ok(!bb_object_get_var(o, "exits", &got, sizeof(got), &err) && got == 5,
	   "exits read back from the mapping");
	is_int(bb_object_get_var(o, "hits", &got, 4, &err), -EINVAL,
	       "the wrong size is refused");
	is_int(bb_object_get_var(o, "nope", &got, 8, &err), -ENOENT,
	       "an unknown name is refused");
}

int main(void)
{
	const char *build = getenv("BUILD");
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	uint32_t knob = 4242;
	uint64_t step = 7;
	char path[4096];
	int i, ret;

	snprintf(path, sizeof(path), "%s/test/globals.bpf.o",
		 build && *build ? build : "build");
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_set_var(o, "filter_tgid", &knob, sizeof(knob), &err);
	if (!ret)
		ret = bb_object_set_var(o, "step", &step, sizeof(step), &err);
	sys_call = fake;
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(!ret, "load %s through the fake kernel %s", path, err.msg))
		return done_testing();
	check_kernel_calls();
	check_vars(o);
	bb_object_close(o);
	sys_call = sys_call_real;
	for (i = 0; i < nr_maps; i++)
		free(maps[i].mem);
	return done_testing();
}
