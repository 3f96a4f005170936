// SPDX-License-Identifier: GPL-2.0
/*
 * runstat - run commands N times each, taking turns (A B C A B C ...);
 * print for each its median wall time to its first output and to its
 * exit, its largest peak RSS, and its median CPU time (user + system).
 *
 *	runstat [-r] [-k] [-x] N COMMAND [ARG...] [-- COMMAND [ARG...]]...
 *
 * The command's stdout is a pseudo-terminal, so a C program's stdio is
 * line buffered as it would be for a user.  With -r the command gets
 * SIGINT as soon as its first byte of output comes (a tool that runs
 * until Ctrl+C prints its header once it is ready).  With -k the command
 * is killed by a seccomp filter at its first bpf(2) call, and only its
 * CPU time up to there counts (no output is awaited): what user space
 * spends before it asks the kernel anything.  With -x a run counts
 * whatever its exit status (a loader that reports refused programs).
 * Prints one line per command:
 *	first_ms exit_ms max_rss_kib runs cpu_ms first_ratio cpu_ratio exit_ratio user_ms
 * (medians of the runs that printed something and exited with 0, or by
 * the signal we sent); the ratios are the first command's figure over
 * this one's, run by run (each run paired with the first command's run of
 * the same turn), their median: below 1 the first command is faster.
 */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* -k: from exec on, the first bpf(2) call kills the process. */
static void kill_at_bpf(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_bpf, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		_exit(126);
}

static pid_t spawn(char **argv, int *master, int killbpf)
{
	pid_t pid;
	int slave;

	*master = posix_openpt(O_RDWR | O_NOCTTY);
	if (*master < 0 || grantpt(*master) || unlockpt(*master))
		return -1;
	pid = fork();
	if (pid)
		return pid;
	setsid();
	slave = open(ptsname(*master), O_RDWR);
	dup2(slave, 1);
	dup2(open("/dev/null", O_WRONLY), 2);
	if (killbpf)
		kill_at_bpf();
	execvp(argv[0], argv);
	_exit(127);
}

/* Read what the command writes; 1 once anything came, 0 at EOF. */
static int drain(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[4096];

	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	return read(fd, buf, sizeof(buf)) > 0;
}

struct times {
	double first, exit, cpu, user;
};

static int any_status;	/* -x */

enum { MODE_EXIT, MODE_READY, MODE_KILLBPF };

/* One run: 0 and its times in ms, or -1; *rss gets the peak RSS so far. */
static int run(char **argv, int mode, struct times *t, long *rss)
{
	struct rusage ru;
	double t0 = now_ms();
	int master, status;
	pid_t pid = spawn(argv, &master, mode == MODE_KILLBPF);

	t->first = -1;
	if (pid < 0)
		return -1;
	while (wait4(pid, &status, WNOHANG, &ru) == 0) {
		if (drain(master, 10) && t->first < 0) {
			t->first = now_ms() - t0;
			if (mode == MODE_READY)
				kill(pid, SIGINT);
		}
	}
	t->exit = now_ms() - t0;
	t->cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		 (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	t->user = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3;
	close(master);
	if (ru.ru_maxrss > *rss)
		*rss = ru.ru_maxrss;
	if (mode == MODE_KILLBPF)
		return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS ? 0 : -1;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT && mode == MODE_READY)
		return t->first < 0 ? -1 : 0;
	if (t->first < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) && !any_status ? -1 : 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of @n values (sorted in place), or -1 when there are none. */
static double median(double *v, int n)
{
	if (n < 1)
		return -1;
	qsort(v, n, sizeof(*v), cmp);
	return v[n / 2];
}

#define MAX_CMDS 8

struct cmd {
	char **argv;
	struct times *t;	/* one per turn; first < 0: that run failed */
	long rss;
};

/* Split "A... -- B... -- C..." in place. */
static int split(char **argv, struct cmd *cmds)
{
	int n = 0;

	while (*argv && n < MAX_CMDS) {
		cmds[n++].argv = argv;
		while (*argv && strcmp(*argv, "--"))
			argv++;
		if (*argv)
			*argv++ = NULL;
	}
	return n;
}

/* Field @k of struct times (first, exit, cpu, user) as an array. */
static double field(const struct times *t, int k)
{
	return (&t->first)[k];
}

/*
 * The median of field @k over the runs that worked; with @base, of the
 * runs' own ratios base / this.  *@ok gets how many runs counted.
 */
static double med(const struct cmd *c, const struct cmd *base, int k,
		  int runs, double *v, int *ok)
{
	int i, m = 0;

	for (i = 0; i < runs; i++) {
		if (c->t[i].cpu < 0 || (base && (base->t[i].cpu < 0 ||
						 field(&c->t[i], k) <= 0)))
			continue;
		v[m++] = base ? field(&base->t[i], k) / field(&c->t[i], k) :
				field(&c->t[i], k);
	}
	*ok = m;
	return median(v, m);
}

/* Prints one command's line; @base is the first command (ratios). */
static void report(const struct cmd *c, const struct cmd *base, int runs,
		   double *v)
{
	double first, exit_ms, cpu, user, r[3];
	int k, ok, n;

	first = med(c, NULL, 0, runs, v, &ok);
	exit_ms = med(c, NULL, 1, runs, v, &ok);
	cpu = med(c, NULL, 2, runs, v, &ok);
	user = med(c, NULL, 3, runs, v, &ok);
	for (k = 0; k < 3; k++)
		r[k] = med(c, base, k, runs, v, &n);
	if (!ok) {
		printf("- - %ld 0 - - - - -\n", c->rss);
		return;
	}
	/* struct times is first, exit, cpu: r[] in that order. */
	printf("%.1f %.1f %ld %d %.2f %.3f %.3f %.3f %.2f\n", first, exit_ms, c->rss,
	       ok, cpu, r[0], r[2], r[1], user);
}

int main(int argc, char **argv)
{
	struct cmd cmds[MAX_CMDS] = { 0 };
	int mode = MODE_EXIT, n, i, j, ncmd, bad = 0;
	double *v;

	while (argc > 1 && argv[1][0] == '-' && argv[1][1] != '-' && argv[1][1]) {
		if (argv[1][1] == 'x')
			any_status = 1;
		else
			mode = argv[1][1] == 'k' ? MODE_KILLBPF : MODE_READY;
		argv++, argc--;
	}
	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: runstat [-r] [-k] [-x] N COMMAND [ARG...] [-- COMMAND [ARG...]]...\n");
		return 2;
	}
	ncmd = split(argv + 2, cmds);
	v = calloc(n, sizeof(*v));
	for (j = 0; j < ncmd; j++)
		cmds[j].t = calloc(n, sizeof(struct times));
	for (i = 0; i < n; i++)
		for (j = 0; j < ncmd; j++) {
			struct times *t = &cmds[j].t[i];

			if (!t || run(cmds[j].argv, mode, t, &cmds[j].rss))
				t->cpu = -1;
		}
	for (j = 0; j < ncmd; j++) {
		report(&cmds[j], &cmds[0], n, v);
		bad |= cmds[j].t[0].cpu < 0 && n == 1;
	}
	return bad;
}
