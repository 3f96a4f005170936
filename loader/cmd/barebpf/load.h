/* SPDX-License-Identifier: GPL-2.0 */
/*
 * load.h - `barebpf load`'s options and steps, from the command down:
 * load.c (the command) -> load_each.c (--each) -> load_object.c (load
 * once, pin) -> load_run.c (--xlated, --run).  The real-world tier
 * (tests/realworld/run.sh) compares us with libbpf through all three.
 */
#ifndef BAREBPF_CMD_LOAD_H
#define BAREBPF_CMD_LOAD_H

#include <stdbool.h>

#include "loader/object/object.h"

struct load_opts {
	const char *path;
	const char *pin_dir;	/* NULL: no pinning */
	char **progs;		/* names given with --prog */
	int nr_progs;
	char **sets;		/* --set VAR=VALUE */
	int nr_sets;
	char **maxes;		/* --max-entries MAP=N */
	int nr_maxes;
	char **sizes;		/* --value-size MAP=N */
	int nr_sizes;
	long default_max;	/* --default-max-entries */
	long run_s;		/* --run SECONDS; 0: no run */
	bool each;		/* --each */
	bool xlated;		/* --xlated */
	/* Set by load_each() for each copy of the object: */
	const char *only;	/* NULL, or the one program to load */
	struct kernel_types *kernel;	/* NULL, or the kernel BTF to share */
};

/*
 * load_object.c: open, prepare and load the object once, then (--run) run it.
 * Every wanted program is tried and reported on stdout.  With ->only set,
 * a failure before the program (maps, knobs) is reported as its refusal.
 */
int load_object(const struct load_opts *o, struct bb_err *err);

/* Is program @name to be loaded (--prog, ->only)? */
int load_wanted(const struct load_opts *o, const char *name);

/* A program refused: "NAME: refused: ERRNO-TEXT" on stdout, why on stderr. */
void load_refused(const char *name, int ret, struct bb_err *err);

/* load_each.c: each wanted program on its own, in a fresh copy (--each). */
int load_each(const struct load_opts *o, struct bb_err *err);

/* load_run.c, --xlated: "xlated NAME: ..." (loader/load/xlated.h); nothing on error. */
void load_print_xlated(const struct bb_prog *p);

/* --run: attach, print events raw for @o->run_s seconds (Ctrl+C: less). */
int load_run(struct bb_object *obj, const struct load_opts *o,
	     struct bb_err *err);

#endif
