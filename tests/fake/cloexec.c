// SPDX-License-Identifier: GPL-2.0
/*
 * cloexec.c - every fd barebpf opens is close-on-exec, whatever the
 * caller asked for: sys_open() adds O_CLOEXEC, sys_perf_event_open()
 * PERF_FLAG_FD_CLOEXEC.  (bpf() fds are close-on-exec by the kernel.)
 * Checked on what reaches a fake kernel.
 */
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>

#include "loader/sys/sys.h"
#include "tests/tap.h"

static long last_nr, last_args[6];

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	last_nr = nr;
	last_args[0] = a1;
	last_args[1] = a2;
	last_args[2] = a3;
	last_args[3] = a4;
	last_args[4] = a5;
	last_args[5] = a6;
	return 3;
}

int main(void)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT };

	sys_call = fake;
	sys_open("/x", O_RDONLY, 0);
	is_int(last_nr, __NR_openat, "sys_open() is openat");
	ok(last_args[2] & O_CLOEXEC, "sys_open(O_RDONLY) asks for O_CLOEXEC");
	sys_open("/x", O_RDONLY | O_DIRECTORY, 0);
	ok((last_args[2] & O_CLOEXEC) && (last_args[2] & O_DIRECTORY),
	   "sys_open() keeps the caller's flags and adds O_CLOEXEC");
	sys_perf_event_open(&attr, -1, 0, -1, 0);
	is_int(last_nr, __NR_perf_event_open, "sys_perf_event_open() is perf_event_open");
	ok(last_args[4] & PERF_FLAG_FD_CLOEXEC,
	   "sys_perf_event_open(flags 0) asks for PERF_FLAG_FD_CLOEXEC");
	return done_testing();
}
