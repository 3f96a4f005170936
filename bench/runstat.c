// SPDX-License-Identifier: GPL-2.0
/*
 * runstat - run a command N times; print the median wall time to its
 * first output and to its exit, and the largest peak RSS (getrusage of
 * the children, ru_maxrss).
 *
 *	runstat [-r] N COMMAND [ARG...]
 *
 * The command's stdout is a pseudo-terminal, so a C program's stdio is
 * line buffered as it would be for a user.  With -r the command gets
 * SIGINT as soon as its first byte of output comes (a tool that runs
 * until Ctrl+C prints its header once it is ready).
 * Prints: first_output_ms exit_ms max_rss_kib runs (medians of the runs
 * that printed something and exited with 0, or by the SIGINT we sent).
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static pid_t spawn(char **argv, int *master)
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

/* One run: 0 and its times in ms, or -1; *rss gets the peak RSS so far. */
static int run(char **argv, int ready, double *first, double *exit_ms,
	       long *rss)
{
	struct rusage ru;
	double t0 = now_ms();
	int master, status;
	pid_t pid = spawn(argv, &master);

	*first = -1;
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (drain(master, 10) && *first < 0) {
			*first = now_ms() - t0;
			if (ready)
				kill(pid, SIGINT);
		}
	}
	*exit_ms = now_ms() - t0;
	close(master);
	getrusage(RUSAGE_CHILDREN, &ru);
	*rss = ru.ru_maxrss;	/* the largest of all children so far */
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT && ready)
		return *first < 0 ? -1 : 0;
	return *first < 0 || !WIFEXITED(status) || WEXITSTATUS(status) ? -1 : 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int ready = argc > 1 && argv[1][0] == '-' && argv[1][1] == 'r';
	int n, i, ok = 0;
	double *first, *last;
	long rss = 0;

	if (argc < 3 + ready || (n = atoi(argv[1 + ready])) < 1) {
		fprintf(stderr, "usage: runstat [-r] N COMMAND [ARG...]\n");
		return 2;
	}
	first = calloc(n, sizeof(*first));
	last = calloc(n, sizeof(*last));
	for (i = 0; first && last && i < n; i++)
		ok += !run(argv + 2 + ready, ready, &first[ok], &last[ok], &rss);
	if (!ok) {
		printf("- - %ld 0\n", rss);
		return 1;
	}
	qsort(first, ok, sizeof(*first), cmp);
	qsort(last, ok, sizeof(*last), cmp);
	printf("%.1f %.1f %ld %d\n", first[ok / 2], last[ok / 2], rss, ok);
	return 0;
}
