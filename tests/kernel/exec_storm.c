// SPDX-License-Identifier: GPL-2.0
/*
 * exec_storm.c - procmon under load: 20,000 short-lived processes.
 *
 * build/procmon runs (a table every 100 ms) while two spawners each
 * fork and exec 10,000 times bb_storm, and four long-lived processes
 * (bb_live) are started after procmon attached.  Both are copies of this
 * test's own binary, which under those names exits at once or sleeps (so
 * the test needs no /bin/true: the VM tier has only busybox; it sets
 * BAREBPF_STORM to run fewer, as qemu without KVM is slow).  Afterwards, reading procmon's process_map by id:
 *   - no bb_storm is left (every one exited, so exit removed it), counting
 *     only those our spawners started (their ppid): another copy of this
 *     test may be running;
 *   - every bb_live is there;
 *   - no stale entry at all: a pid in the map whose /proc entry is gone
 *     (even a zombie still has one) and that is still in the map when
 *     read again is an exit the BPF side missed;
 *   - procmon kept printing tables during the storm and stops with 0.
 * Then the table full: procmon with build/test/procmon_small.bpf.o (a
 * 32-entry process_map) while 48 bb_live run: the map is full, procmon
 * reports the execs that did not fit ({"table_full":N}, N >= 16: other
 * processes of the machine may take slots too), and once they are killed
 * none of them is left in the map.
 * The map is found through /proc/PID/fdinfo of our procmon, so other BPF
 * users of the machine do not matter.
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
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define SPAWNERS 2
#define LIVE 4

static int per_spawner = 10000;

static char dir[] = "/tmp/bb_storm_XXXXXX";
static char storm_bin[64], live_bin[64];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	return close(out);
}

/* Lines of procmon's output that start a table. */
static int tables(const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n += !strncmp(line, "PID ", 4);
	if (f)
		fclose(f);
	return n;
}

