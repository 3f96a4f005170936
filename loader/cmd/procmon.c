// SPDX-License-Identifier: GPL-2.0
/*
 * procmon - show the processes that are alive, as seen by two tracepoints.
 *
 * kernel/procmon.bpf.c keeps a hash map pid -> struct proc_info: the exec
 * tracepoint adds a process, the exit tracepoint removes it.  This program
 * loads and attaches it, then prints the map every --interval ms.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/types.h>		/* __u32 and __u64 for the shared header */
#include "../../kernel/procmon.h"
#include "../kernel_btf.h"
#include "../embedded.h"
#include "../map.h"
#include "../narrate.h"
#include "../object.h"
#include "../sys.h"

#define OBJ_NAME "procmon.bpf.o"

struct options {
	const char *obj;	/* NULL: next to our binary */
	long interval_ms;
	long count;		/* 0: until a signal */
	int json;
	int verbose;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: procmon [--obj PATH] [--interval MS] [--count N] [--json] [-v]\n"
		"\n"
		"Show live processes, tracked by BPF programs on the tracepoints\n"
		"sched/sched_process_exec and sched/sched_process_exit.\n"
		"\n"
		"  --obj PATH      BPF object to load instead of the one built into\n"
		"                  this binary (or, if none is, %s next to it)\n"
		"  --interval MS   print the table every MS milliseconds (default 1000;\n"
		"                  0 prints as soon as the programs are attached)\n"
		"  --count N       exit after N tables (default: until Ctrl+C)\n"
		"  --json          print one JSON object per process (JSON Lines)\n"
		"  -v, --verbose   narrate every kernel call on stderr, and the time\n"
		"                  from start to attached (CLOCK_MONOTONIC)\n"
		"  -h, --help      show this help\n"
		"\n"
		"Needs root (or CAP_BPF and CAP_PERFMON) and a mounted tracefs.\n"
		"Processes that started before procmon are not shown: it only sees execs.\n",
		OBJ_NAME);
}

static int parse_num(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "obj", required_argument, NULL, 'o' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;

	*o = (struct options){ .interval_ms = 1000 };
	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->obj = optarg;
			break;
		case 'i':
			if (parse_num(optarg, &o->interval_ms))
				goto bad;
			break;
		case 'c':
			if (parse_num(optarg, &o->count))
				goto bad;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind == argc)
		return 0;
bad:
	fprintf(stderr, "procmon: bad argument '%s' (see --help)\n",
		optind < argc ? argv[optind] : optarg);
	return -1;
}

/* OBJ_NAME in the directory of /proc/self/exe. */
static int default_obj_path(char *path, size_t len, struct bb_err *err)
{
	ssize_t n = sys_readlink("/proc/self/exe", path, len - 1);
	char *slash;

	if (n < 0)
		return bb_errf(err, n, "/proc/self/exe: %s (use --obj PATH)",
			       strerror(-n));
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash || (size_t)(slash - path) + 1 + sizeof(OBJ_NAME) > len)
		return bb_errf(err, -ENAMETOOLONG, "path too long (use --obj)");
	strcpy(slash + 1, OBJ_NAME);
	return 0;
}

/* --obj, else the object built into us, else the file next to us. */
static int open_obj(struct bpf_obj **obj, struct options *o, char *path,
		    size_t len, struct bb_err *err)
{
	int ret;

	if (!o->obj && embedded_bpf_obj_len())
		return obj_open_mem(obj, embedded_bpf_obj,
				    embedded_bpf_obj_len(),
				    OBJ_NAME " (embedded)", err);
	if (!o->obj) {
		ret = default_obj_path(path, len, err);
		if (ret)
			return ret;
		o->obj = path;
	}
	return obj_open(obj, o->obj, err);
}

/* Tell the BPF side where task_struct keeps real_parent and tgid. */
static int set_task_offsets(struct bpf_obj *obj, struct bb_err *err)
{
	struct bpf_map *map = obj_map(obj, "task_offsets");
	struct task_offsets off = { 0 };
	struct kernel_btf kb;
	uint32_t zero = 0;
	int ret;

	if (!map)
		return bb_errf(err, -ENOENT, "%s: no map 'task_offsets'",
			       obj->path);
	ret = kernel_btf_load(&kb, err);
	if (ret)
		return ret;
	ret = kernel_btf_offsetof(&kb, "task_struct", "real_parent",
				  &off.real_parent, err);
	if (!ret)
		ret = kernel_btf_offsetof(&kb, "task_struct", "tgid", &off.tgid,
					  err);
	kernel_btf_free(&kb);
	if (ret)
		return ret;
	ret = map_update(map, &zero, &off, BPF_ANY);
	if (ret)
		return bb_errf(err, ret, "bpf(BPF_MAP_UPDATE_ELEM) task_offsets: %s",
			       strerror(-ret));
	return 0;
}

struct table {
	struct proc_info *rows;
	size_t nr, cap;
};

