// SPDX-License-Identifier: GPL-2.0
/*
 * run_replace.c - `barebpf run --replace PROG:FUNC`: the loaded program
 * (an id, or a path where it is pinned) whose global function FUNC the
 * object's freplace/FUNC programs replace.  Set before loading: the
 * kernel verifies an extension against the function it replaces
 * (loader/load/freplace.c).  A freplace program that no --replace names
 * cannot load: it is left off, and said so on stderr.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"

/* PROG of "PROG:FUNC" (@len bytes): a pinned path, or a program id. */
static int open_target(const char *arg, size_t len, struct bb_err *err)
{
	char what[4096];
	long id;
	int fd;

	if (len >= sizeof(what))
		return bb_errf(err, -ENAMETOOLONG, "--replace %s: too long", arg);
	memcpy(what, arg, len);
	what[len] = '\0';
	if (what[0] == '/')
		return bb_pinned_open(what, err);
	if (cli_parse_num(what, &id) || id > UINT32_MAX)
		return bb_errf(err, -EINVAL,
			       "--replace %s: want PROG_ID:FUNC or /PINNED/PATH:FUNC", arg);
	fd = sys_prog_get_fd_by_id(id);
	if (fd < 0)
		return bb_errf(err, fd, "--replace %s: bpf(BPF_PROG_GET_FD_BY_ID, %ld): %s%s",
			       arg, id, errno_text(-fd),
			       fd == -ENOENT ? " (no program has that id)" : "");
	return fd;
}

static bool is_ext(const struct bb_prog *p)
{
	return p->spec->def->prog_type == BPF_PROG_TYPE_EXT;
}

int run_set_replace(struct bb_object *obj, const struct run_targets *t,
		    int *prog_fd, struct bb_err *err)
{
	const char *func = t->replace ? strrchr(t->replace, ':') : NULL;
	uint32_t i, n = 0;

	if (t->replace && (!func || func == t->replace || !func[1]))
		return bb_errf(err, -EINVAL,
			       "--replace %s: want PROG_ID:FUNC or /PINNED/PATH:FUNC", t->replace);
	if (func) {
		*prog_fd = open_target(t->replace, func - t->replace, err);
		if (*prog_fd < 0)
			return *prog_fd;
		func++;
	}
	for (i = 0; i < obj->spec.nr_progs; i++) {
		struct bb_prog *p = &obj->progs[i];

		if (!is_ext(p) || p->off)
			continue;
		if (func && !strcmp(p->spec->target, func)) {
			bb_prog_set_attach_target(p, *prog_fd);
			n++;
			continue;
		}
		bb_prog_set_autoload(p, false);
		out_printf(out_stderr,
			   "barebpf run: %s: skipped: section '%s' needs --replace PROG:%s (the program whose function it replaces)\n",
			   p->spec->name, p->spec->section, p->spec->target);
	}
	if (func && !n)
		return bb_errf(err, -ENOENT, "--replace %s: the object has no section 'freplace/%s'",
			       t->replace, func);
	return 0;
}