/* The fd of the map called process_map that process @pid holds. */
static int procmon_map(pid_t pid)
{
	char path[300], line[256];
	struct dirent *de;
	DIR *d;
	int fd = -1;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo", pid);
	d = opendir(path);
	while (d && fd < 0 && (de = readdir(d))) {
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", pid, de->d_name);
		f = fopen(path, "r");
		while (f && fd < 0 && fgets(line, sizeof(line), f)) {
			struct bpf_map_info mi = { 0 };
			__u32 len = sizeof(mi);
			int m;

			if (strncmp(line, "map_id:", 7))
				continue;
			m = sys_map_get_fd_by_id(strtoul(line + 7, NULL, 10));
			if (m >= 0 && !sys_obj_get_info_by_fd(m, &mi, &len) &&
			    !strcmp(mi.name, "process_map"))
				fd = m;
			else if (m >= 0)
				close(m);
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return fd;
}

/* Start procmon with @args, its stdout to @out; 0 once it printed. */
static pid_t start_procmon(const char *procmon, const char *out,
			   char *const *args)
{
	char *argv[8] = { (char *)procmon };
	pid_t pm;
	int i;

	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	pm = fork();
	if (pm == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(fd, 1);
		execv(procmon, argv);
		_exit(127);
	}
	return pm;
}

static int stop_procmon(pid_t pm)
{
	int st;

	kill(pm, SIGINT);
	waitpid(pm, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static pid_t start_live(void)
{
	pid_t p = fork();

	if (p == 0) {
		execl(live_bin, live_bin, "3600", (char *)NULL);
		_exit(127);
	}
	return p;
}

static void stop_live(const pid_t *live, int n)
{
	int i, st;

	for (i = 0; i < n; i++) {
		kill(live[i], SIGKILL);
		waitpid(live[i], &st, 0);
	}
}

static void spawner(void)
{
	char *argv[] = { storm_bin, NULL };
	int i, st;

	for (i = 0; i < per_spawner; i++) {
		pid_t p = fork();

		if (p == 0) {
			execv(storm_bin, argv);
			_exit(127);
		}
		if (p < 0 || waitpid(p, &st, 0) < 0)
			_exit(1);
	}
	_exit(0);
}

struct census {
	int entries, storm, live, stale;
};

/*
 * Our spawners: a bb_storm counts only if one of them is its parent.
 * Another copy of this test may run on the machine (other developers'
 * suites), and its bb_storm processes are alive while we count.
 */
static pid_t sp[SPAWNERS];

static int our_storm(const struct proc_info *v)
{
	int i;

	if (strncmp(v->comm, "bb_storm", 8))
		return 0;
	for (i = 0; i < SPAWNERS; i++)
		if (v->ppid == (__u32)sp[i])
			return 1;
	return 0;
}

static void take_census(int map, const pid_t *live, int nr_live,
			 struct census *c)
{
	struct proc_info v;
	__u32 key, next;
	int first = 1, i;

	memset(c, 0, sizeof(*c));
	while (!sys_map_get_next_key(map, first ? NULL : &key, &next)) {
		char path[64];

		first = 0;
		key = next;
		if (sys_map_lookup_elem(map, &key, &v, 0))
			continue;	/* deleted meanwhile */
		c->entries++;
		c->storm += our_storm(&v);
		for (i = 0; i < nr_live; i++)
			c->live += (__u32)live[i] == key;
		snprintf(path, sizeof(path), "/proc/%u", key);
		/* Gone from /proc, yet still in the map: a missed exit. */
		if (access(path, F_OK) && !sys_map_lookup_elem(map, &key, &v, 0)) {
			c->stale++;
			diag("stale: pid %u comm %.16s", key, v.comm);
		}
	}
}

/* Kill @live: they must leave the map; then stop procmon. */
static void finish(pid_t pm, int map, const pid_t *live, int n)
{
	struct census c;

	stop_live(live, n);
	sleep_ms(100);
	take_census(map, live, n, &c);
	is_int(c.live, 0, "the %d killed bb_live are gone from the map", n);
	ok(stop_procmon(pm), "SIGINT: procmon exits with 0");
	close(map);
}

static void storm(const char *procmon, const char *out)
{
	char *args[] = { "--interval", "100", NULL };
	pid_t pm, live[LIVE];
	int i, st, map, before, ok_spawn = 1;
	struct census c;

	pm = start_procmon(procmon, out, args);
	/* Attached once the first table is out (it is printed after attach). */
	for (i = 0; i < 200 && !tables(out); i++)
		sleep_ms(50);
	map = procmon_map(pm);
	if (!ok(map >= 0 && tables(out), "procmon started; its process_map found by id")) {
		kill(pm, SIGKILL);
		waitpid(pm, &st, 0);
		return;
	}
	for (i = 0; i < LIVE; i++)
		live[i] = start_live();
	before = tables(out);
	for (i = 0; i < SPAWNERS; i++) {
		sp[i] = fork();
		if (sp[i] == 0)
			spawner();
	}
	for (i = 0; i < SPAWNERS; i++)
		ok_spawn &= waitpid(sp[i], &st, 0) == sp[i] && WIFEXITED(st) &&
			    !WEXITSTATUS(st);
	ok(ok_spawn, "%d spawners ran %d processes each (%d in all)", SPAWNERS,
	   per_spawner, SPAWNERS * per_spawner);
	sleep_ms(300);	/* another table or two */
	ok(tables(out) > before + 1, "procmon kept printing (%d tables during the storm)",
	   tables(out) - before);
	take_census(map, live, LIVE, &c);
	diag("process_map: %d entries, %d bb_storm, %d of %d bb_live, %d stale",
	     c.entries, c.storm, c.live, LIVE, c.stale);
	is_int(c.storm, 0, "no bb_storm of ours left in the map: every exit was seen");
	is_int(c.live, LIVE, "every bb_live (exec'd after attach, alive) is there");
	is_int(c.stale, 0, "no entry whose process is gone");
	finish(pm, map, live, LIVE);
}

#define HOLD 48		/* procmon_small.bpf.o's table has 32 entries */

/* The largest "table_full" procmon printed so far in @out (JSON). */
static unsigned long long table_full(const char *out)
{
	unsigned long long n = 0, v;
	char line[256];
	FILE *f = fopen(out, "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "{\"table_full\":%llu", &v) == 1 && v > n)
			n = v;
	if (f)
		fclose(f);
	return n;
}

static void full(const char *procmon, const char *small, const char *out)
{
	char *args[] = { "--obj", (char *)small, "--json", "--interval", "50", NULL };
	pid_t pm, live[HOLD];
	int i, st, map = -1;
	struct census c;

	pm = start_procmon(procmon, out, args);
	/* Attached once a process we start shows up in the map. */
	for (i = 0; i < 200 && (map = procmon_map(pm)) < 0; i++)
		sleep_ms(50);
	for (i = 0; map >= 0 && i < 100; i++) {
		struct proc_info v;
		pid_t probe = start_live();
		__u32 key = probe;
		int seen;

		sleep_ms(50);
		seen = !sys_map_lookup_elem(map, &key, &v, 0);
		stop_live(&probe, 1);
		if (seen)
			break;
	}
	sleep_ms(100);	/* the probe's exit */
	if (!ok(map >= 0 && i < 100, "procmon with a 32-entry table started")) {
		kill(pm, SIGKILL);
		waitpid(pm, &st, 0);
		return;
	}
	for (i = 0; i < HOLD; i++)
		live[i] = start_live();
	sleep_ms(300);
	take_census(map, live, HOLD, &c);
	diag("process_map: %d entries, %d of %d bb_live, %d stale", c.entries,
	     c.live, HOLD, c.stale);
	ok(c.entries <= 32 && c.live <= 32, "the map holds at most its 32 entries");
	for (i = 0; i < 40 && table_full(out) < HOLD - 32; i++)
		sleep_ms(50);
	ok(table_full(out) >= HOLD - 32,
	   "procmon reports the execs that did not fit: table_full %llu (>= %d)",
	   table_full(out), HOLD - 32);
	is_int(c.stale, 0, "no entry whose process is gone");
	finish(pm, map, live, HOLD);
}

int main(int argc, char **argv)
{
	const char *b = getenv("BUILD"), *me = strrchr(argv[0], '/');
	char procmon[300], small[300], out[128];

	me = me ? me + 1 : argv[0];
	if (!strcmp(me, "bb_storm"))
		return 0;
	if (!strcmp(me, "bb_live")) {
		sleep(argc > 1 ? atoi(argv[1]) : 3600);	/* killed by the test */
		return 0;
	}
	if (getenv("BAREBPF_STORM"))
		per_spawner = atoi(getenv("BAREBPF_STORM")) / SPAWNERS;
	if (geteuid() != 0)
		return skip_all("needs root (BPF and perf events)");
	snprintf(procmon, sizeof(procmon), "%s/procmon", b && *b ? b : "build");
	snprintf(small, sizeof(small), "%s/test/procmon_small.bpf.o",
		 b && *b ? b : "build");
	if (!mkdtemp(dir))
		return skip_all("no temporary directory");
	snprintf(storm_bin, sizeof(storm_bin), "%s/bb_storm", dir);
	snprintf(live_bin, sizeof(live_bin), "%s/bb_live", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	ok(!copy_file("/proc/self/exe", storm_bin) && !copy_file("/proc/self/exe", live_bin),
	   "copies of this test named bb_storm and bb_live");
	storm(procmon, out);
	full(procmon, small, out);
	unlink(storm_bin);
	unlink(live_bin);
	unlink(out);
	rmdir(dir);
	return done_testing();
}
