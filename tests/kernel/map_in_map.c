// SPDX-License-Identifier: GPL-2.0
/*
 * map_in_map - maps of maps in the real kernel.
 *
 * kernel/test/map_in_map.bpf.c adds 1 to element 0 of the inner maps in
 * outer[0], outer[1] and outer_hash{1} each time this process calls
 * getppid().  We check: the slots initialised in C work, a map inserted
 * at run time receives the writes, a replaced slot sends them to the new
 * map, and the kernel's refusal of a wrongly shaped inner map is
 * reported clearly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/maps/map.h"
#include "loader/maps/map_in_map.h"
#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static void getppid_n(int n)
{
	while (n-- > 0)
		syscall(SYS_getppid);	/* glibc could cache; the syscall can't */
}

static uint64_t elem0_fd(int fd)
{
	uint32_t zero = 0;
	uint64_t v = ~0ull;

	if (sys_map_lookup_elem(fd, &zero, &v, 0))
		return ~0ull;
	return v;
}

static uint32_t map_id_of(int fd)
{
	struct bpf_map_info info = { 0 };
	uint32_t len = sizeof(info);

	return sys_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static void runtime_inner(struct bb_object *obj)
{
	struct bb_map *outer = bb_object_find_map(obj, "outer");
	struct bb_err err = { 0 };
	int fd1, fd2, wrong;
	uint32_t id = 0;

	/* Slot 1 was empty: insert a fresh map while the program runs. */
	fd1 = map_create_inner(outer, "rt_inner", &err);
	if (!ok(fd1 >= 0, "create an inner map at run time: %s", err.msg))
		return;
	ok(!map_set_inner(outer, 1, fd1, &err), "insert it in outer[1]: %s",
	   err.msg);
	getppid_n(3);
	is_int(elem0_fd(fd1), 3, "the inserted map receives the program's writes");
	is_int(elem0_fd(bb_object_find_map(obj, "inner_a")->fd), 8,
	       "inner_a kept counting through the static slot");

	/* Replace slot 0: inner_a stops counting, the new map starts. */
	fd2 = map_create_inner(outer, "rt_inner2", &err);
	ok(fd2 >= 0 && !map_set_inner(outer, 0, fd2, &err),
	   "replace outer[0]: %s", err.msg);
	getppid_n(2);
	is_int(elem0_fd(fd2), 2, "the replacing map receives the writes");
	is_int(elem0_fd(bb_object_find_map(obj, "inner_a")->fd), 8,
	       "the replaced map no longer does");
	is_int(map_inner_id(outer, 0, &id), 0, "read outer[0]");
	is_int(id, map_id_of(fd2), "it holds the new map's id");

	/* A hash is not the array the template says: the kernel refuses. */
	wrong = sys_map_create(&(struct map_create_args){
		.type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 8,
		.max_entries = 4, .name = "wrong_inner" });
	ok(wrong >= 0, "create a hash map");
	is_int(map_set_inner(outer, 2, wrong, &err), -EINVAL,
	       "the kernel refuses a hash as inner map of an array template");
	like(err.msg, "the kernel refused map id", "the message says so");
	like(err.msg, "type 1, key_size 4", "it shows the map's shape");
	like(err.msg, "must match the template (type 2,",
	     "and the template's");
	sys_close(wrong);
	sys_close(fd1);
	sys_close(fd2);
}

int main(void)
{
	const char *b = getenv("BUILD");
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	uint32_t zero = 0, pid = getpid();
	char path[512];

	if (geteuid())
		return skip_all("needs root");
	snprintf(path, sizeof(path), "%s/test/map_in_map.bpf.o",
		 b && *b ? b : "build");
	if (!ok(!bb_object_open(&obj, path, &err), "open: %s", err.msg) ||
	    !ok(!bb_object_load(obj, &err), "load (outer maps and slots): %s", err.msg))
		goto out;
	ok(!bb_map_update(bb_object_find_map(obj, "cfg"), &zero, &pid, BPF_ANY),
	   "tell the program our pid");
	if (!ok(!bb_object_attach(obj, &err), "attach: %s", err.msg))
		goto out;
	getppid_n(5);
	is_int(elem0_fd(bb_object_find_map(obj, "inner_a")->fd), 5,
	       "array of maps: slot [0] initialised in C receives writes");
	is_int(elem0_fd(bb_object_find_map(obj, "inner_b")->fd), 5,
	       "hash of maps: key 1 initialised in C receives writes");
	runtime_inner(obj);
out:
	if (err.msg[0])
		diag("%s", err.msg);
	bb_object_close(obj);
	return done_testing();
}
