// SPDX-License-Identifier: GPL-2.0
/*
 * arena_globals.c - __arena global variables in an ARENA map (Linux 6.9;
 * kernel/test/arena_globals.bpf.c, built with clang 19).  Where the
 * kernel makes arenas, "arena_run" runs once with BPF_PROG_RUN and the
 * test reads the arena through barebpf's mapping of it, at the address
 * map_extra asks for:
 *   - the variables sit in the arena's last page (libbpf's place):
 *     "answer" still 42, "doubled" 0 before the run and 84 after;
 *   - bpf_arena_alloc_pages() handed out page 0, where the program wrote
 *     43 (answer + 1): the variables' page was not the first free one.
 * Before 6.9 (the VM's 6.1) the map is refused, and the message says
 * ARENA maps came with 6.9.  This project's 6.18 host refuses arenas to
 * root with EPERM (as it refuses BPF trampolines): the refusal is then
 * checked instead, unless BAREBPF_EXPECT_ARENA=1 says the kernel makes
 * them.
 */
#include <errno.h>
#include <sys/utsname.h>

#include "tests/kernel/attach.h"

#define ARENA_ADDR 0x3f00000000ULL
#define ARENA_PAGES 4

static int kernel_has_arena(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	return major > 6 || (major == 6 && minor >= 9);
}

static int expected(void)
{
	const char *v = getenv("BAREBPF_EXPECT_ARENA");

	return v && !strcmp(v, "1");
}

static void refused(int ret, const struct bb_err *err)
{
	if (!kernel_has_arena()) {
		is_int(ret, -EINVAL, "before 6.9: BPF_MAP_CREATE refuses the type");
		like(err->msg, "ARENA map 'arena'", "the message names the map");
		like(err->msg, "ARENA maps came with Linux 6.9",
		     "and says arenas came with 6.9");
		return;
	}
	ok(!expected(), "refusal allowed here (BAREBPF_EXPECT_ARENA is not 1): %s",
	   err->msg);
	is_int(ret, -EPERM, "this kernel refuses arenas with EPERM");
	like(err->msg, "bpf(BPF_MAP_CREATE) for map 'arena' (arena,",
	     "the message names the map and its type");
}

static void effects(struct bb_object *o)
{
	struct bb_map *m = bb_object_find_map(o, "arena");
	size_t len = ARENA_PAGES * getpagesize();
	const int *vars, *page0;

	ok(m->mem == (void *)ARENA_ADDR, "the arena is mapped at map_extra %#llx",
	   ARENA_ADDR);
	is_int(m->mem_len, len, "whole: %d pages", ARENA_PAGES);
	is_int(m->arena_off, len - getpagesize(),
	       "the variables start on its last page");
	vars = (const int *)((char *)m->mem + m->arena_off);
	page0 = m->mem;
	is_int(vars[0], 42, "answer: 42, copied from .addr_space.1");
	is_int(vars[1], 0, "doubled: 0");
	is_int(attach_run(o, "arena_run"), 0, "arena_run ran (BPF_PROG_RUN) and returned 0");
	is_int(vars[1], 84, "doubled: 84, written by the program");
	is_int(page0[0], 43, "page 0, from bpf_arena_alloc_pages(): 43");
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	int ret;

	attach_obj_path("arena_globals", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "arena_globals.bpf.o opens: %s", err.msg))
		return done_testing();
	ret = bb_object_load(o, &err);
	if (ret)
		refused(ret, &err);
	else
		effects(o);
	bb_object_close(o);
	return done_testing();
}
