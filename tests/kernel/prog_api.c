// SPDX-License-Identifier: GPL-2.0
/*
 * prog_api.c - the public program, link, pin, error and narration calls
 * (loader/barebpf.h) on the real kernel, with kernel/test/map_api.bpf.o:
 *
 *  - a program switched off (bb_prog_set_autoload) is not loaded;
 *  - bb_prog_attach() attaches one program: it runs when our child execs,
 *    and stops once bb_link_destroy() detached it;
 *  - map, program and link pinned in a directory of our own, reopened
 *    (BPF_OBJ_GET): the same kernel objects, by id; then unpinned;
 *  - a map pinned by name (bb_map_set_pin_by_name) of an object opened
 *    from memory, reused by a second object;
 *  - bb_err_log() is the verifier's log of a refused program;
 *  - bb_set_verbose() narrates into a pipe, and -1 stops it.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/barebpf.h"
#include "tests/kernel/attach.h"
#include "tests/tap.h"

/* Fork a child that names itself in self[0], then execs true. */
static void exec_child(struct bb_object *o)
{
	uint32_t zero = 0, me;
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		me = getpid();
		bb_map_update(bb_object_find_map(o, "self"), &zero, &me, BB_ANY);
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
}

static uint64_t execs(struct bb_object *o, uint32_t slot)
{
	uint64_t n = UINT64_MAX;

	bb_map_lookup(bb_object_find_map(o, "execs"), &slot, &n, 0);
	return n;
}

static void test_accessors(struct bb_object *o)
{
	static const char *const names[] = { "count_exec", "spare", "raw_exec" };
	struct bb_prog *p = NULL;
	uint32_t i = 0;

	ok(!strncmp(bb_version(), BB_VERSION, strlen(BB_VERSION)), "bb_version() starts with the header's release");
	while ((p = bb_object_next_prog(o, p)) && i < 3)
		if (!strcmp(bb_prog_name(p), names[i]))
			i++;
	ok(i == 3 && !p, "bb_object_next_prog: the three programs, then NULL");
	p = bb_object_find_prog(o, "count_exec");
	is_str(bb_prog_section(p), "tp/sched/sched_process_exec", "bb_prog_section");
	is_int(bb_prog_fd(p), -1, "no fd before the load");
	is_int(bb_prog_set_autoload(bb_object_find_prog(o, "spare"), false), 0,
	       "switch 'spare' off");
}

static void test_autoload(struct bb_object *o)
{
	struct bb_prog *spare = bb_object_find_prog(o, "spare");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };

	ok(bb_prog_fd(bb_object_find_prog(o, "count_exec")) >= 0, "count_exec loaded");
	is_int(bb_prog_fd(spare), -1, "the program switched off was not loaded");
	is_int(bb_prog_set_autoload(bb_object_find_prog(o, "count_exec"), false),
	       -EBUSY, "bb_prog_set_autoload after the load: -EBUSY");
	is_int(bb_prog_attach(spare, &link, &err), -EINVAL,
	       "bb_prog_attach of a program not loaded: -EINVAL");
}

static void test_attach(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "count_exec");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	int ret;

	exec_child(o);
	is_int(execs(o, 0), 0, "before bb_prog_attach the program does not run");
	ret = bb_prog_attach(p, &link, &err);
	if (!ok(ret == 0, "bb_prog_attach: %s", ret ? err.msg : "ok")) {
		skip(4, "not attached");
		return;
	}
	ok(bb_link_fd(link) >= 0, "the link holds an fd (%d)", bb_link_fd(link));
	exec_child(o);
	exec_child(o);
	is_int(execs(o, 0), 2, "two execs of our children counted");
	bb_link_destroy(link);
	exec_child(o);
	is_int(execs(o, 0), 2, "after bb_link_destroy the program no longer runs");
	is_int(execs(o, 1), 0, "raw_exec, never attached, never ran");
}

static int obj_id(int fd)
{
	struct bpf_prog_info info;	/* map and link info also start type, id */
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return sys_obj_get_info_by_fd(fd, &info, &len) ? -1 : (int)info.id;
}

/* Pin @fd's object at @dir/@name via @pin, reopen it, compare, unpin. */
static void pin_cycle(const char *dir, const char *name, int fd, int pinned)
{
	char path[PATH_MAX];
	struct bb_err err = { 0 };
	int again;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	is_int(pinned, 0, "pin the %s", name);
	again = bb_pinned_open(path, &err);
	ok(again >= 0 && obj_id(again) > 0 && obj_id(again) == obj_id(fd),
	   "bb_pinned_open: the same %s (id %d)", name, obj_id(fd));
	if (again >= 0)
		close(again);
	is_int(bb_unpin(path, &err), 0, "bb_unpin the %s", name);
	is_int(bb_pinned_open(path, &err), -ENOENT, "then BPF_OBJ_GET: -ENOENT");
}

