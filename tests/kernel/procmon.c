// SPDX-License-Identifier: GPL-2.0
/*
 * procmon.c - procmon in the real kernel.
 *
 *  1. the library's load/attach/close leaves nothing of ours behind;
 *  2. build/procmon, started for real: a process with a distinctive comm
 *     appears in its map with the right pid, ppid and comm, and in its
 *     printed table; once it exits it is gone;
 *  3. 200 processes alive at once are all in the map; after they exit
 *     none is left;
 *  4. SIGINT: exit status 0, and every program and map it had is gone.
 *
 * The map is read by id, found in /proc/PID/fdinfo of the procmon process,
 * so other BPF users on the machine cannot confuse the test.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/types.h>
#include "kernel/procmon.h"
#include "loader/maps/map.h"
#include "loader/object/object.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define OBJ "build/procmon.bpf.o"
#define PROCMON "build/procmon"
#define MANY 200

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Ids of the bpf maps ("map_id:") or programs ("prog_id:") @pid holds. */
static int fdinfo_ids(pid_t pid, const char *field, __u32 *ids, int max)
{
	char dir[64], path[384], line[256];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fdinfo", pid);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d)) && n < max) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, field, strlen(field)))
				ids[n++] = strtoul(line + strlen(field), NULL, 10);
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Is any of these ids still alive?  Freeing is RCU-deferred: wait 5 s. */
static int ids_alive(const __u32 *ids, int n, int is_map)
{
	int i, alive = 0, tries;

	for (tries = 0; tries < 100; tries++) {
		alive = 0;
		for (i = 0; i < n; i++) {
			int fd = is_map ? sys_map_get_fd_by_id(ids[i]) :
					  sys_prog_get_fd_by_id(ids[i]);
			if (fd >= 0) {
				close(fd);
				alive++;
			}
		}
		if (!alive)
			break;
		sleep_ms(50);
	}
	return alive;
}

static int count_fds(void)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && (de = readdir(d)))
		n++;
	if (d)
		closedir(d);
	return n;
}

static __u32 fd_id(int fd, int is_map)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	__u32 len = is_map ? sizeof(mi) : sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	memset(&mi, 0, sizeof(mi));
	if (sys_obj_get_info_by_fd(fd, is_map ? (void *)&mi : (void *)&pi, &len))
		return 0;
	return is_map ? mi.id : pi.id;
}

static void test_library_teardown(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	__u32 maps[8], progs[8];
	int before = count_fds(), nm = 0, np = 0, ret;
	unsigned i;

	ret = bb_object_open(&obj, OBJ, &err);
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (!ret)
		ret = bb_object_attach(obj, &err);
	if (!ok(ret == 0, "library: %s loads and attaches", OBJ)) {
		diag("%s", err.msg);
		bb_object_close(obj);
		return;
	}
	for (i = 0; i < obj->spec.nr_maps && nm < 8; i++)
		maps[nm++] = fd_id(obj->maps[i].fd, 1);
	for (i = 0; i < obj->spec.nr_progs && np < 8; i++) {
		progs[np++] = fd_id(obj->progs[i].fd, 0);
		ok(obj->progs[i].attach_fd >= 0, "library: %s attached",
		   obj->progs[i].spec->name);
	}
	is_int(nm, 3, "library: three maps created");
	is_int(np, 2, "library: two programs loaded");
	bb_object_close(obj);
	is_int(count_fds(), before, "library: bb_object_close closed every fd");
	is_int(ids_alive(maps, nm, 1), 0, "library: no map of ours remains");
	is_int(ids_alive(progs, np, 0), 0, "library: no program of ours remains");
}

struct procmon {
	pid_t pid;
	FILE *out;
	int map_fd;
};

/*
 * Read procmon's output for a line containing @needle (NULL: any line).
 * procmon writes to a file, not a pipe: a pipe we stop reading would fill
 * up and block procmon in write(), where no signal is ever seen.
 */
static int wait_line(struct procmon *pm, const char *needle, char *line,
		     size_t len, int timeout_ms)
{
	for (; timeout_ms > 0; timeout_ms -= 50) {
		while (fgets(line, len, pm->out))
			if (!needle || strstr(line, needle))
				return 0;
		clearerr(pm->out);	/* EOF for now: procmon writes more */
		sleep_ms(50);
	}
	return -1;
}

