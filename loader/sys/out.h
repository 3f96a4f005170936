/* SPDX-License-Identifier: GPL-2.0 */
/*
 * out.h - our stdout and stderr: elf/fmt.h's printf, written with write(2).
 *
 * The tools print through these instead of stdio: a static binary then
 * carries no FILE machinery, and the only system call output makes is
 * write(2) (no "is this a terminal?" ioctl, as stdio makes on its first
 * printf).  The same habits as stdio's:
 *
 *	out_stdout  buffered: written when full, by out_flush() and at exit
 *	out_stderr  unbuffered: each call is written at once
 */
#ifndef BAREBPF_OUT_H
#define BAREBPF_OUT_H

#include <stdarg.h>

#include "elf/base/err.h"
#include "elf/base/fmt.h"

struct out {
	struct fmt_sink sink;
	int fd;
	int unbuffered;
	int err;		/* the first failed write, -errno; later bytes dropped */
	int reported;		/* err was handed to a caller (out_check) */
};

/* An out on @fd (e.g. a test's temporary file), buffered in array @buf. */
#define OUT_INIT(fd_, buf_) { .sink = { .buf = (buf_), .size = sizeof(buf_), \
					.flush = out_sink_flush }, .fd = (fd_) }

extern struct out *const out_stdout, *const out_stderr;

int out_printf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int out_vprintf(struct out *o, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void out_puts(struct out *o, const char *s);	/* no newline, as fputs */
void out_putc(struct out *o, char c);
void out_flush(struct out *o);

/*
 * Flush @o; if a write to it ever failed (ENOSPC, EIO, EBADF, EPIPE when
 * SIGPIPE is ignored...), fill @err with "write error: ..." and return
 * the -errno, so that a tool's loop stops.  A write error nobody checked
 * ends the program at exit with that message and status 1 (out.c).
 */
int out_check(struct out *o, struct bb_err *err);

/*
 * Open /dev/null, read-only, on each of fds 0-2 that is closed: a tool
 * started with stdout closed (">&-") would otherwise get fd 1 for the
 * first file or BPF object it opens and write its output into it.  Read-
 * only, so that writing there fails with EBADF, as on a closed fd.
 */
void out_guard_std_fds(void);

/* For OUT_INIT: write what the sink holds. */
void out_sink_flush(struct fmt_sink *s);

#endif
