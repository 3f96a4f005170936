// SPDX-License-Identifier: GPL-2.0
/*
 * out.c - stdout and stderr without stdio (see out.h).
 *
 * An out is a fmt_sink whose buffer, when full, is written to a file
 * descriptor.  stdout keeps its bytes until the buffer is full, until
 * out_flush() or until the program exits; stderr writes each call at
 * once, so that a message is never lost or delayed behind a crash.
 */
#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/barebpf.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"

void out_sink_flush(struct fmt_sink *s)
{
	struct out *o = (struct out *)s;	/* the sink comes first */
	size_t done = 0;
	ssize_t n;

	while (done < s->len && !o->err) {
		n = sys_write_out(o->fd, s->buf + done, s->len - done);
		if (n == -EINTR)
			continue;
		if (n <= 0)
			o->err = n ? (int)n : -EIO;
		else
			done += n;
	}
	s->len = 0;
}

/* The buffers apart from the structs: zeros in .bss take no room in the
 * file, a struct with a pointer in it goes to .data, all of it. */
static char stdout_buf[4096], stderr_buf[1024];
/* Both escape %s arguments (fmt.h): names from processes and objects
 * reach a terminal through them. */
static struct out std_out = {
	.sink = { .buf = stdout_buf, .size = sizeof(stdout_buf),
		  .flush = out_sink_flush, .escape = 1 },
	.fd = 1,
};
static struct out std_err = {
	.sink = { .buf = stderr_buf, .size = sizeof(stderr_buf),
		  .flush = out_sink_flush, .escape = 1 },
	.fd = 2, .unbuffered = 1,
};

struct out *const out_stdout = &std_out;
struct out *const out_stderr = &std_err;

void out_flush(struct out *o)
{
	out_sink_flush(&o->sink);
}

/* What a call left in an unbuffered out is written before it returns. */
static void done(struct out *o)
{
	if (o->unbuffered)
		out_flush(o);
}

int out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	size_t n = fmt_vsink(&o->sink, fmt, ap);

	done(o);
	return (int)n;
}

int out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = out_vprintf(o, fmt, ap);
	va_end(ap);
	return n;
}

void out_puts(struct out *o, const char *s)
{
	fmt_puts(&o->sink, s);
	done(o);
}

void out_putc(struct out *o, char c)
{
	fmt_putc(&o->sink, c);
	done(o);
}

int out_check(struct out *o, struct bb_err *err)
{
	out_flush(o);
	if (!o->err)
		return 0;
	o->reported = 1;
	return bb_errf(err, o->err, "write error: %s", errno_text(-o->err));
}

/*
 * One ppoll() asks about the three fds at once (POLLNVAL: not open); it
 * waits for nothing and reads nothing, where an fstat() of each took
 * three calls at every start.
 */
void out_guard_std_fds(void)
{
	struct pollfd fds[3] = { { .fd = 0 }, { .fd = 1 }, { .fd = 2 } };
	int i;

	if (sys_poll_now(fds, 3) <= 0)
		return;
	/* open() returns the lowest free fd: the closed one found. */
	for (i = 0; i < 3; i++)
		if ((fds[i].revents & POLLNVAL) &&
		    sys_open("/dev/null", O_RDONLY, 0) < 0)
			break;
}

/*
 * exit() and a return from main() run destructors: stdout's last bytes.
 * A write error no loop reported ends the program as coreutils' do
 * ("NAME: write error: No space left on device", status 1); on a closed
 * pipe SIGPIPE has ended it quietly before (unless it is ignored).
 */
__attribute__((destructor)) static void out_flush_at_exit(void)
{
	out_flush(out_stdout);
	if (!out_stdout->err || out_stdout->reported)
		return;
	out_printf(out_stderr, "%s: write error: %s\n",
		   program_invocation_short_name, errno_text(-out_stdout->err));
	sys_exit(1);
}

void bb_err_print(struct out *o, const char *who, struct bb_err *e)
{
	const char *d = e->detail;

	out_printf(o, "%s: %s\n", who, e->msg);
	if (d) {
		out_puts(o, d);
		if (*d && d[strlen(d) - 1] != '\n')
			out_putc(o, '\n');
	}
	free(e->detail);
	e->detail = NULL;
}

void bb_err_report(const char *who, struct bb_err *err)
{
	bb_err_print(out_stderr, who, err);
}