static int add_row(const void *key, const void *value, void *ctx)
{
	struct table *t = ctx;

	(void)key;
	if (t->nr == t->cap)
		return -ENOSPC;
	memcpy(&t->rows[t->nr++], value, sizeof(struct proc_info));
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct proc_info *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static void format_age(char *buf, size_t len, uint64_t ns)
{
	uint64_t s = ns / 1000000000ull;

	if (s < 60)
		snprintf(buf, len, "%u.%us", (unsigned)s,
			 (unsigned)(ns / 100000000 % 10));
	else if (s < 3600)
		snprintf(buf, len, "%um%02us", (unsigned)(s / 60),
			 (unsigned)(s % 60));
	else
		snprintf(buf, len, "%uh%02um", (unsigned)(s / 3600),
			 (unsigned)(s / 60 % 60));
}

/* comm is at most 16 bytes, may hold anything a process chose. */
static void json_str(const char *s, size_t max)
{
	size_t i;

	putchar('"');
	for (i = 0; i < max && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_row(const struct proc_info *p, uint64_t now, int json)
{
	uint64_t age = now > p->exec_ns ? now - p->exec_ns : 0;
	char comm[PROCMON_COMM_LEN + 1], agebuf[32];

	if (json) {
		printf("{\"pid\":%u,\"ppid\":%u,\"uid\":%u,\"comm\":", p->pid,
		       p->ppid, p->uid);
		json_str(p->comm, PROCMON_COMM_LEN);
		printf(",\"age_ms\":%llu}\n",
		       (unsigned long long)(age / 1000000));
		return;
	}
	memcpy(comm, p->comm, PROCMON_COMM_LEN);
	comm[PROCMON_COMM_LEN] = '\0';
	format_age(agebuf, sizeof(agebuf), age);
	printf("%-8u %-8u %-6u %-16s %s\n", p->pid, p->ppid, p->uid, comm,
	       agebuf);
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	/* bpf_ktime_get_ns() is CLOCK_MONOTONIC too (vDSO: no syscall). */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int dump(const struct bpf_map *map, struct table *t, int json,
		struct bb_err *err)
{
	uint64_t now;
	size_t i;
	int ret;

	t->nr = 0;
	ret = map_for_each(map, add_row, t);
	if (ret)
		return bb_errf(err, ret, "reading process_map: %s",
			       strerror(-ret));
	qsort(t->rows, t->nr, sizeof(*t->rows), by_pid);
	now = monotonic_ns();
	if (!json)
		printf("%-8s %-8s %-6s %-16s %s\n", "PID", "PPID", "UID",
		       "COMM", "AGE");
	for (i = 0; i < t->nr; i++)
		print_row(&t->rows[i], now, json);
	if (!json)
		printf("\n");
	fflush(stdout);
	return 0;
}

/* Print tables until --count is reached or a signal comes: 1 on signal. */
static int monitor(struct bpf_obj *obj, const struct options *o,
		   const sigset_t *stop, struct bb_err *err)
{
	struct bpf_map *map = obj_map(obj, "process_map");
	struct table t = { 0 };
	long n;
	int ret = 0;

	if (!map)
		return bb_errf(err, -ENOENT, "%s: no map 'process_map'",
			       obj->path);
	t.cap = map->spec->max_entries;
	t.rows = calloc(t.cap, sizeof(*t.rows));
	if (!t.rows)
		return bb_errf(err, -ENOMEM, "out of memory");
	for (n = 0; !o->count || n < o->count; n++) {
		ret = sys_sigwait_ms(stop, o->interval_ms);
		if (ret > 0)
			break;	/* SIGINT or SIGTERM: a clean stop */
		ret = dump(map, &t, o->json, err);
		if (ret)
			break;
	}
	free(t.rows);
	return ret > 0 ? 0 : ret;
}

int main(int argc, char **argv)
{
	static char out_buf[4096];
	struct bb_err err = { 0 };
	struct bpf_obj *obj = NULL;
	char path[PATH_MAX];
	struct options o;
	sigset_t stop;
	int ret;

	/*
	 * Choose stdout's buffering ourselves (we flush after each table):
	 * left to itself, libc asks the kernel whether stdout is a terminal
	 * (an ioctl) on the first printf, and strace shows a probe.
	 */
	setvbuf(stdout, out_buf, _IOFBF, sizeof(out_buf));
	if (parse_args(argc, argv, &o))
		return 2;
	if (o.verbose)
		narrate_start(stderr);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	ret = sys_block_signals(&stop);
	if (!ret)
		ret = open_obj(&obj, &o, path, sizeof(path), &err);
	if (!ret)
		ret = obj_load(obj, &err);
	if (!ret)
		ret = set_task_offsets(obj, &err);
	if (!ret)
		ret = obj_attach(obj, &err);
	if (!ret)
		narrate_say("attached %u programs, %llu us after start (CLOCK_MONOTONIC)",
			    obj->spec.nr_progs,
			    (unsigned long long)narrate_elapsed_us());
	if (!ret)
		ret = monitor(obj, &o, &stop, &err);
	obj_close(obj);
	if (ret) {
		bb_err_print(stderr, "procmon", &err);
		return 1;
	}
	return 0;
}
