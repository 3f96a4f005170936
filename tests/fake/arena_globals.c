// SPDX-License-Identifier: GPL-2.0
/*
 * arena_globals.c - what bb_object_load() does with an ARENA map and its
 * __arena variables, seen through a fake kernel (the host refuses arenas,
 * tests/kernel/arena_globals.c): right after BPF_MAP_CREATE the arena is
 * mmap'ed whole (4 pages), at its map_extra with MAP_FIXED_NOREPLACE
 * (the object's 0x3f00000000 is in ASan's shadow gap: the test moves
 * map_extra to an address free in this process);
 * .addr_space.1 (answer = 42, doubled = 0) is copied to its last page;
 * and the program reaches the variables as BPF_PSEUDO_MAP_VALUE of the
 * arena's fd, at offsets last page + 0 and + 4.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define ARENA_FD 1000
static long arena_addr;	/* map_extra: a free address of ours */

static struct bpf_insn insns[64];
static uint32_t nr_insns;
static long mmap_addr, mmap_len, mmap_flags;
static void *mem;

static long fake_bpf(int cmd, union bpf_attr *a)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
		return a->map_type == 33 ? ARENA_FD : -EINVAL;
	case BPF_PROG_LOAD:
		nr_insns = a->insn_cnt < 64 ? a->insn_cnt : 64;
		memcpy(insns, (void *)(unsigned long)a->insns,
		       nr_insns * sizeof(*insns));
		return 2000;
	case BPF_BTF_LOAD:
		return 3000;
	}
	return -ENOSYS;
}

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	switch (nr) {
	case __NR_bpf:
		return fake_bpf(a1, (union bpf_attr *)a2);
	case __NR_mmap:
		if (a5 != ARENA_FD)	/* the C library's own mmap */
			break;
		mmap_addr = a1;
		mmap_len = a2;
		mmap_flags = a4;
		mem = (void *)sys_call_real(nr, a1, a2, a3,
					    MAP_PRIVATE | MAP_ANONYMOUS |
					    (a4 & MAP_FIXED_NOREPLACE), -1, 0);
		return (long)mem;
	case __NR_close:
		if (a1 >= ARENA_FD)
			return 0;
		break;
	}
	return sys_call_real(nr, a1, a2, a3, a4, a5, a6);
}

static void check(struct bb_object *o)
{
	struct bb_map *m = bb_object_find_map(o, "arena");
	long page = getpagesize(), last = 3 * page;
	const int *vars;

	is_int(mmap_addr, arena_addr, "mmap at map_extra");
	is_int(mmap_len, 4 * page, "of the whole arena (4 pages)");
	is_int(mmap_flags, MAP_SHARED | MAP_FIXED_NOREPLACE,
	       "MAP_SHARED | MAP_FIXED_NOREPLACE");
	ok(m->mem == (void *)arena_addr, "the map's mem is the arena");
	is_int(m->arena_off, last, "the variables start on the last page");
	vars = (const int *)((char *)mem + last);
	is_int(vars[0], 42, "answer: 42, copied there");
	is_int(vars[1], 0, "doubled: 0");
	is_int(insns[11].src_reg, BPF_PSEUDO_MAP_VALUE, "&answer: a map value address");
	is_int(insns[11].imm, ARENA_FD, "of the arena");
	is_int(insns[12].imm, last, "at the last page + 0");
	is_int(insns[17].src_reg, BPF_PSEUDO_MAP_VALUE, "&doubled: a map value address");
	is_int(insns[18].imm, last + 4, "at the last page + 4");
	is_int(insns[1].src_reg, BPF_PSEUDO_MAP_FD, "&arena: the map's fd");
}

/* An address no mapping of ours covers: map one, unmap it, use it. */
static int free_address(struct bb_object *o)
{
	struct bb_map *m = bb_object_find_map(o, "arena");
	long len = 4 * getpagesize();
	void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!m || p == MAP_FAILED)
		return -1;
	munmap(p, len);
	arena_addr = (long)p;
	o->spec.maps[m - o->maps].map_extra = arena_addr;
	return 0;
}

int main(void)
{
	const char *b = getenv("BUILD");
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[512];
	int ret;

	snprintf(path, sizeof(path), "%s/test/arena_globals.bpf.o",
		 b && *b ? b : "build");
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "opens: %s", err.msg))
		return done_testing();
	ret = free_address(o);
	if (!ok(ret == 0, "map_extra moved to a free address, %#lx", arena_addr))
		return done_testing();
	sys_call = fake;
	ret = bb_object_load(o, &err);
	if (ok(ret == 0, "loads against the fake kernel: %s", err.msg))
		check(o);
	bb_object_close(o);
	sys_call = sys_call_real;
	return done_testing();
}
