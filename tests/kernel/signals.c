// SPDX-License-Identifier: GPL-2.0
/*
 * signals.c - SIGINT and SIGTERM at random moments, 100 times
 * (BAREBPF_SIGNAL_RUNS: the VM tier runs fewer).
 *
 * build/procmon is started (table mode, --events=perf, --events=ringbuf,
 * --perf-link, in turn) and signalled after a random 0-120 ms.  Every
 * other pair of runs counts from the moment procmon has blocked SIGINT
 * and SIGTERM (SigBlk in /proc/PID/status), so that the signal lands while
 * it reads BTF, loads, attaches or dumps however long its start takes (an
 * ASan build on a busy machine needs tens of ms before main()); the others
 * count from fork.  Each run must end with status 0, or status 1 and a
 * "procmon: ..." message; the only other end allowed is death by the
 * signal itself when it lands before procmon blocked the signals (during
 * execve: nothing was created yet), which is counted, and cannot happen to
 * a run signalled after the block.
 *
 * Afterwards nothing of ours may remain: every program and map id that
 * did not exist before the first run and carries one of procmon's names
 * must be gone (freeing is RCU-deferred: we wait for it) unless a live
 * process holds it (someone else's procmon, on a shared machine).
 * Perf events and links hold their program, so a program that is gone
 * means its events and links are gone too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "elf/spec.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static int runs = 100;	/* BAREBPF_SIGNAL_RUNS: fewer in the VM tier */
#define MAX_NAMES 64

static char names[MAX_NAMES][BPF_OBJ_NAME_LEN];
static int nr_names;
static uint32_t prog_floor, map_floor;	/* highest ids before we start */

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void add_name(const char *n)
{
	if (nr_names < MAX_NAMES)
		snprintf(names[nr_names++], BPF_OBJ_NAME_LEN, "%s", n);
}

/* procmon's program and map names, as the kernel keeps them (15 bytes). */
static int collect_names(const char *build)
{
	static const char *objs[] = { "procmon.bpf.o", "procmon_events.bpf.o" };
	struct bb_err err = { 0 };
	struct obj_spec spec;
	char path[512];
	uint8_t *data;
	size_t len, o;
	uint32_t i;

	for (o = 0; o < 2; o++) {
		snprintf(path, sizeof(path), "%s/%s", build, objs[o]);
		if (file_read_all(path, &data, &len, &err))
			return -1;
		if (obj_spec_parse(&spec, data, len, &err)) {
			free(data);
			return -1;
		}
		for (i = 0; i < spec.nr_progs; i++)
			add_name(spec.progs[i].name);
		for (i = 0; i < spec.nr_maps; i++)
			add_name(spec.maps[i].kernel_name[0] ?
				 spec.maps[i].kernel_name : spec.maps[i].name);
		obj_spec_free(&spec);
		free(data);
	}
	return 0;
}

static int ours(const char *name)
{
	int i;

	for (i = 0; i < nr_names; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static uint32_t highest(int is_map)
{
	uint32_t id = 0, next;

	while (!(is_map ? sys_map_get_next_id(id, &next) :
		 sys_prog_get_next_id(id, &next)))
		id = next;
	return id;
}

/* Does any live process hold an fd to this program or map? */
static int held(uint32_t id, int is_map)
{
	const char *field = is_map ? "map_id:" : "prog_id:";
	char path[1024], line[256];
	struct dirent *p, *f;
	int found = 0;
	DIR *pd, *fd;

	pd = opendir("/proc");
	while (pd && !found && (p = readdir(pd))) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fdinfo", p->d_name);
		fd = opendir(path);
		while (fd && !found && (f = readdir(fd))) {
			FILE *in;

			snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s",
				 p->d_name, f->d_name);
			in = fopen(path, "r");
			while (in && fgets(line, sizeof(line), in))
				if (!strncmp(line, field, strlen(field)) &&
				    strtoul(line + strlen(field), NULL, 10) == id)
					found = 1;
			if (in)
				fclose(in);
		}
		if (fd)
			closedir(fd);
	}
	if (pd)
		closedir(pd);
	return found;
}

/* New ids with our names that nobody holds: our leftovers. */
static int leftovers(int is_map, char *what, size_t len)
{
	uint32_t id = is_map ? map_floor : prog_floor, next;
	int n = 0;

	what[0] = '\0';
	while (!(is_map ? sys_map_get_next_id(id, &next) :
		 sys_prog_get_next_id(id, &next))) {
		struct bpf_prog_info pi = { 0 };
		struct bpf_map_info mi = { 0 };
		uint32_t ilen = is_map ? sizeof(mi) : sizeof(pi);
		const char *name = is_map ? mi.name : pi.name;
		int fd, got;

		id = next;
		fd = is_map ? sys_map_get_fd_by_id(id) : sys_prog_get_fd_by_id(id);
		if (fd < 0)
			continue;	/* gone meanwhile */
		got = sys_obj_get_info_by_fd(fd, is_map ? (void *)&mi : (void *)&pi,
					     &ilen) == 0;
		sys_close(fd);	/* before looking for holders: not us */
		if (got && ours(name) && !held(id, is_map)) {
			n++;
			snprintf(what + strlen(what), len - strlen(what),
				 " %s %u '%s'", is_map ? "map" : "prog", id, name);
		}
	}
	return n;
}

