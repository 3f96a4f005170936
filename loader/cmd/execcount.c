// SPDX-License-Identifier: GPL-2.0
/*
 * execcount - count execve calls, from a number of your choosing.
 *
 * kernel/execcount.bpf.c adds one to the map "counter" on every execve
 * and says so with bpf_printk.  This program loads it, presets the
 * counter (--start), attaches it, then prints the counter every
 * --interval ms and, with --trace-pipe, the program's lines from tracefs
 * trace_pipe as they come.
 *
 * It runs on its skeleton, build/skel/execcount.skel.h (`barebpf gen
 * skeleton`, which make writes): the object is inside it, and
 * skel->maps.counter and skel->bss->last_pid are typed members, as in a
 * libbpf tutorial's program.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "elf/base/errno_names.h"
#include "loader/barebpf.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/file.h"
#include "loader/load/global_data.h"
#include "loader/object/embedded.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/cmd/common/tool.h"
#include "loader/cmd/common/tool_opts.h"
#include "loader/attach/tracepoint.h"
#include "execcount.skel.h"

/* Of the loader's optional parts, execcount.bpf.o needs these two (for
 * an object given with --obj; the skeleton's opens with all of them). */
static const struct loader_parts execcount_parts = {
	.tool = "execcount",
	.attach = { [ATTACH_TRACEPOINT] = tracepoint_attach },
	.global_data_init = global_data_init,	/* .rodata, .bss */
};

#define OBJ_NAME "execcount.bpf.o"
#define TRACE_POLL_MS 100	/* how often trace_pipe is read */
#define TRACE_MATCH "execve called"

struct options {
	struct tool_opts t;	/* --obj, --interval, --count, -v */
	long start;
	int trace_pipe;
};

/* trace_pipe, read without blocking, cut into lines. */
struct trace {
	int fd;
	size_t len;		/* bytes of an unfinished line in buf */
	char buf[4096];
};

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: execcount [--obj PATH] [--start N] [--interval MS] [--count N]\n"
		   "                 [--trace-pipe] [-v]\n"
		   "\n"
		   "Count the execve calls of every process, with a BPF program on the\n"
		   "tracepoint syscalls/sys_enter_execve.\n"
		   "\n"
		   "  --obj PATH      BPF object to load instead of the one built into\n"
		   "                  this binary (%s, in its skeleton)\n"
		   "  --start N       start counting from N (default 0): the first execve\n"
		   "                  after start-up is number N+1\n"
		   "  --interval MS   print the count every MS milliseconds (default 1000)\n"
		   "  --count N       exit after N counts (default: until Ctrl+C)\n"
		   "  --trace-pipe    also print the program's bpf_printk lines\n"
		   "                  (\"execve called N times\") from tracefs trace_pipe\n"
		   "  -v, --verbose   narrate every kernel call on stderr\n"
		   "  -h, --help      show this help\n"
		   "      --version   print the version and exit\n"
		   "\n"
		   "Needs root (or CAP_BPF and CAP_PERFMON) and a mounted tracefs.\n"
		   "trace_pipe is shared by the whole machine and each line is read only\n"
		   "once: --trace-pipe throws away the lines already waiting in it when\n"
		   "execcount starts, and takes the lines of other BPF programs too\n"
		   "(showing only its own).\n",
		   OBJ_NAME);
}

/* execcount's own options (tool_opts.h has the common ones). */
static int on_opt(void *ctx, int val, const char *arg)
{
	struct options *o = ctx;

	if (val == 't')
		o->trace_pipe = 1;
	else if (val != 's' || cli_parse_num(arg, &o->start))
		return -1;
	return 0;
}

/* 0 to go on, 1 after --help or --version, -1 on a bad command line. */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option own[] = {
		{ "start", required_argument, NULL, 's' },
		{ "trace-pipe", no_argument, NULL, 't' },
		{ 0 },
	};
	const struct tool_cli cli = { "execcount", own, on_opt, o, usage };

	*o = (struct options){ 0 };
	return tool_parse_opts(&cli, argc, argv, &o->t);
}

/* Before attaching: the next execve will be number start + 1. */
static int preset(struct execcount *skel, uint64_t start, struct bb_err *err)
{
	uint32_t zero = 0;
	int ret = bb_map_update(skel->maps.counter, &zero, &start, BB_ANY);

	if (ret)
		return bb_errf(err, ret, "bpf(BPF_MAP_UPDATE_ELEM) counter: %s",
			       errno_text(-ret));
	return 0;
}

/*
 * Open trace_pipe and throw away what is already in it: lines written
 * before we attached are not ours (an earlier run's, or someone else's).
 */
static int trace_open(struct trace *t, struct bb_err *err)
{
	static const char *const paths[] = {
		TRACEFS_PATH "/trace_pipe", TRACEFS_DEBUGFS_PATH "/trace_pipe",
	};
	size_t i;
	int fd = -ENOENT;

	for (i = 0; fd == -ENOENT && i < sizeof(paths) / sizeof(paths[0]); i++)
		fd = sys_open(paths[i], O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0)
		return bb_errf(err, fd, "%s: %s%s", paths[0], errno_text(-fd),
			       errno_hint(fd));
	t->fd = fd;
	t->len = 0;
	while (sys_read(fd, t->buf, sizeof(t->buf)) > 0)
		;
	return 0;
}

