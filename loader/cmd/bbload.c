// SPDX-License-Identifier: GPL-2.0
/*
 * bbload - load any BPF object, e.g. one of the libbpf-tools, and say
 * what the kernel thought of each program.
 *
 * A stand-in for "barebpf load" (loader/cmd/barebpf.c is being written on
 * another branch): it takes the options the issue asks barebpf load to
 * take, and adds --each (load every program on its own, the way the
 * real-world test tier compares us with libbpf) and --xlated (print the
 * kernel's translated instructions, map ids blanked, for that comparison).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/common/cli.h"
#include "loader/maps/map.h"
#include "loader/sys/narrate.h"
#include "loader/load/obj_core.h"
#include "loader/object/obj_knobs.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/stream/perf_buffer.h"
#include "loader/sys/sys.h"
#include "loader/cmd/common/tool.h"
#include "loader/load/xlated.h"

#define MAX_OPTS 64

struct options {
	const char *obj;
	const char *progs[MAX_OPTS];	/* --prog: only these */
	int nr_progs;
	const char *sets[MAX_OPTS];	/* --set VAR=VALUE */
	int nr_sets;
	const char *maxes[MAX_OPTS];	/* --max-entries MAP=N */
	int nr_maxes;
	long default_max;
	long run_s;		/* --run: attach and print events this long */
	bool each, xlated, verbose;
};

static void usage(struct out *f)
{
	out_printf(f,
		"Usage: bbload OBJ [options]\n"
		"\n"
		"Load the BPF object OBJ (maps, then programs) and print, for each\n"
		"program, 'PROG loaded id N' or 'PROG refused: REASON'.  Nothing is\n"
		"attached; everything is unloaded on exit.\n"
		"\n"
		"  --prog NAME               load only NAME (repeatable); the others\n"
		"                            are switched off\n"
		"  --each                    load each program on its own, in a fresh\n"
		"                            copy of the object (one refusal does not\n"
		"                            stop the others)\n"
		"  --max-entries MAP=N       set map MAP's max_entries (repeatable)\n"
		"  --default-max-entries N   max_entries for every map the object\n"
		"                            leaves at 0 (perf event arrays get one\n"
		"                            slot per CPU anyway)\n"
		"  --set VAR=VALUE           set global variable VAR (a number, e.g. a\n"
		"                            const volatile knob in .rodata) (repeatable)\n"
		"  --xlated                  print each loaded program's instructions\n"
		"                            as the kernel translated them (hex, map ids\n"
		"                            blanked)\n"
		"  --run SECONDS             attach the programs and print, for that\n"
		"                            long, the records they write to perf\n"
		"                            event arrays (raw: size, printable text,\n"
		"                            hex); Ctrl+C stops early\n"
		"  -v, --verbose             narrate every kernel call and each CO-RE\n"
		"                            relocation on stderr\n"
		"  -h, --help                show this help\n"
		"\n"
		"Needs root (or CAP_BPF, and CAP_PERFMON for tracing programs).\n");
}

static int add_opt(const char **arr, int *nr, const char *v)
{
	if (*nr >= MAX_OPTS)
		return -1;
	arr[(*nr)++] = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "prog", required_argument, NULL, 'p' },
		{ "each", no_argument, NULL, 'e' },
		{ "max-entries", required_argument, NULL, 'm' },
		{ "default-max-entries", required_argument, NULL, 'd' },
		{ "set", required_argument, NULL, 's' },
		{ "xlated", no_argument, NULL, 'x' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "run", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	int c, bad = 0;

	*o = (struct options){ 0 };
	while ((c = cli_getopt(&g, argc, argv, "hv", longopts)) != -1) {
		switch (c) {
		case 'h':
			usage(out_stdout);
			exit(0);
		case 'p':
			bad |= add_opt(o->progs, &o->nr_progs, g.arg);
			break;
		case 'e':
			o->each = true;
			break;
		case 'm':
			bad |= add_opt(o->maxes, &o->nr_maxes, g.arg);
			break;
		case 'd':
			bad |= cli_parse_num(g.arg, &o->default_max);
			break;
		case 's':
			bad |= add_opt(o->sets, &o->nr_sets, g.arg);
			break;
		case 'x':
			o->xlated = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'r':
			bad |= cli_parse_num(g.arg, &o->run_s);
			break;
		default:
			bad = -1;
		}
	}
	if (g.ind + 1 != argc || bad) {
		usage(out_stderr);
		return -1;
	}
	o->obj = argv[g.ind];
	return 0;
}

static bool wanted(const struct options *o, const char *prog)
{
	int i;

	for (i = 0; i < o->nr_progs; i++)
		if (!strcmp(o->progs[i], prog))
			return true;
	return !o->nr_progs;
}

/* Everything the options say, before bb_object_load(). */
static int prepare(struct bb_object *obj, const struct options *o,
		   const char *only, struct bb_err *err)
{
	uint32_t i;
	int ret = 0, k;

	obj_knob_default_max_entries(obj, o->default_max);
	for (k = 0; !ret && k < o->nr_maxes; k++)
		ret = obj_knob_max_entries(obj, o->maxes[k], err);
	for (k = 0; !ret && k < o->nr_sets; k++)
		ret = obj_knob_set_var(obj, o->sets[k], err);
	for (i = 0; i < obj->spec.nr_progs; i++) {
		const char *name = obj->progs[i].spec->name;

		obj->progs[i].off = only ? strcmp(name, only) : !wanted(o, name);
	}
	return ret;
}

