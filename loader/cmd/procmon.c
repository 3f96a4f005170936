// SPDX-License-Identifier: GPL-2.0
/*
 * procmon - show the processes that are alive, as seen by two tracepoints.
 *
 * kernel/procmon.bpf.c keeps a hash map pid -> struct proc_info: the exec
 * tracepoint adds a process, the exit tracepoint removes it.  This program
 * loads and attaches it, then prints the map every --interval ms.
 *
 * With --pin the programs stay attached after procmon exits, through BPF
 * links pinned in --pin-dir, and the table lives in a map pinned there:
 * the next procmon --pin finds the links, opens the pinned table and only
 * reads it, so it shows the processes that started while it was stopped.
 * --unpin removes the pins, which detaches the programs and frees the map.
 *
 * With --events it loads kernel/procmon_events.bpf.c instead, which sends
 * one event per exec and per exit through a perf buffer (the default) or
 * a BPF ring buffer (--events=ringbuf), and prints each as it comes: that
 * part is procmon/events.c.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "elf/base/sort.h"
#include "loader/barebpf.h"
#include "loader/cmd/common/cli.h"
#include "loader/pin/map_pin.h"
#include "loader/pin/obj_pin.h"
#include "loader/sys/narrate.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/pin/pin.h"
#include "loader/attach/perf_attach.h"
#include "loader/sys/sys.h"
#include "loader/cmd/common/tool.h"
#include "loader/cmd/common/tool_opts.h"
#include "loader/attach/tracepoint.h"
#include "loader/cmd/procmon/procmon.h"

#define OBJ_NAME "procmon.bpf.o"
#define EVENTS_OBJ_NAME "procmon_events.bpf.o"
#define PIN_DIR PIN_DIR_DEFAULT "/procmon"

/*
 * Of the loader's optional parts (parts.h), procmon's objects need only
 * tracepoints: the rest is left out of procmon's binary.
 */
static const struct loader_parts procmon_parts = {
	.tool = "procmon",
	.attach = { [ATTACH_TRACEPOINT] = tracepoint_attach },
};


static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: procmon [--obj PATH] [--interval MS] [--count N] [--json] [-v]\n"
		   "               [--pin | --unpin] [--pin-dir DIR] [--perf-link]\n"
		   "       procmon --events[=perf|ringbuf] [--pages N] [--count N] [--obj PATH]\n"
		   "               [--json]\n"
		   "\n"
		   "Show live processes, tracked by BPF programs on the tracepoints\n"
		   "sched/sched_process_exec and sched/sched_process_exit.\n"
		   "\n"
		   "  --obj PATH      BPF object to load instead of the one built into\n"
		   "                  this binary (%s, or with --events %s;\n"
		   "                  without one built in: that file next to this binary)\n"
		   "  --interval MS   print the table every MS milliseconds (default 1000;\n"
		   "                  0 prints as soon as the programs are attached)\n"
		   "  --count N       exit after N tables, or with --events after N events\n"
		   "                  (default: until Ctrl+C)\n"
		   "  --json          print one JSON object per process or event (JSON Lines)\n"
		   "  --pin           keep tracking after exit: pin the programs' links and\n"
		   "                  the table in DIR; a later --pin run shows the table,\n"
		   "                  including processes started in between\n"
		   "  --unpin         remove those pins (detaching the programs) and exit\n"
		   "  --pin-dir DIR   where --pin and --unpin work, inside a mounted bpffs\n"
		   "                  (default %s)\n"
		   "  --perf-link     attach through perf links (BPF_LINK_CREATE, Linux\n"
		   "                  5.15+) instead of PERF_EVENT_IOC_SET_BPF\n"
		   "  --events[=HOW]  print one line per exec and per exit as they happen,\n"
		   "                  and a line when events were lost, instead of the table;\n"
		   "                  HOW is perf (a perf buffer, the default) or ringbuf\n"
		   "                  (a BPF ring buffer); ends at Ctrl+C or after --count\n"
		   "                  events\n"
		   "  --pages N       with --events=perf only: ring size per CPU in pages, a\n"
		   "                  power of two from 1 to 1048576 (default 64)\n"
		   "  -v, --verbose   narrate every kernel call on stderr, and the time\n"
		   "                  from start to attached (CLOCK_MONOTONIC)\n"
		   "  -h, --help      show this help\n"
		   "      --version   print the version and exit\n"
		   "\n"
		   "Needs root (or CAP_BPF and CAP_PERFMON) and a mounted tracefs; --pin\n"
		   "and --unpin also need a mounted bpffs (mount -t bpf bpf /sys/fs/bpf).\n"
		   "The table does not show processes that started before procmon: it only\n"
		   "sees execs (with --pin: before the first --pin run).  It holds %u\n"
		   "processes; when it is full, each table is followed by how many execs\n"
		   "were not tracked.\n",
		   OBJ_NAME, EVENTS_OBJ_NAME, PIN_DIR, PROCMON_MAX_PROCS);
}

