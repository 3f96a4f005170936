// SPDX-License-Identifier: GPL-2.0
/*
 * skeleton.c - a generated skeleton (`barebpf gen skeleton`, here of
 * kernel/test/skeleton.bpf.c, built by make into build/skel/test/) driven
 * end to end in the real kernel, as a tutorial's program drives libbpf's:
 * open, set a .rodata knob, load, write .data through its mmap, attach,
 * see a real exec counted in a map and in .bss, detach (a later exec is
 * not counted), destroy - and no fd is left behind.
 *
 * Other processes exec all the time on a shared machine: the knob
 * target_tgid makes the program count only our child's execve calls.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test/skeleton.skel.h"
#include "tests/tap.h"

/* How many fds this process has open (/proc/self/fd, less opendir's). */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;
}

/*
 * A child that waits for a byte on the pipe, then execs sh, which waits
 * for a line on the same pipe and then execs /bin/true: two execs of one
 * process, at times we choose.
 */
static pid_t start_child(int fds[2])
{
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) == 1 && dup2(fds[0], 0) == 0)
			execl("/bin/sh", "sh", "-c", "read -r x; exec /bin/true",
			      (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	return pid;
}

/* Wait (at most 10 s) until the program has counted @want execs. */
static int wait_execs(const struct skeleton *skel, __u64 want)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 1000 && skel->bss->execs < want; i++)
		nanosleep(&ts, NULL);
	return skel->bss->execs == want;
}

static void test_run(struct skeleton *skel, pid_t child, int fd)
{
	__u32 tgid = child;
	__u64 n = 0;
	int status = 0, ret;

	skel->data->step = 3;	/* after load: the programs see it at once */
	ok(!skeleton__attach(skel), "skeleton__attach()");
	ok(skel->links.on_exec && bb_link_fd(skel->links.on_exec) >= 0,
	   "skel->links.on_exec holds the attachment");
	ok(write(fd, "x", 1) == 1, "the child is told to exec sh");
	ok(wait_execs(skel, 3), "skel->bss->execs: 3 (one exec, by steps of skel->data->step = 3)");
	ok(skel->bss->seen == 3, "skel->bss->seen: 1 + the .rodata knob flag (2), got %u",
	   skel->bss->seen);
	/* sys_enter_execve: still the forked child of skeleton.t */
	ok(!strcmp(skel->bss->last_comm, "skeleton.t"),
	   "skel->bss->last_comm: the exec's caller (%.16s)", skel->bss->last_comm);
	ok(skel->bss->small[2] == 1, "skel->bss->small[2] (after padding and a char array): 1");
	ret = bb_map_lookup(skel->maps.exec_count, &tgid, &n, 0);
	ok(!ret && n == 1, "skel->maps.exec_count[child] = 1 (got %llu, %d)",
	   (unsigned long long)n, ret);
	skeleton__detach(skel);
	ok(!skel->links.on_exec, "skeleton__detach() clears skel->links");
	ok(write(fd, "go\n", 3) == 3, "sh is told to exec /bin/true");
	ok(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
	   WEXITSTATUS(status) == 0, "the child exited 0");
	ret = bb_map_lookup(skel->maps.exec_count, &tgid, &n, 0);
	ok(skel->bss->execs == 3 && !ret && n == 1,
	   "its exec after the detach is not counted");
}

/* bb_err_report(): "who: line" on stderr (fd 2), written at once. */
static void test_report(void)
{
	struct bb_err err = { "the line", 0 };
	char path[] = "/tmp/skeleton_report_XXXXXX", buf[64] = "";
	int fd = mkstemp(path), saved = dup(2);
	ssize_t n = -1;

	if (fd >= 0 && saved >= 0 && dup2(fd, 2) == 2) {
		bb_err_report("who", &err);
		dup2(saved, 2);
		n = pread(fd, buf, sizeof(buf) - 1, 0);
	}
	ok(n == 14 && !strcmp(buf, "who: the line\n"),
	   "bb_err_report() writes 'who: the line' to stderr");
	if (fd >= 0)
		close(fd);
	if (saved >= 0)
		close(saved);
	unlink(path);
}

/* The public functions skeletons stand on, where they must refuse. */
static void test_refusals(struct skeleton *skel)
{
	struct bb_err err = { { 0 }, 0 };
	struct bb_object *obj = NULL;
	int ret;

	ret = bb_object_open_packed(&obj, skeleton__packed,
				    sizeof(skeleton__packed) - 1, 100000,
				    "cut.bpf.o", &err);
	ok(ret == -EINVAL && !obj && strstr(err.msg, "cut.bpf.o"),
	   "bb_object_open_packed() of cut bytes: -EINVAL naming it (%s)", err.msg);
	bb_err_free(&err);
	test_report();
	errno = 0;
	ok(!bb_map_global_data(skel->maps.exec_count, NULL) && errno == EINVAL,
	   "bb_map_global_data() of a hash map: NULL, EINVAL");
}

int main(void)
{
	struct skeleton *skel;
	int fds_before = count_fds(), fds[2] = { -1, -1 };
	pid_t child;

	skel = skeleton__open();
	ok(skel != NULL, "skeleton__open()");
	if (!skel)
		return done_testing();
	ok(skel->maps.exec_count && skel->progs.on_exec && skel->bss &&
	   skel->data && skel->rodata, "maps, progs, bss, data, rodata are set");
	ok(skel->data->step == 1, "skel->data->step: its initial value (1) before load");
	test_refusals(skel);
	child = start_child(fds);
	ok(child > 0, "a child to watch");
	skel->rodata->target_tgid = child;
	skel->rodata->flag = 2;
	ok(!skeleton__load(skel), "skeleton__load()");
	ok(bb_map_fd(skel->maps.exec_count) >= 0, "bb_map_fd(skel->maps.exec_count) is an fd");
	if (child > 0)
		test_run(skel, child, fds[1]);
	skeleton__destroy(skel);
	skeleton__destroy(NULL);
	close(fds[1]);
	ok(count_fds() == fds_before, "no fd left open after skeleton__destroy() (%d, was %d)",
	   count_fds(), fds_before);
	return done_testing();
}
