// SPDX-License-Identifier: GPL-2.0
/*
 * globals.c - kernel/test/globals.bpf.c in the real kernel: a const
 * volatile knob set by name before load changes what the program counts,
 * a .data variable set before load is used, .bss variables the program
 * writes are read back by name, .rodata is frozen, and programs whose
 * subprograms were appended are accepted and run.  strings.bpf.o (string
 * literals and a static variable, relocated against their section) loads.
 *
 * Other processes exec all the time on a shared machine: the knob
 * filter_tgid makes the program count only our child's execve, so the
 * counts are exact.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/load/global_data.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "tests/kernel/vars.h"
#include "tests/tap.h"

static char obj_path[PATH_MAX], strings_path[PATH_MAX];

/* build/tests/kernel/globals.t -> build/test/globals.bpf.o */
static void find_obj(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *dir;

	exe[n > 0 ? n : 0] = '\0';
	dir = dirname(exe);
	snprintf(obj_path, sizeof(obj_path), "%s/../../test/globals.bpf.o",
		 dir);
	snprintf(strings_path, sizeof(strings_path),
		 "%s/../../test/strings.bpf.o", dir);
}

/* String literals and a static variable, relocated against sections. */
static void test_strings(void)
{
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	int ret;

	ret = bb_object_open(&o, strings_path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	ok(!ret, "strings.bpf.o (.rodata.str1.1, static .bss variable) loads");
	if (ret)
		bb_err_print(out_stderr, "# strings", &err);
	bb_object_close(o);
}

/* A child that waits for a byte on @fd, then execs /bin/true. */
static pid_t start_child(int fds[2])
{
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) == 1)
			execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	return pid;
}

static int run_child(pid_t pid, int fd)
{
	int status = -1;

	if (write(fd, "x", 1) != 1)
		return -1;
	close(fd);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The kernel's name for map @fd. */
static const char *kname(int fd, struct bpf_map_info *info)
{
	uint32_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	if (sys_obj_get_info_by_fd(fd, info, &len))
		return "?";
	return info->name;
}

/* Load with filter_tgid = @filter and step = @step, run one child. */
static struct bb_object *run(uint32_t filter_self, uint64_t step, pid_t *child)
{
	struct bb_err err = { 0 };
	struct bb_object *o = NULL;
	int fds[2], ret;
	uint32_t filter;
	pid_t pid;

	pid = start_child(fds);
	if (pid < 0)
		return NULL;
	*child = pid;
	filter = filter_self ? (uint32_t)getpid() : (uint32_t)pid;
	ret = bb_object_open(&o, obj_path, &err);
	if (!ret)
		ret = bb_object_set_var(o, "filter_tgid", &filter, sizeof(filter), &err);
	if (!ret)
		ret = bb_object_set_var(o, "step", &step, sizeof(step), &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	ok(!ret, "open, set filter_tgid and step by name, load, attach");
	if (ret)
		bb_err_print(out_stderr, "# globals", &err);
	is_int(run_child(pid, fds[1]), 0, "child ran /bin/true");
	if (ret) {
		bb_object_close(o);
		return NULL;
	}
	return o;
}

static void test_counted(void)
{
	struct bb_err err = { 0 };
	struct bpf_map_info info;
	uint32_t zero = 0, v = 1;
	struct bb_object *o;
	pid_t child;
	uint8_t buf[4];

	o = run(0, 5, &child);
	if (!o) {
		skip(9, "load failed");
		return;
	}
	is_int(get_u64(o, "hits"), 10, ".bss hits == 2 * step (add_twice calls add twice)");
	is_int(get_u32(o, "last_tgid"), child, ".bss last_tgid is the child's pid");
	is_int(get_u64(o, "exits"), 1, ".bss exits == 1 (count_exit shares add())");
	is_int(get_u64(o, "step"), 5, ".data step reads back as set before load");
	is_str(kname(bb_object_find_map(o, ".rodata")->fd, &info), ".rodata", "kernel map name .rodata");
	is_str(kname(bb_object_find_map(o, ".bss")->fd, &info), ".bss", "kernel map name .bss");
	is_int(sys_map_update_elem(bb_object_find_map(o, ".rodata")->fd, &zero, buf, 0),
	       -EPERM, ".rodata is frozen: BPF_MAP_UPDATE_ELEM is refused");
	is_int(bb_object_set_var(o, "filter_tgid", &v, sizeof(v), &err), -EPERM,
	       "setting a .rodata variable after load is refused");
	like(err.msg, "frozen", "... saying it is frozen");
	bb_object_close(o);
}

static void test_filtered(void)
{
	struct bb_object *o;
	pid_t child;

	/* We never exec: nothing may be counted. */
	o = run(1, 5, &child);
	if (!o) {
		skip(3, "load failed");
		return;
	}
	is_int(get_u64(o, "hits"), 0, "filter_tgid = our pid: the child's exec is not counted");
	is_int(get_u32(o, "last_tgid"), 0, "... and last_tgid stays 0");
	is_int(get_u64(o, "exits"), 0, "... nor its exit from execve");
	bb_object_close(o);
}

int main(void)
{
	if (geteuid() != 0) {
		plan(1);
		ok(0, "kernel tests need root");
		return 1;
	}
	find_obj();
	test_counted();
	test_filtered();
	test_strings();
	return done_testing();
}