/* procmon's own options (tool_opts.h has the common ones). */
static int on_opt(void *ctx, int val, const char *arg)
{
	struct options *o = ctx;

	switch (val) {
	case 'j':
		o->json = 1;
		return 0;
	case 'p':
		o->pin = 1;
		return 0;
	case 'u':
		o->unpin = 1;
		return 0;
	case 'd':
		o->pin_dir = arg;
		return 0;
	case 'l':
		o->perf_link = 1;
		return 0;
	case 'e':
		if (!arg || !strcmp(arg, "perf"))
			o->events = 1 + PROCMON_VIA_PERF;
		else if (!strcmp(arg, "ringbuf"))
			o->events = 1 + PROCMON_VIA_RINGBUF;
		else
			return -1;
		return 0;
	case 'P':
		/* Checked now, not after loading: perf rings are 2^n pages. */
		if (cli_parse_num(arg, &o->pages) || o->pages < 1 ||
		    o->pages > 1 << 20 || (o->pages & (o->pages - 1))) {
			out_printf(out_stderr,
				   "procmon: --pages %s: want a power of two from 1 to %d\n",
				   arg, 1 << 20);
			return -1;
		}
		return 0;
	default:
		return -1;
	}
}

/* 0 to go on, 1 after --help or --version, -1 on a bad command line. */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option own[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pin", no_argument, NULL, 'p' },
		{ "unpin", no_argument, NULL, 'u' },
		{ "pin-dir", required_argument, NULL, 'd' },
		{ "perf-link", no_argument, NULL, 'l' },
		{ "events", optional_argument, NULL, 'e' },
		{ "pages", required_argument, NULL, 'P' },
		{ 0 },
	};
	const struct tool_cli cli = { "procmon", own, on_opt, o, usage };
	int ret;

	*o = (struct options){ .pin_dir = PIN_DIR };
	ret = tool_parse_opts(&cli, argc, argv, &o->t);
	if (ret)
		return ret;
	if (o->pin && o->unpin) {
		out_printf(out_stderr,
			   "procmon: --pin and --unpin exclude each other\n");
		return -1;
	}
	if (o->events && (o->pin || o->unpin)) {
		out_printf(out_stderr,
			   "procmon: --events works without --pin and --unpin\n");
		return -1;
	}
	if (o->pages && o->events != 1 + PROCMON_VIA_PERF) {
		out_printf(out_stderr,
			   "procmon: --pages sizes the perf buffer: it needs --events or --events=perf\n");
		return -1;
	}
	if (!o->pages)
		o->pages = 64;
	return 0;
}


/* Tell the BPF side where task_struct keeps real_parent and tgid. */
static int set_task_offsets(struct bb_object *obj, struct bb_err *err)
{
	struct task_offsets off = { 0 };
	const struct task_field fields[] = {
		{ "real_parent", &off.real_parent },
		{ "tgid", &off.tgid },
	};

	return set_config_map(obj, "task_offsets", fields, 2, &off, err);
}

struct table {
	struct proc_info *rows;
	size_t nr, cap, max;	/* max: the map's max_entries */
	const struct bb_map *map;
};

/*
 * Room for one more row.  The table starts small and doubles up to the
 * map's size: a few hundred processes fit in what malloc already has,
 * where the whole 10,240 rows at once took an mmap of 400 KiB at start.
 */
