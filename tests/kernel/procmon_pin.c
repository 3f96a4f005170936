// SPDX-License-Identifier: GPL-2.0
/*
 * procmon_pin - procmon --pin keeps tracking while procmon is stopped,
 * and --unpin leaves nothing behind.
 *
 * Run 1 (--pin) attaches through pinned links; a process A starts while
 * it runs; it exits; a process B starts while no procmon runs; run 2
 * (--pin) must show A and B.  Then --unpin: the directory goes, and the
 * map and both programs disappear from the kernel (looked up by the ids
 * we noted, so other BPF users on this machine do not matter).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "loader/pin/pin.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static char procmon[512], dir[128];

/* Run procmon with @args; its stdout goes to @out (NULL: /dev/null). */
static int run(const char *const *args, char *out, size_t len)
{
	const char *argv[16] = { procmon };
	char sink[4096];
	int p[2], status = 0, i;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = args[i];
	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execv(procmon, (char **)argv);
		_exit(127);
	}
	close(p[1]);
	/* Drain the pipe even when nobody wants the output: closing it
	 * early killed procmon with SIGPIPE now and then. */
	while ((!out || n + 1 < len) &&
	       (r = read(p[0], out ? out + n : sink, out ? len - 1 - n : sizeof(sink))) > 0)
		n += out ? (size_t)r : 0;
	if (out)
		out[n] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static pid_t start_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/sleep", "sleep", "60", (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint32_t pinned_id(const char *name, int want_prog)
{
	struct bpf_link_info link = { 0 };
	struct bpf_map_info map = { 0 };
	struct bb_err err = { 0 };
	char path[256];
	uint32_t len;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = bb_pinned_open(path, &err);
	if (fd < 0)
		return 0;
	if (want_prog) {
		len = sizeof(link);
		if (sys_obj_get_info_by_fd(fd, &link, &len))
			link.prog_id = 0;
	} else {
		len = sizeof(map);
		if (sys_obj_get_info_by_fd(fd, &map, &len))
			map.id = 0;
	}
	sys_close(fd);
	return want_prog ? link.prog_id : map.id;
}

/* Is @pid in the pinned table yet?  Exec is recorded during execve(). */
static int in_table(pid_t pid)
{
	struct bb_err err = { 0 };
	char path[256], info[64];
	uint32_t key = pid;
	int fd, ret, tries;

	snprintf(path, sizeof(path), "%s/process_map", dir);
	fd = bb_pinned_open(path, &err);
	if (fd < 0)
		return 0;
	for (tries = 0; tries < 500; tries++) {
		ret = sys_map_lookup_elem(fd, &key, info, 0);
		if (ret != -ENOENT)
			break;
		pause_ms(10);
	}
	sys_close(fd);
	return ret == 0;
}

/* Freed objects leave the id table after an RCU grace period: poll. */
static int gone(int is_prog, uint32_t id)
{
	int tries, fd;

	for (tries = 0; tries < 1000; tries++) {
		fd = is_prog ? sys_prog_get_fd_by_id(id) :
			       sys_map_get_fd_by_id(id);
		if (fd == -ENOENT)
			return 1;
		if (fd >= 0)
			sys_close(fd);
		pause_ms(10);
	}
	return 0;
}

static int has_pid(const char *out, pid_t pid)
{
	char needle[64];

	snprintf(needle, sizeof(needle), "{\"pid\":%d,", (int)pid);
	return strstr(out, needle) != NULL;
}

int main(void)
{
	const char *pin_args[] = { "--pin", "--pin-dir", dir, "--json",
				   "--interval", "0", "--count", "1", NULL };
	const char *unpin_args[] = { "--unpin", "--pin-dir", dir, NULL };
	static char out[1 << 20];
	const char *b = getenv("BUILD");
	uint32_t map_id, exec_id, exit_id, old_exec = 0, old_exit = 0;
	pid_t a, bpid;

	if (geteuid())
		return skip_all("needs root");
	snprintf(procmon, sizeof(procmon), "%s/procmon", b && *b ? b : "build");
	snprintf(dir, sizeof(dir), "%s/barebpf-test-procmon-%d",
		 PIN_DIR_DEFAULT, (int)getpid());

	is_int(run(pin_args, NULL, 0), 0, "procmon --pin runs and exits");
	map_id = pinned_id("process_map", 0);
	exec_id = pinned_id("link_handle_exec", 1);
	exit_id = pinned_id("link_handle_exit", 1);
	ok(map_id && exec_id && exit_id,
	   "it left the table and two links pinned (map %u, progs %u %u)",
	   map_id, exec_id, exit_id);

	/* procmon is not running now: the pinned programs must see these. */
	a = start_sleeper();
	ok(in_table(a), "a process started while procmon is stopped is recorded");
	is_int(run(pin_args, out, sizeof(out)), 0, "procmon --pin again");
	ok(has_pid(out, a), "it shows that process (pid %d)", (int)a);
	is_int(pinned_id("process_map", 0), map_id, "with the same table");

	bpid = start_sleeper();
	ok(in_table(bpid), "another process, started after the second run");
	is_int(run(pin_args, out, sizeof(out)), 0, "procmon --pin a third time");
	ok(has_pid(out, a) && has_pid(out, bpid),
	   "it shows both: started before and after the last stop");
	/* Half a previous run: one link lost.  procmon starts afresh. */
	{
		struct bb_err err = { 0 };
		char path[256];

		snprintf(path, sizeof(path), "%s/link_handle_exit", dir);
		ok(!bb_unpin(path, &err), "remove one link pin: %s", err.msg);
		is_int(run(pin_args, out, sizeof(out)), 0,
		       "procmon --pin with one link missing");
		ok(pinned_id("link_handle_exit", 1) &&
		   pinned_id("link_handle_exec", 1) != exec_id,
		   "it loaded and pinned both links anew");
		is_int(pinned_id("process_map", 0), map_id,
		       "and kept the pinned table");
		ok(has_pid(out, a) && has_pid(out, bpid), "with its processes");
		old_exec = exec_id;
		old_exit = exit_id;
		exec_id = pinned_id("link_handle_exec", 1);
		exit_id = pinned_id("link_handle_exit", 1);
	}
	kill(a, SIGKILL);
	kill(bpid, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(bpid, NULL, 0);

	is_int(run(unpin_args, NULL, 0), 0, "procmon --unpin");
	ok(access(dir, F_OK) != 0, "the pin directory is gone");
	ok(gone(0, map_id), "the table left the kernel (map id %u)", map_id);
	ok(gone(1, exec_id) && gone(1, exit_id),
	   "both programs left the kernel (detached)");
	ok(old_exec && gone(1, old_exec) && gone(1, old_exit),
	   "and so did those of the first run, replaced or unpinned");
	is_int(run(unpin_args, NULL, 0), 0, "--unpin with nothing pinned is fine");
	return done_testing();
}
