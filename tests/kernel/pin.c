// SPDX-License-Identifier: GPL-2.0
/*
 * pin - pins in bpffs, maps pinned by name and reused, and maps handed in
 * by fd, in the real kernel.  Everything lives under our own directory
 * /sys/fs/bpf/barebpf-test-PID, removed at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/maps/map.h"
#include "loader/pin/map_pin.h"
#include "loader/object/object.h"
#include "loader/pin/pin.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static char dir[128], obj_ok[512], obj_bad[512], obj_with_prog[512];

static uint32_t id_of(int fd)
{
	struct bpf_map_info info = { 0 };	/* the id is at the same place */
	uint32_t len = sizeof(info);

	return sys_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static int load(struct bb_object **obj, const char *path, const char *pin_dir,
		struct bb_err *err)
{
	int ret = bb_object_open(obj, path, err);

	if (ret)
		return ret;
	bb_object_set_pin_dir(*obj, pin_dir);
	return bb_object_load(*obj, err);
}

/* A child loads the object, writes counters{1} = 42, reports the id, exits. */
static uint32_t first_run(void)
{
	int p[2], status = 0;
	uint32_t id = 0;
	pid_t pid;

	if (pipe(p))
		return 0;
	pid = fork();
	if (pid == 0) {
		struct bb_err err = { 0 };
		struct bb_object *obj = NULL;
		uint32_t key = 1;
		uint64_t v = 42;

		if (load(&obj, obj_ok, dir, &err) ||
		    bb_object_find_map(obj, "counters")->reused ||
		    bb_map_update(bb_object_find_map(obj, "counters"), &key, &v, BPF_ANY)) {
			fprintf(stderr, "child: %s\n", err.msg);
			_exit(1);
		}
		id = id_of(bb_object_find_map(obj, "counters")->fd);
		if (write(p[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		bb_object_close(obj);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &id, sizeof(id)) != sizeof(id))
		id = 0;
	close(p[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && !WEXITSTATUS(status),
	   "a first loader created and pinned the map, then exited");
	return id;
}

static void reuse_pinned(struct bb_object **keep)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	uint32_t id = first_run(), key = 1;
	uint64_t v = 0;
	char pin[256];

	snprintf(pin, sizeof(pin), "%s/counters", dir);
	ok(access(pin, F_OK) == 0, "the pin %s outlived the loader", pin);
	if (!ok(!load(&obj, obj_ok, dir, &err), "second load: %s", err.msg))
		return;
	ok(bb_object_find_map(obj, "counters")->reused, "the second load reused the pin");
	ok(id && id_of(bb_object_find_map(obj, "counters")->fd) == id,
	   "same map id (%u)", id);
	ok(!bb_map_lookup(bb_object_find_map(obj, "counters"), &key, &v, 0) && v == 42,
	   "the data is intact (42)");
	*keep = obj;
}

static void mismatch(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;

	is_int(load(&obj, obj_bad, dir, &err), -EINVAL,
	       "a pin of another shape is refused");
	like(err.msg, "its value_size is 8, the object declares 4",
	     "the message names the field and both values");
	like(err.msg, dir, "and the pin");
	diag("%s", err.msg);
	bb_object_close(obj);
}

static void reuse_fd(const struct bb_object *first)
{
	int fd = bb_object_find_map((struct bb_object *)first, "counters")->fd;
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	char nodir[256];

	ok(!bb_object_open(&obj, obj_bad, &err), "open the other shape");
	is_int(bb_map_reuse_fd(bb_object_find_map(obj, "counters"), fd, &err), -EINVAL,
	       "reusing an fd of another shape is refused");
	like(err.msg, "value_size is 8, the object declares 4", "saying why");
	bb_object_close(obj);

	/* A pin dir that doesn't exist: a given fd must not need it. */
	snprintf(nodir, sizeof(nodir), "%s/absent", dir);
	err.msg[0] = '\0';
	ok(!bb_object_open(&obj, obj_ok, &err) &&
	   !bb_map_reuse_fd(bb_object_find_map(obj, "counters"), fd, &err), "hand in an fd: %s",
	   err.msg);
	bb_object_set_pin_dir(obj, nodir);
	ok(!bb_object_load(obj, &err), "load with it: %s", err.msg);
	is_int(id_of(bb_object_find_map(obj, "counters")->fd), id_of(fd),
	       "bb_object_find_map() finds the map we handed in");
	bb_object_close(obj);
}

static void outside_bpffs(const struct bb_object *first)
{
	int fd = bb_object_find_map((struct bb_object *)first, "counters")->fd;
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	char path[256];

	snprintf(path, sizeof(path), "/tmp/barebpf-pin-%d", (int)getpid());
	is_int(bb_pin_fd(fd, path, &err), -EINVAL, "pinning in /tmp is refused");
	like(err.msg, "is not in a bpffs", "because /tmp is not a bpffs");
	like(err.msg, "mount -t bpf bpf /sys/fs/bpf", "with the mount advice");
	ok(access(path, F_OK) != 0, "and nothing was created");
	is_int(load(&obj, obj_ok, "/tmp", &err), -EINVAL,
	       "a pin dir outside bpffs is refused at load");
	bb_object_close(obj);
	snprintf(path, sizeof(path), "%s/absent/x", dir);
	is_int(bb_pinned_open(path, &err), -ENOENT, "a missing directory is ENOENT");
	like(err.msg, "does not exist", "and says so");
}

static void pin_program(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/prog", dir);
	if (!ok(!load(&obj, obj_with_prog, dir, &err), "load a program: %s", err.msg))
		goto out;
	ok(!bb_pin_fd(obj->progs[0].fd, path, &err), "pin it: %s", err.msg);
	is_int(bb_pin_fd(obj->progs[0].fd, path, &err), -EEXIST,
	       "pinning twice at one path is EEXIST");
	fd = bb_pinned_open(path, &err);
	ok(fd >= 0 && id_of(fd) == id_of(obj->progs[0].fd),
	   "BPF_OBJ_GET gives the same program back");
	if (fd >= 0)
		sys_close(fd);
	err.msg[0] = '\0';
	ok(!bb_unpin(path, &err), "unpin it: %s", err.msg);
out:
	bb_object_close(obj);
}

int main(void)
{
	const char *b = getenv("BUILD");
	struct bb_err err = { 0 };
	struct bb_object *first = NULL;
	char pin[256];

	if (geteuid())
		return skip_all("needs root");
	b = b && *b ? b : "build";
	snprintf(obj_ok, sizeof(obj_ok), "%s/test/pin_map.bpf.o", b);
	snprintf(obj_bad, sizeof(obj_bad), "%s/test/pin_map_mismatch.bpf.o", b);
	snprintf(obj_with_prog, sizeof(obj_with_prog), "%s/test/map_in_map.bpf.o", b);
	snprintf(dir, sizeof(dir), "%s/barebpf-test-%d", PIN_DIR_DEFAULT,
		 (int)getpid());
	if (!ok(!pin_mkdir(dir, &err), "make %s: %s", dir, err.msg))
		return done_testing();
	reuse_pinned(&first);
	mismatch();
	if (first) {
		reuse_fd(first);
		outside_bpffs(first);
	}
	pin_program();
	bb_object_close(first);
	snprintf(pin, sizeof(pin), "%s/counters", dir);
	ok(!bb_unpin(pin, &err), "unpin the map: %s", err.msg);
	ok(!pin_rmdir(dir, &err), "remove our directory: %s", err.msg);
	return done_testing();
}