static int table_grow(struct table *t)
{
	size_t cap = t->cap ? 2 * t->cap : 256;
	struct proc_info *rows;

	if (t->nr < t->cap)
		return 0;
	if (t->cap >= t->max)
		return -ENOSPC;
	if (cap > t->max)
		cap = t->max;
	rows = realloc(t->rows, cap * sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	t->rows = rows;
	t->cap = cap;
	return 0;
}

/*
 * The kernel may skip a tracepoint program: trace_call_bpf() does not run
 * one on a CPU where bpf_prog_active is held, and a task preempted inside
 * a bpf() map syscall holds it (kernel/trace/bpf_trace.c, every version we
 * know).  A skipped exit leaves its process in the map for good, so each
 * dump asks the kernel whether the process still exists (kill(pid, 0))
 * and removes the ones that are gone.
 */
static int add_row(const void *key, const void *value, void *ctx)
{
	const struct proc_info *p = value;
	struct table *t = ctx;

	if (sys_kill(p->pid, 0) == -ESRCH) {
		bb_map_delete(t->map, key);
		return 0;
	}
	if (table_grow(t))
		return t->cap >= t->max ? -ENOSPC : -ENOMEM;
	memcpy(&t->rows[t->nr++], value, sizeof(struct proc_info));
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static void print_row(const struct proc_info *p, uint64_t now, int json)
{
	uint64_t age = now > p->exec_ns ? now - p->exec_ns : 0;
	char comm[PROCMON_COMM_LEN + 1], agebuf[32];

	if (json) {
		out_printf(out_stdout,
			   "{\"pid\":%u,\"ppid\":%u,\"uid\":%u,\"comm\":",
			   p->pid, p->ppid, p->uid);
		json_str(p->comm, PROCMON_COMM_LEN);
		out_printf(out_stdout, ",\"age_ms\":%llu}\n",
			   (unsigned long long)(age / 1000000));
		return;
	}
	memcpy(comm, p->comm, PROCMON_COMM_LEN);
	comm[PROCMON_COMM_LEN] = '\0';
	format_age(agebuf, sizeof(agebuf), age);
	out_printf(out_stdout, "%-8u %-8u %-6u %-16s %s\n", p->pid, p->ppid,
		   p->uid, comm, agebuf);
}

/*
 * Execs the BPF side could not record because process_map was full
 * (procmon_stats; an object without that map: 0).  Said after the table
 * they are missing from, only when there are some.
 */
static void print_table_full(const struct bb_map *stats,
			     const struct bb_map *map, int json)
{
	struct procmon_stats st = { 0 };
	uint32_t zero = 0;

	if (!stats || bb_map_lookup(stats, &zero, &st, 0) || !st.table_full)
		return;
	if (json)
		out_printf(out_stdout, "{\"table_full\":%llu,\"max_entries\":%u}\n",
		       (unsigned long long)st.table_full,
		       map->spec->max_entries);
	else
		out_printf(out_stdout, "%llu execs not tracked: the table (%u entries) was full\n\n",
		       (unsigned long long)st.table_full,
		       map->spec->max_entries);
}

static int dump(const struct bb_map *map, const struct bb_map *stats,
		struct table *t, int json, struct bb_err *err)
{
	uint64_t now;
	size_t i;
	int ret;

	t->nr = 0;
	t->map = map;
	ret = bb_map_for_each(map, add_row, t);
	if (ret)
		return bb_errf(err, ret, "reading process_map: %s",
			       errno_text(-ret));
	sort(t->rows, t->nr, sizeof(*t->rows), by_pid);
	now = monotonic_ns();
	if (!json)
		out_printf(out_stdout, "%-8s %-8s %-6s %-16s %s\n", "PID", "PPID", "UID",
			   "COMM", "AGE");
	for (i = 0; i < t->nr; i++)
		print_row(&t->rows[i], now, json);
	if (!json)
		out_printf(out_stdout, "\n");
	print_table_full(stats, map, json);
	return out_check(out_stdout, err);
}

/* Load, fill task_offsets, attach: the programs live while we do. */
static int start(struct bb_object *obj, struct bb_err *err)
{
	int ret = bb_object_load(obj, err);

	if (!ret)
		ret = set_task_offsets(obj, err);
	if (!ret)
		ret = bb_object_attach(obj, err);
	return ret;
}

/*
 * --pin.  If a previous run left its links pinned, its programs are still
 * filling the pinned table: open the table and do nothing else.
 * Otherwise start as usual, but with the table pinned by name and the
 * programs attached through pinned links.
 */
static int start_pinned(struct bb_object *obj, const char *dir,
			struct bb_err *err)
{
	char path[PATH_MAX];
	int ret, fd;

	ret = pin_mkdir(dir, err);
	if (!ret)
		ret = bb_map_set_pin_by_name(bb_object_find_map(obj, "process_map"), err);
	if (ret)
		return ret;
	bb_object_set_pin_dir(obj, dir);
	if (obj_links_pinned(obj, dir)) {
		ret = map_pin_path(obj, bb_object_find_map(obj, "process_map"), path,
				   sizeof(path), err);
		fd = ret ? ret : bb_pinned_open(path, err);
		if (fd < 0)
			return fd;
		ret = bb_map_reuse_fd(bb_object_find_map(obj, "process_map"), fd, err);
		sys_close(fd);
		if (!ret)
			out_printf(out_stderr,
				   "procmon: reusing the programs and table pinned in %s\n",
				   dir);
		return ret;
	}
	ret = bb_object_load(obj, err);
	if (!ret)
		ret = set_task_offsets(obj, err);
	if (!ret)
		ret = obj_attach_pinned(obj, dir, err);
	if (!ret)
		out_printf(out_stderr,
			   "procmon: attached and pinned in %s (procmon --unpin to detach)\n",
			   dir);
	return ret;
}

static int unpin(struct bb_object *obj, const char *dir, struct bb_err *err)
{
	int ret, removed = 0;

	ret = bb_map_set_pin_by_name(bb_object_find_map(obj, "process_map"), err);
	if (!ret)
		ret = obj_unpin(obj, dir, &removed, err);
	if (!ret)
		out_printf(out_stderr, "procmon: removed %d pin%s from %s\n",
			   removed, removed == 1 ? "" : "s", dir);
	return ret;
}

/* Print tables until --count is reached or a signal comes: 1 on signal. */
static int monitor(struct bb_object *obj, const struct options *o,
		   const sigset_t *stop, struct bb_err *err)
{
	struct bb_map *map = bb_object_find_map(obj, "process_map");
	struct table t = { 0 };
	long n;
	int ret = 0;

	if (!map)
		return bb_errf(err, -ENOENT, "%s: no map 'process_map'",
			       obj->path);
	t.max = bb_map_max_entries(map);
	for (n = 0; !o->t.count || n < o->t.count; n++) {
		/*
		 * --interval 0: the first table comes as soon as the programs
		 * are attached, without a call to look for a signal first (a
		 * SIGINT meanwhile stays pending and stops the next round).
		 */
		ret = n || o->t.interval_ms ? sys_sigwait_ms(stop, o->t.interval_ms) : 0;
		if (ret > 0)
			break;	/* SIGINT or SIGTERM: a clean stop */
		ret = dump(map, bb_object_find_map(obj, "procmon_stats"), &t, o->json,
			   err);
		if (ret)
			break;
	}
	free(t.rows);
	return ret > 0 ? 0 : ret;
}

/* With --verbose: how long loading and attaching took. */
static void say_attached(const struct bb_object *obj)
{
	narrate_say("attached %u programs, %llu us after start (CLOCK_MONOTONIC)",
		    obj->spec.nr_progs,
		    (unsigned long long)narrate_elapsed_us());
}

int main(int argc, char **argv)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	struct options o;
	sigset_t stop;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? 2 : 0;
	ret = tool_open_obj(o.t.obj, o.events ? EVENTS_OBJ_NAME : OBJ_NAME,
			    &procmon_parts, &stop, &obj, &err);
	if (!ret)
		obj_use_perf_link(obj, o.perf_link);
	if (!ret && o.events) {
		ret = start_events(obj, o.events - 1, &err);
		if (!ret)
			say_attached(obj);
		if (!ret)
			ret = stream_events(obj, &o, &stop, &err);
		goto out;
	}
	if (!ret && o.unpin) {
		ret = unpin(obj, o.pin_dir, &err);
		goto out;
	}
	if (!ret)
		ret = o.pin ? start_pinned(obj, o.pin_dir, &err) :
			      start(obj, &err);
	if (!ret)
		say_attached(obj);
	if (!ret)
		ret = monitor(obj, &o, &stop, &err);
out:
	return tool_finish("procmon", obj, ret, &err);
}