static int start_procmon(struct procmon *pm)
{
	char line[512], path[64];
	__u32 ids[4];
	int fd;

	snprintf(path, sizeof(path), "/tmp/bbpm_out%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	pm->out = fopen(path, "r");
	unlink(path);
	if (fd < 0 || !pm->out)
		return -1;
	pm->pid = fork();
	if (pm->pid == 0) {
		dup2(fd, 1);
		execl(PROCMON, PROCMON, "--interval", "100", (char *)NULL);
		_exit(127);
	}
	close(fd);
	/* The first table is printed after attach: then exec is traced. */
	if (wait_line(pm, "PID", line, sizeof(line), 10000))
		return -1;
	if (fdinfo_ids(pm->pid, "map_id:", ids, 4) != 3)
		return -1;
	/* process_map is created first (it comes first in .maps). */
	pm->map_fd = sys_map_get_fd_by_id(ids[0] < ids[1] ?
					  (ids[0] < ids[2] ? ids[0] : ids[2]) :
					  (ids[1] < ids[2] ? ids[1] : ids[2]));
	return pm->map_fd >= 0 ? 0 : -1;
}

static int lookup(struct procmon *pm, pid_t pid, struct proc_info *info)
{
	__u32 key = pid;

	return sys_map_lookup_elem(pm->map_fd, &key, info, 0);
}

/* How many of @pids are in the map, waiting up to 10 s for all of them. */
static int wait_present(struct procmon *pm, const pid_t *pids, int n)
{
	struct proc_info info;
	int i, present = 0, tries;

	for (tries = 0; tries < 200 && present < n; tries++) {
		if (tries)
			sleep_ms(50);
		for (present = 0, i = 0; i < n; i++)
			present += lookup(pm, pids[i], &info) == 0;
	}
	return present;
}

/* A process whose comm is @name: a symlink to @target, exec'd. */
static pid_t spawn_named(const char *link, const char *target, int in_fd,
			 char *const argv[])
{
	pid_t pid;

	unlink(link);
	if (symlink(target, link))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (in_fd >= 0)
			dup2(in_fd, 0);
		execv(link, argv);
		_exit(127);
	}
	return pid;
}

static void test_one_process(struct procmon *pm)
{
	char link[64], comm[32], line[512], pidstr[16];
	char *argv[] = { "sleep", "30", NULL };	/* busybox picks its applet by argv[0] */
	struct proc_info info;
	pid_t child;
	int status;

	snprintf(comm, sizeof(comm), "bbpm%d", (int)getpid() % 100000);
	snprintf(link, sizeof(link), "/tmp/%s", comm);
	child = spawn_named(link, "/bin/sleep", -1, argv);
	ok(child > 0, "spawned %s (pid %d)", comm, child);
	/* The entry appears when the child is through exec: poll for it. */
	if (!ok(wait_present(pm, &child, 1) == 1, "the process is in process_map") ||
	    lookup(pm, child, &info))
		memset(&info, 0, sizeof(info));
	is_int(info.pid, child, "its pid");
	is_int(info.ppid, getpid(), "its ppid is the test's pid");
	is_str(info.comm, comm, "its comm");
	ok(info.exec_ns > 0, "its exec time is set");
	snprintf(pidstr, sizeof(pidstr), "%d ", child);
	ok(wait_line(pm, pidstr, line, sizeof(line), 5000) == 0 &&
	   strstr(line, comm), "procmon prints it: %.60s", line);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	unlink(link);
	/* sched_process_exit runs before the parent can reap the child. */
	is_int(lookup(pm, child, &info), -ENOENT, "gone from the map once it exited");
}

static void test_many(struct procmon *pm)
{
	char *argv[] = { "cat", NULL };
	char link[64];
	pid_t pids[MANY];
	struct proc_info info;
	int pfd[2], i, present = 0, stale = 0, status;

	snprintf(link, sizeof(link), "/tmp/bbpm_cat%d", (int)getpid() % 10000);
	/* O_CLOEXEC: no cat may keep the write end open past exec. */
	if (pipe2(pfd, O_CLOEXEC))
		return;
	/* Each cat blocks on the pipe until we close its write end. */
	pids[0] = spawn_named(link, "/bin/cat", pfd[0], argv);
	for (i = 1; i < MANY; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			dup2(pfd[0], 0);
			execv(link, argv);
			_exit(127);
		}
	}
	close(pfd[0]);
	present = wait_present(pm, pids, MANY);
	is_int(present, MANY, "%d live processes are all in the map", MANY);
	close(pfd[1]);
	for (i = 0; i < MANY; i++)
		waitpid(pids[i], &status, 0);
	for (i = 0; i < MANY; i++)
		stale += lookup(pm, pids[i], &info) == 0;
	is_int(stale, 0, "after they exited, no stale entry is left");
	unlink(link);
}

static void test_sigint(struct procmon *pm)
{
	__u32 maps[8], progs[8];
	int nm, np, status = -1;

	nm = fdinfo_ids(pm->pid, "map_id:", maps, 8);
	np = fdinfo_ids(pm->pid, "prog_id:", progs, 8);
	ok(nm == 3 && np == 2, "procmon holds 3 maps and 2 programs");
	close(pm->map_fd);
	kill(pm->pid, SIGINT);
	waitpid(pm->pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "SIGINT: procmon exits with status 0 (status %#x)", status);
	fclose(pm->out);
	is_int(ids_alive(maps, nm, 1), 0, "no map of procmon's remains");
	is_int(ids_alive(progs, np, 0), 0, "no program of procmon's remains");
}

int main(void)
{
	struct procmon pm = { 0 };

	if (geteuid() != 0)
		return skip_all("needs root");
	alarm(120);	/* a hang is a failure, not a stuck CI run */
	test_library_teardown();
	if (!ok(start_procmon(&pm) == 0, "procmon started and attached")) {
		if (pm.pid > 0)
			kill(pm.pid, SIGKILL);
		return done_testing();
	}
	test_one_process(&pm);
	test_many(&pm);
	test_sigint(&pm);
	return done_testing();
}