/* Leftovers, once RCU-deferred frees had 5 s to happen. */
static int settle(char *what, size_t len)
{
	int tries, n = 0;

	for (tries = 0; tries < 50; tries++) {
		n = leftovers(0, what, len);
		if (!n)
			n = leftovers(1, what, len);
		if (!n)
			return 0;
		sleep_ms(100);
	}
	return n;
}

struct tally {
	int clean, error, early, bad;
	int late, late_clean;	/* signalled after procmon blocked them */
};

/* Has @pid blocked SIGINT and SIGTERM?  Waits up to 10 s for it. */
static int wait_blocked(pid_t pid)
{
	unsigned long long want = 1ULL << (SIGINT - 1) | 1ULL << (SIGTERM - 1);
	unsigned long long blk;
	char path[64], buf[2048], *p;
	ssize_t n;
	int fd, k;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	for (k = 0; k < 10000; k++) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return 0;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		p = strstr(buf, "\nSigBlk:");
		if (p && sscanf(p + 8, "%llx", &blk) == 1 &&
		    (blk & want) == want)
			return 1;
		if (strstr(buf, "\nState:\tZ"))
			return 0;	/* it ended already */
		sleep_ms(1);
	}
	return 0;
}

static void one_run(const char *procmon, int i, struct tally *t)
{
	static const char *modes[][4] = {
		{ "--interval", "20", NULL },
		{ "--events=perf", NULL },
		{ "--events=ringbuf", NULL },
		{ "--perf-link", "--interval", "20", NULL },
	};
	const char *const *m = modes[i % 4];
	int late = (i / 4) % 2;
	char *argv[6] = { (char *)procmon };
	char errbuf[512] = "";
	int sig = i % 2 ? SIGTERM : SIGINT, status = 0, k, efd;
	char errpath[] = "/tmp/bb_sig_XXXXXX";
	long delay = rand() % 120;
	pid_t pid;

	for (k = 0; m[k]; k++)
		argv[k + 1] = (char *)m[k];
	efd = mkstemp(errpath);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(efd, 2);
		execv(procmon, argv);
		_exit(127);
	}
	if (late && !wait_blocked(pid))
		late = 0;
	t->late += late;
	sleep_ms(delay);
	kill(pid, sig);
	for (k = 0; k < 1000 && waitpid(pid, &status, WNOHANG) == 0; k++)
		sleep_ms(10);
	if (k == 1000) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		t->bad++;
		diag("run %d: still running 10 s after %s", i, strsignal(sig));
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		t->clean++;
		t->late_clean += late;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
		ssize_t r = pread(efd, errbuf, sizeof(errbuf) - 1, 0);

		errbuf[r > 0 ? r : 0] = '\0';
		if (!strncmp(errbuf, "procmon: ", 9)) {
			t->error++;
		} else {
			t->bad++;
			diag("run %d: status 1, stderr '%s'", i, errbuf);
		}
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == sig && !late) {
		t->early++;
	} else {
		t->bad++;
		diag("run %d (%s after %ld ms): status %#x", i, strsignal(sig),
		     delay, status);
	}
	close(efd);
	unlink(errpath);
}

int main(void)
{
	const char *b = getenv("BUILD");
	char build[256], procmon[300], what[4096];
	struct tally t = { 0 };
	int i, n;

	if (geteuid() != 0)
		return skip_all("needs root (BPF and perf events)");
	snprintf(build, sizeof(build), "%s", b && *b ? b : "build");
	snprintf(procmon, sizeof(procmon), "%s/procmon", build);
	if (collect_names(build) || access(procmon, X_OK)) {
		ok(0, "read procmon's object files and find %s", procmon);
		return done_testing();
	}
	prog_floor = highest(0);
	map_floor = highest(1);
	srand(time(NULL));
	if (getenv("BAREBPF_SIGNAL_RUNS"))
		runs = atoi(getenv("BAREBPF_SIGNAL_RUNS"));
	for (i = 0; i < runs; i++)
		one_run(procmon, i, &t);
	ok(t.bad == 0, "%d signals at random moments: %d exited 0, %d with a message, "
	   "%d died of it before blocking signals, %d otherwise",
	   runs, t.clean, t.error, t.early, t.bad);
	ok(t.late > runs / 4 && t.late_clean > t.late / 2,
	   "of %d runs signalled after procmon blocked the signals, most (%d) were stopped cleanly",
	   t.late, t.late_clean);
	n = settle(what, sizeof(what));
	ok(n == 0, "no program or map of ours is left (%d:%s)", n, what);
	return done_testing();
}