static void print_xlated(const struct bb_prog *p)
{
	struct bpf_insn *insns;
	uint32_t n;

	if (xlated_fetch(p->fd, &insns, &n) == 0) {
		xlated_print(out_stdout, p->spec->name, insns, n);
		free(insns);
	}
}

static void report(const struct bb_object *obj, const struct options *o)
{
	struct bpf_prog_info info;
	uint32_t i, len;

	for (i = 0; i < obj->spec.nr_progs; i++) {
		const struct bb_prog *p = &obj->progs[i];

		if (p->fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		sys_obj_get_info_by_fd(p->fd, &info, &len);
		out_printf(out_stdout, "%s loaded id %u\n", p->spec->name, info.id);
		if (o->xlated)
			print_xlated(p);
	}
}

static void print_event(void *ctx, int cpu, void *raw, uint32_t size)
{
	const uint8_t *data = raw;
	uint32_t i, run = 0;

	out_printf(out_stdout, "event %s cpu %d: %u bytes:", (const char *)ctx, cpu, size);
	/* The text in it (comm, file names) first: runs of 3+ printable. */
	for (i = 0; i <= size; i++) {
		if (i < size && data[i] >= 0x20 && data[i] < 0x7f) {
			run++;
			continue;
		}
		if (run >= 3)
			out_printf(out_stdout, " \"%.*s\"", (int)run, (const char *)data + i - run);
		run = 0;
	}
	out_printf(out_stdout, " |");
	for (i = 0; i < size && i < 64; i++)
		out_printf(out_stdout, " %02x", data[i]);
	out_printf(out_stdout, "%s\n", size > 64 ? " ..." : "");
}

static void print_lost(void *ctx, int cpu, __u64 count)
{
	out_printf(out_stdout, "lost %s cpu %d: %llu records\n", (const char *)ctx, cpu,
	       (unsigned long long)count);
}

#define RUN_MAX_ARRAYS 8

/* Attach, then print perf event array records for @secs seconds. */
static int run(struct bb_object *obj, long secs, struct bb_err *err)
{
	struct bb_perf_buffer *pb[RUN_MAX_ARRAYS] = { 0 };
	uint32_t i, nr = 0;
	sigset_t stop;
	long waited;
	int ret;

	ret = tool_block_stop_signals(&stop, err);
	if (!ret)
		ret = bb_object_attach(obj, err);
	for (i = 0; !ret && i < obj->spec.nr_maps && nr < RUN_MAX_ARRAYS; i++) {
		const struct bb_map *m = &obj->maps[i];

		if (m->spec->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			ret = bb_perf_buffer_open(&pb[nr++], m, 64, print_event,
						  print_lost, (void *)m->spec->name, err);
	}
	/* Read often: a busy machine fills a ring fast. */
	for (waited = 0; !ret && waited < secs * 1000; waited += 20) {
		if (sys_sigwait_ms(&stop, 20) > 0)
			break;
		for (i = 0; !ret && i < nr; i++)
			ret = bb_perf_buffer_consume(pb[i], err) < 0 ? -EIO : 0;
		out_flush(out_stdout);
	}
	for (i = 0; i < nr; i++)
		bb_perf_buffer_free(pb[i]);
	return ret;
}

/* Open, prepare and load once; @only: NULL, or the one program to load. */
static int load_once(const struct options *o, const char *only,
		     struct kernel_types *kernel)
{
	struct bb_object *obj = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = bb_object_open(&obj, o->obj, &err);
	if (!ret) {
		obj->kernel = kernel;
		ret = prepare(obj, o, only, &err);
	}
	if (!ret)
		ret = bb_object_load(obj, &err);
	if (!ret)
		report(obj, o);
	if (!ret && o->run_s)
		ret = run(obj, o->run_s, &err);
	if (ret && only)
		out_printf(out_stdout, "%s refused: %s (%s)\n", only, err.msg, errno_text(-ret));
	if (ret)
		bb_err_print(out_stderr, "bbload", &err);
	bb_object_close(obj);
	return ret;
}

/* Each program in a fresh copy of the object: refusals don't spread. */
static int load_each(const struct options *o)
{
	struct kernel_types kernel = { 0 };
	struct bb_object *obj = NULL;
	struct bb_err err = { 0 };
	uint32_t i, refused = 0, nr;
	const char **names;
	int ret;

	ret = bb_object_open(&obj, o->obj, &err);
	if (ret) {
		bb_err_print(out_stderr, "bbload", &err);
		return 1;
	}
	nr = obj->spec.nr_progs;
	names = calloc(nr + 1, sizeof(*names));
	for (i = 0; names && i < nr; i++)
		names[i] = strdup(obj->spec.progs[i].name);
	bb_object_close(obj);
	for (i = 0; names && i < nr; i++) {
		if (wanted(o, names[i]) && load_once(o, names[i], &kernel))
			refused++;
		free((void *)names[i]);
	}
	free(names);
	kernel_types_free(&kernel);
	return refused ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct options o;
	int ret;

	if (parse_args(argc, argv, &o))
		return 2;
	if (o.verbose)
		narrate_start(out_stderr);
	ret = o.each ? load_each(&o) : load_once(&o, NULL, NULL) ? 1 : 0;
	out_flush(out_stdout);
	return ret;
}
