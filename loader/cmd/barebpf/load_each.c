// SPDX-License-Identifier: GPL-2.0
/*
 * load_each.c - `barebpf load --each`: each program on its own, in a
 * fresh copy of the object: one refusal (a map the kernel lacks, a CO-RE
 * miss) says nothing about the others, as when a libbpf tool switches
 * programs off with autoload.  The real-world tier
 * (tests/realworld/run.sh) compares us with libbpf this way.
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
