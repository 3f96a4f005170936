/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trace_pipe.h - the kernel's trace buffer, where bpf_printk() writes,
 * read by both versions of the example (barebpf's and libbpf's).
 */
#ifndef EXECVE_COUNTER_TRACE_PIPE_H
#define EXECVE_COUNTER_TRACE_PIPE_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

/*
 * trace_pipe, emptied of the lines already waiting in it (printed before
 * we attached), then left blocking.  -1 if tracefs is not mounted.
 */
static int open_trace_pipe(void)
{
	static const char *paths[] = { "/sys/kernel/tracing/trace_pipe",
				       "/sys/kernel/debug/tracing/trace_pipe" };
	char buf[4096];
	int fd = -1;
	size_t i;

	for (i = 0; fd < 0 && i < sizeof(paths) / sizeof(paths[0]); i++)
		fd = open(paths[i], O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	fcntl(fd, F_SETFL, 0);
	return fd;
}

/*
 * Copy trace_pipe to stdout until *@stop: a signal caught without
 * SA_RESTART ends the blocking read (EINTR).
 */
static void copy_trace_pipe(int fd, volatile sig_atomic_t *stop)
{
	char buf[4096];
	ssize_t n;

	while (!*stop && (n = read(fd, buf, sizeof(buf))) > 0) {
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
	}
}

#endif