/* Print every complete line in t->buf that is ours; keep the rest. */
static void trace_lines(struct trace *t)
{
	char *line = t->buf, *nl, *end = t->buf + t->len;

	while ((nl = memchr(line, '\n', end - line))) {
		*nl = '\0';
		if (strstr(line, TRACE_MATCH)) {
			line += strspn(line, " ");
			out_printf(out_stdout, "trace: %s\n", line);
		}
		line = nl + 1;
	}
	t->len = end - line;
	memmove(t->buf, line, t->len);
	/* A line longer than the buffer: drop it rather than stall. */
	if (t->len == sizeof(t->buf))
		t->len = 0;
}

static void trace_read(struct trace *t)
{
	ssize_t n;

	while ((n = sys_read(t->fd, t->buf + t->len,
			     sizeof(t->buf) - t->len)) > 0) {
		t->len += n;
		trace_lines(t);
	}
	out_flush(out_stdout);
}

static int print_count(struct execcount *skel, struct bb_err *err)
{
	uint64_t n = 0;
	uint32_t zero = 0;
	int ret;

	ret = bb_map_lookup(skel->maps.counter, &zero, &n, 0);
	if (ret)
		return bb_errf(err, ret, "bpf(BPF_MAP_LOOKUP_ELEM) counter: %s",
			       errno_text(-ret));
	/* .bss is mmap'd: reading it is no system call. */
	out_printf(out_stdout, "execve calls: %llu (last by pid %u)\n",
		   (unsigned long long)n, skel->bss->last_pid);
	return out_check(out_stdout, err);
}

static long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* vDSO: no syscall */
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Print the count every interval until --count or a signal.  With
 * --trace-pipe we wake up every TRACE_POLL_MS to read trace_pipe, which
 * we opened non-blocking: one loop, no thread, signals still waited for.
 */
static int monitor(struct execcount *skel, const struct options *o,
		   struct trace *t, const sigset_t *stop, struct bb_err *err)
{
	long next = monotonic_ms() + o->t.interval_ms, now, wait, n = 0;
	int ret;

	for (;;) {
		now = monotonic_ms();
		wait = next > now ? next - now : 0;
		if (t && wait > TRACE_POLL_MS)
			wait = TRACE_POLL_MS;
		if (sys_sigwait_ms(stop, wait) > 0)
			return 0;	/* SIGINT or SIGTERM: a clean stop */
		if (t)
			trace_read(t);
		if (monotonic_ms() < next)
			continue;
		ret = print_count(skel, err);
		if (ret)
			return ret;
		if (o->t.count && ++n >= o->t.count)
			return 0;
		next += o->t.interval_ms;
	}
}

/*
 * The skeleton, of the object inside it or of --obj's file (opened with
 * only the loader parts execcount needs); SIGINT and SIGTERM blocked into
 * @stop.  NULL on failure: the skeleton said why on stderr, or @err does.
 */
static struct execcount *open_skel(const struct options *o, sigset_t *stop,
				   struct bb_err *err)
{
	/*
	 * The skeleton's own bytes, opened as execcount__open() would but
	 * with execcount's parts only: its static build carries no more of
	 * the loader than before (execcount__open() links all of it).
	 */
	const struct embedded_obj packed = {
		.name = OBJ_NAME,
		.start = execcount__packed,
		.end = execcount__packed + sizeof(execcount__packed),
		.size = execcount__unpacked_size,
	};
	struct bb_object *obj;
	int ret;

	if (o->t.obj)
		ret = tool_open_obj(o->t.obj, OBJ_NAME, &execcount_parts, stop,
				    &obj, err);
	else
		ret = tool_block_stop_signals(stop, err);
	if (!ret && !o->t.obj)
		ret = embedded_open(&packed, &execcount_parts, &obj, err);
	return ret ? NULL : execcount__open_object(obj);
}

int main(int argc, char **argv)
{
	struct trace *t = NULL, trace;
	struct bb_err err = { 0 };
	struct execcount *skel;
	struct options o;
	sigset_t stop;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? 2 : 0;
	skel = open_skel(&o, &stop, &err);
	ret = skel ? execcount__load(skel) : -ENOENT;
	if (!ret)
		ret = preset(skel, o.start, &err);
	if (!ret && o.trace_pipe) {
		ret = trace_open(&trace, &err);
		t = ret ? NULL : &trace;
	}
	if (!ret)
		ret = execcount__attach(skel);
	if (!ret) {
		out_printf(out_stdout,
			   "counting execve calls from %ld (Ctrl+C to stop)\n",
			   o.start);
		out_flush(out_stdout);
		ret = monitor(skel, &o, t, &stop, &err);
	}
	if (t)
		sys_close(t->fd);
	execcount__destroy(skel);
	/* The skeleton's functions said what failed; our own steps fill @err. */
	if (ret && err.msg[0])
		bb_err_print(out_stderr, "execcount", &err);
	return ret ? 1 : 0;
}
