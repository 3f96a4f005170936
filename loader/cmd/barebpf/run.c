// SPDX-License-Identifier: GPL-2.0
/*
 * run.c - `barebpf run OBJ`: load any object, attach every program its
 * section names a target for, and print every map each interval.
 *
 * Like procmon, we block SIGINT/SIGTERM and wait for them with a timeout
 * (sys_sigwait_ms): a Ctrl+C ends the wait, then we detach and close.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/cmd/common/cli.h"
#include "loader/sys/narrate.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/cmd/common/tool.h"
#include "loader/cmd/barebpf/cmd.h"

struct run_opts {
	const char *path;
	long interval_ms;
	long count;	/* 0: until a signal */
	const char *event_type;	/* --event-type STRUCT, or NULL */
	struct run_targets targets;	/* --iface, --cgroup, --sockmap, --netns, --replace, --freq, --pid */
};

/*
 * Attach every program (by its section name), say so (-v: the tests wait
 * for "attached"), and open the event streams; shared with load --run.
 * *@ev is set even on failure: free it with events_free().
 */
int run_attach(struct bb_object *obj, const char *type, struct events **ev,
	       struct bb_err *err)
{
	int ret = bb_object_attach(obj, err);
	uint32_t i, n = 0;

	if (ret)
		return ret;
	/* Not nr_progs: load --prog leaves the others off, unattached. */
	for (i = 0; i < obj->spec.nr_progs; i++)
		n += prog_attached(&obj->progs[i]);
	narrate_say("attached %u programs, %llu us after start (CLOCK_MONOTONIC)",
		    n, (unsigned long long)narrate_elapsed_us());
	return events_open(ev, obj, type, err);
}

void say_skipped(struct out *f, const char *prefix, const struct bb_prog *p)
{
	out_printf(f, "%s%s: skipped: section '%s' is of an unknown program type\n",
		   prefix, p->spec->name, p->spec->section);
	out_flush(f);
}

/* The programs bb_object_load() leaves off: barebpf does not know them. */
static void say_all_skipped(const struct bb_object *obj)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_progs; i++)
		if (!sec_def_known(obj->progs[i].spec->def))
			say_skipped(out_stderr, "barebpf run: ",
				    &obj->progs[i]);
}

static int dump_all(const struct bb_object *obj, long n, struct bb_err *err)
{
	uint32_t i;

	out_printf(out_stdout, "--- dump %ld\n", n + 1);
	for (i = 0; i < obj->spec.nr_maps; i++)
		dump_map(obj, &obj->maps[i]);
	return out_check(out_stdout, err);
}

static int run(const struct run_opts *o, struct bb_err *err)
{
	struct bb_object *obj = NULL;
	struct events *ev = NULL;
	sigset_t stop;
	long n;
	struct run_fds fds = { -1, -1 };
	int ret, ext_fd = -1;

	ret = tool_block_stop_signals(&stop, err);
	if (!ret)
		ret = bb_object_open(&obj, o->path, err);
	if (!ret) {
		say_all_skipped(obj);
		ret = run_set_replace(obj, &o->targets, &ext_fd, err);
	}
	if (!ret)
		ret = bb_object_load(obj, err);
	if (!ret)
		ret = run_set_targets(obj, &o->targets, &fds, err);
	if (!ret)
		ret = run_attach(obj, o->event_type, &ev, err);
	if (!ret)
		ret = run_once(obj, err);
	for (n = 0; !ret && (!o->count || n < o->count); n++) {
		ret = events_wait(ev, &stop, o->interval_ms, err);
		if (!ret)
			ret = dump_all(obj, n, err);
	}
	events_free(ev);
	bb_object_close(obj);
	if (fds.cgroup >= 0)
		sys_close(fds.cgroup);
	if (fds.netns >= 0)
		sys_close(fds.netns);
	if (ext_fd >= 0)
		sys_close(ext_fd);
	return ret > 0 ? 0 : ret;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "event-type", required_argument, NULL, 'e' },
		{ "iface", required_argument, NULL, 'I' },
		{ "cgroup", required_argument, NULL, 'g' },
		{ "tc-dir", required_argument, NULL, 'd' },
		{ "sockmap", required_argument, NULL, 'm' },
		{ "netns", required_argument, NULL, 'n' },
		{ "replace", required_argument, NULL, 'r' },
		{ "freq", required_argument, NULL, 'F' },
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	struct run_opts o = { .interval_ms = 1000 };
	struct bb_err err = { 0 };
	int c;

	while ((c = cli_getopt(&g, argc, argv, "h", longopts)) != -1) {
		if (c == 'i' && (o.interval_ms = parse_count(g.arg)) >= 0)
			continue;
		if (c == 'c' && (o.count = parse_count(g.arg)) >= 0)
			continue;
		if (c == 'e') {
			o.event_type = g.arg;
			continue;
		}
		if (c == 'F' && (o.targets.freq = parse_count(g.arg)) > 0 &&
		    o.targets.freq <= UINT32_MAX)
			continue;
		if (c == 'p' && (o.targets.pid = parse_count(g.arg)) > 0 &&
		    o.targets.pid <= INT32_MAX)
			continue;
		if (c == 'I' || c == 'g' || c == 'r') {
			*(c == 'I' ? &o.targets.iface : c == 'g' ?
			  &o.targets.cgroup : &o.targets.replace) = g.arg;
			continue;
		}
		if (c == 'd' && (!strcmp(g.arg, "ingress") ||
				 !strcmp(g.arg, "egress"))) {
			o.targets.tc_egress = !strcmp(g.arg, "egress");
			continue;
		}
		if (c == 'm' || c == 'n') {
			*(c == 'm' ? &o.targets.sockmap : &o.targets.netns) = g.arg;
			continue;
		}
		goto usage;
	}
	if (g.ind != argc - 1)
		goto usage;
	o.path = argv[g.ind];
	if (run(&o, &err)) {
		bb_err_print(out_stderr, "barebpf run", &err);
		return 1;
	}
	return 0;
usage:	/* --help: the usage on stdout, and success */
	out_printf(c == 'h' ? out_stdout : out_stderr,
		   "Usage: barebpf run OBJ [--interval MS] [--count N]"
		   " [--event-type STRUCT]\n"
		   "                   [--iface NAME [--tc-dir ingress|egress]] [--cgroup PATH]\n"
		   "                   [--sockmap MAP] [--netns PATH] [--replace PROG:FUNC]\n"
		   "                   [--freq HZ] [--pid PID]\n"
		   "(barebpf --help says what each option does)\n");
	return c == 'h' ? 0 : 2;
}