static void test_pins(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "raw_exec");
	struct bb_map *m = bb_object_find_map(o, "plain");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	char dir[64], path[PATH_MAX];
	int ret;

	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bb_prog_api_%d", (int)getpid());
	if (mkdir(dir, 0700)) {
		ok(0, "mkdir %s (is bpffs mounted?)", dir);
		return;
	}
	snprintf(path, sizeof(path), "%s/map", dir);
	pin_cycle(dir, "map", bb_map_fd(m), bb_map_pin(m, path, &err));
	snprintf(path, sizeof(path), "%s/prog", dir);
	pin_cycle(dir, "prog", bb_prog_fd(p), bb_prog_pin(p, path, &err));
	ret = bb_prog_attach(p, &link, &err);
	if (ok(ret == 0, "bb_prog_attach raw_exec: %s", ret ? err.msg : "ok")) {
		exec_child(o);
		is_int(execs(o, 1), 1, "the raw tracepoint program runs");
		snprintf(path, sizeof(path), "%s/link", dir);
		pin_cycle(dir, "link", bb_link_fd(link), bb_link_pin(link, path, &err));
		snprintf(path, sizeof(path), "%s/x", dir);
		is_int(bb_pin_fd(bb_link_fd(link), path, &err), 0, "bb_pin_fd");
		is_int(bb_pin_fd(bb_link_fd(link), path, &err), -EEXIST,
		       "bb_pin_fd on a taken path: -EEXIST");
		is_int(bb_unpin(path, &err), 0, "bb_unpin");
		is_int(bb_unpin(path, &err), -ENOENT, "bb_unpin again: -ENOENT");
		bb_link_destroy(link);
	}
	is_int(bb_pin_fd(bb_map_fd(m), "/tmp/bb_not_bpffs", &err), -EINVAL,
	       "bb_pin_fd outside a bpffs: -EINVAL");
	ok(!rmdir(dir), "our pin directory is empty again");
}

/* The whole file, malloc'd, or NULL. */
static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 &&
	    !fseek(f, 0, SEEK_SET) && (buf = malloc(n)) &&
	    fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*len = buf ? (size_t)n : 0;
	if (f)
		fclose(f);
	return buf;
}

/*
 * An object opened from memory, its map "plain" pinned by name in a
 * directory of ours: the load creates the pin, a second object reuses it.
 */
static void test_pin_by_name(const char *path)
{
	struct bb_object *a = NULL, *b = NULL;
	struct bb_err err = { 0 };
	char dir[64], pin[128];
	size_t len;
	void *bytes = slurp(path, &len);
	int ret, fd;

	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bb_by_name_%d", (int)getpid());
	snprintf(pin, sizeof(pin), "%s/plain", dir);
	ret = bytes && !mkdir(dir, 0700) ? 0 : -errno;
	if (!ret)
		ret = bb_object_open_mem(&a, bytes, len, "map_api (memory)", &err);
	free(bytes);	/* the object has its own copy */
	if (!ret)
		ret = bb_object_open(&b, path, &err);
	if (!ok(ret == 0, "bb_object_open_mem and a second object: %s",
		ret ? err.msg : "ok")) {
		skip(5, "no objects");
		goto out;
	}
	bb_object_set_pin_dir(a, dir);
	bb_object_set_pin_dir(b, dir);
	ret = bb_map_set_pin_by_name(bb_object_find_map(a, "plain"), &err);
	if (!ret)
		ret = bb_map_set_pin_by_name(bb_object_find_map(b, "plain"), &err);
	if (!ret)
		ret = bb_object_load(a, &err);
	if (!ret)
		ret = bb_object_load(b, &err);
	ok(ret == 0, "bb_map_set_pin_by_name before two loads: %s", ret ? err.msg : "ok");
	fd = bb_pinned_open(pin, &err);
	ok(fd >= 0 && obj_id(fd) == obj_id(bb_map_fd(bb_object_find_map(a, "plain"))),
	   "the first load pinned it at %s", pin);
	ok(fd >= 0 && obj_id(fd) == obj_id(bb_map_fd(bb_object_find_map(b, "plain"))),
	   "the second object uses that map");
	if (fd >= 0)
		close(fd);
	is_int(bb_map_set_pin_by_name(bb_object_find_map(a, "plain"), &err), -EBUSY,
	       "bb_map_set_pin_by_name after the load: -EBUSY");
	is_int(bb_unpin(pin, &err), 0, "unpin it");
out:
	bb_object_close(a);
	bb_object_close(b);
	rmdir(dir);
}

static void test_verifier_log(void)
{
	char path[PATH_MAX];
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	int ret;

	is_str(bb_err_log(&err), "", "bb_err_log of no error: \"\"");
	attach_obj_path("verifier_reject", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	ok(ret < 0, "verifier_reject.bpf.o is refused (%d)", ret);
	like(err.msg, "the verifier rejected it (its log: bb_err_log())",
	     "the message stands alone and points at bb_err_log()");
	like(bb_err_log(&err), "invalid mem access", "bb_err_log() is the verifier's log");
	bb_err_free(&err);
	is_str(bb_err_log(&err), "", "bb_err_free() frees it");
	bb_object_close(o);
}

static void test_verbose(void)
{
	struct bb_map *m = NULL;
	struct bb_err err = { 0 };
	char buf[4096];
	ssize_t n;
	int fds[2];

	if (!ok(!pipe2(fds, O_NONBLOCK), "a pipe"))
		return;
	bb_set_verbose(fds[1]);
	bb_map_create(&m, BPF_MAP_TYPE_ARRAY, "bb_verbose", 4, 4, 1, 0, &err);
	bb_map_close(m);
	bb_set_verbose(-1);
	n = read(fds[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	like(buf, "bpf(BPF_MAP_CREATE)", "bb_set_verbose(fd) narrates into fd");
	like(buf, "bb_verbose", "naming the map");
	m = NULL;
	bb_map_create(&m, BPF_MAP_TYPE_ARRAY, "bb_quiet", 4, 4, 1, 0, &err);
	bb_map_close(m);
	is_int(read(fds[0], buf, sizeof(buf)), -1, "bb_set_verbose(-1): nothing more");
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	attach_obj_path("map_api", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ok(ret == 0, "open %s: %s", path, ret ? err.msg : "ok"))
		return done_testing();
	test_accessors(o);
	ret = bb_object_load(o, &err);
	if (ok(ret == 0, "load: %s", ret ? err.msg : "ok")) {
		test_autoload(o);
		test_attach(o);
		test_pins(o);
	}
	bb_object_close(o);
	test_pin_by_name(path);
	test_verifier_log();
	test_verbose();
	return done_testing();
}
