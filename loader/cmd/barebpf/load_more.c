// SPDX-License-Identifier: GPL-2.0
/*
 * load_more.c - `barebpf load`'s options for comparing loaders and
 * trying objects out (the real-world tier, tests/realworld/run.sh, uses
 * all three to compare us with libbpf):
 *
 *	--each		each program on its own, in a fresh copy of the
 *			object: one refusal (a map the kernel lacks, a
 *			CO-RE miss) says nothing about the others, as when
 *			a libbpf tool switches programs off with autoload
 *	--xlated	the instructions as the kernel translated them
 *	--run SECONDS	attach and print what the programs send, raw
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "loader/cmd/common/tool.h"
#include "loader/load/obj_core.h"
#include "loader/load/xlated.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/load.h"

/* The programs' names, from a first copy (freed by free_names()). */
static int prog_names(const char *path, char ***out, uint32_t *nr,
		      struct bb_err *err)
{
	struct bb_object *obj = NULL;
	uint32_t i;
	int ret;

	ret = bb_object_open(&obj, path, err);
	if (!ret) {
		*nr = obj->spec.nr_progs;
		*out = calloc(*nr + 1, sizeof(**out));
		if (!*out)
			ret = bb_errf(err, -ENOMEM, "%s: out of memory", path);
	}
	for (i = 0; !ret && i < *nr; i++) {
		(*out)[i] = strdup(obj->spec.progs[i].name);
		if (!(*out)[i])
			ret = bb_errf(err, -ENOMEM, "%s: out of memory", path);
	}
	bb_object_close(obj);
	return ret;
}

static void free_names(char **names)
{
	uint32_t i;

	for (i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

/*
 * The kernel's BTF (several MiB) is read once and lent to every copy.
 * load_object() reports each program, loaded or refused.
 */
int load_each(const struct load_opts *o, struct bb_err *err)
{
	struct kernel_types kernel = { 0 };
	struct load_opts one = *o;
	struct bb_err one_err;
	char **names = NULL;
	uint32_t i, nr = 0, tried = 0, refused = 0;
	int ret;

	ret = prog_names(o->path, &names, &nr, err);
	one.kernel = &kernel;
	for (i = 0; !ret && i < nr; i++) {
		if (!load_wanted(o, names[i]))
			continue;
		one.only = names[i];
		one_err = (struct bb_err){ 0 };
		tried++;
		if (load_object(&one, &one_err))
			refused++;
		bb_err_free(&one_err);
	}
	free_names(names);
	kernel_types_free(&kernel);
	if (!ret && refused)
		ret = bb_errf(err, -EINVAL, "--each: %u of %u programs did not load",
			      refused, tried);
	return ret;
}

void load_print_xlated(const struct bb_prog *p)
{
	struct bpf_insn *insns;
	uint32_t n;

	if (xlated_fetch(p->fd, &insns, &n) == 0) {
		xlated_print(out_stdout, p->spec->name, insns, n);
		free(insns);
	}
}

int load_run(struct bb_object *obj, const struct load_opts *o,
	     struct bb_err *err)
{
	struct events *ev = NULL;
	sigset_t stop;
	int ret;

	out_flush(out_stdout);
	ret = tool_block_stop_signals(&stop, err);
	if (!ret)
		ret = run_attach(obj, NULL, &ev, err);
	if (!ret)
		ret = events_wait(ev, &stop, o->run_s * 1000, err);
	/* What came in the last moment (or before Ctrl+C) is printed too. */
	if (ret >= 0 && events_count(ev))
		ret = events_poll(ev, 0, err);
	events_free(ev);
	return ret > 0 ? 0 : ret;
}
