// SPDX-License-Identifier: GPL-2.0
/*
 * uidcount - the map-in-map demo end to end: root is counted through the
 * slot initialised in C; a new user is noticed, given a map at run time,
 * and its later execs are counted in that map.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/tap.h"

static void exec_true_as(uid_t uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			_exit(126);
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* Read lines until one starts with @prefix and contains @also. */
static int wait_line(FILE *f, const char *prefix, const char *also)
{
	char line[4096];

	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, prefix, strlen(prefix)) &&
		    strstr(line, also))
			return 1;
	return 0;
}

int main(void)
{
	const char *b = getenv("BUILD");
	char prog[512], newuser[64], row[64];
	int p[2], status = 0;
	uid_t uid = 40000 + getpid() % 20000;
	FILE *f;
	pid_t pid;

	if (geteuid())
		return skip_all("needs root");
	snprintf(prog, sizeof(prog), "%s/uidcount", b && *b ? b : "build");
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl(prog, prog, "--interval", "100", "--count", "200",
		      (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	f = fdopen(p[0], "r");
	if (!ok(wait_line(f, "# counting", ""), "uidcount attached"))
		goto out;
	exec_true_as(uid);
	exec_true_as(0);
	snprintf(newuser, sizeof(newuser), "# new user %u:", uid);
	ok(wait_line(f, newuser, "map of its own"),
	   "user %u was noticed and given an inner map at run time", uid);
	exec_true_as(uid);
	exec_true_as(uid);
	snprintf(row, sizeof(row), "uid %-6u", uid);
	ok(wait_line(f, row, " true 2 (+1 untracked)"),
	   "its next two execs were counted in its own map");
	ok(wait_line(f, "uid 0 ", " true "),
	   "root's execs are counted in the map initialised in C");
out:
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "uidcount stops cleanly on SIGTERM");
	fclose(f);
	return done_testing();
}
