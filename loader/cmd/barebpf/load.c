// SPDX-License-Identifier: GPL-2.0
/*
 * load.c - `barebpf load OBJ [options]`: the command, its options and
 * help.  It loads the object once (load_object.c), or each program in a
 * fresh copy (--each, load_each.c); --xlated and --run are load_run.c's.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/common/cli.h"
#include "loader/object/obj_knobs.h"
#include "loader/maps/map.h"
#include "loader/sys/out.h"
#include "loader/load/prog.h"
#include "loader/pin/map_pin.h"
#include "loader/pin/pin_loaded.h"
#include "loader/sys/sys.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/load.h"

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: barebpf load OBJ [options]\n"
		   "\n"
		   "Load the BPF object OBJ (its BTF, maps, then each program) without\n"
		   "attaching it, and print for each program 'NAME: id N' (its kernel id)\n"
		   "or 'NAME: refused: ERRNO-TEXT' (and why, on stderr).  Every program\n"
		   "is tried; the exit status is 0 only if all of them loaded.\n"
		   "\n"
		   "  --prog NAME               load only NAME (repeatable)\n"
		   "  --pin DIR                 once all loaded, pin every program and\n"
		   "                            map as DIR/NAME (DIR on a bpffs; dots in\n"
		   "                            NAME made '_': .bss is _bss) so they\n"
		   "                            outlive the command; all or none\n"
		   "  --set VAR=VALUE           set global variable VAR (a number, e.g.\n"
		   "                            a const volatile knob) (repeatable)\n"
		   "  --max-entries MAP=N       set map MAP's max_entries (repeatable)\n"
		   "  --value-size MAP=N        set map MAP's value size (repeatable;\n"
		   "                            a stack_trace map left at 0 gets 127*8)\n"
		   "  --default-max-entries N   max_entries for every map the object\n"
		   "                            leaves at 0\n"
		   "  --each                    load each program on its own, in a fresh\n"
		   "                            copy of the object: one refusal does not\n"
		   "                            stop the others (not with --pin or --run)\n"
		   "  --xlated                  after each program's id, its instructions\n"
		   "                            as the kernel translated them: 'xlated\n"
		   "                            NAME:' and 16 hex digits each (map ids 0)\n"
		   "  --run SECONDS             once all loaded, attach them and print\n"
		   "                            for that long the records they send to\n"
		   "                            perf event arrays and ring buffers, as\n"
		   "                            hex bytes (as barebpf run); Ctrl+C stops\n"
		   "  -h, --help                show this help\n"
		   "\n"
		   "barebpf -v load ... narrates every kernel call and CO-RE relocation.\n");
}

static int parse_args(int argc, char **argv, struct load_opts *o)
{
	static const struct option longopts[] = {
		{ "prog", required_argument, NULL, 'p' },
		{ "pin", required_argument, NULL, 'P' },
		{ "set", required_argument, NULL, 's' },
		{ "max-entries", required_argument, NULL, 'm' },
		{ "value-size", required_argument, NULL, 'V' },
		{ "default-max-entries", required_argument, NULL, 'd' },
		{ "each", no_argument, NULL, 'e' },
		{ "xlated", no_argument, NULL, 'x' },
		{ "run", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	int c, bad = 0;

	while (!bad && (c = cli_getopt(&g, argc, argv, "h", longopts)) != -1) {
		if (c == 'h')
			return 1;
		if (c == 'p')
			o->progs[o->nr_progs++] = g.arg;
		else if (c == 'P')
			o->pin_dir = g.arg;
		else if (c == 's')
			o->sets[o->nr_sets++] = g.arg;
		else if (c == 'm')
			o->maxes[o->nr_maxes++] = g.arg;
		else if (c == 'V')
			o->sizes[o->nr_sizes++] = g.arg;
		else if (c == 'e')
			o->each = true;
		else if (c == 'x')
			o->xlated = true;
		else if (c == 'r')	/* milliseconds must fit a long */
			bad = (o->run_s = parse_count(g.arg)) <= 0 ||
			      o->run_s > LONG_MAX / 1000;
		else
			bad = c != 'd' || cli_parse_num(g.arg, &o->default_max);
	}
	/* A copy at a time: pins would clash, runs would take turns. */
	if (bad || g.ind != argc - 1 || (o->each && (o->pin_dir || o->run_s)))
		return -1;
	o->path = argv[g.ind];
	return 0;
}

/* Exit status: 0 all loaded, 1 not, 2 a usage error. */
int cmd_load(int argc, char **argv)
{
	struct load_opts o = { 0 };
	struct bb_err err = { 0 };
	int args = -1, status = 0;

	o.progs = calloc(argc, sizeof(*o.progs));
	o.sets = calloc(argc, sizeof(*o.sets));
	o.maxes = calloc(argc, sizeof(*o.maxes));
	o.sizes = calloc(argc, sizeof(*o.sizes));
	if (o.progs && o.sets && o.maxes && o.sizes)
		args = parse_args(argc, argv, &o);
	if (args)
		usage(args > 0 ? out_stdout : out_stderr);
	else if (o.each ? load_each(&o, &err) : load_object(&o, &err))
		status = 1;
	if (status)
		bb_err_print(out_stderr, "barebpf load", &err);
	free(o.progs);
	free(o.sets);
	free(o.maxes);
	free(o.sizes);
	return args < 0 ? 2 : status;
}
