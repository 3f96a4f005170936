// SPDX-License-Identifier: GPL-2.0
/*
 * load.c - `barebpf load OBJ [--prog NAME]... [--pin DIR]`: load without
 * attaching, print each program's kernel id, and optionally pin every
 * program and map under DIR so they outlive us (like `bpftool prog
 * loadall OBJ DIR pinmaps DIR`).
 *
 * Every requested program is tried, so one rejection does not hide the
 * others; the exit status is 0 only if all of them loaded.  Before the
 * load, --max-entries MAP=N and --default-max-entries N size maps the
 * object leaves to its user, and --set VAR=VALUE sets a global variable
 * (a const volatile knob in .rodata): what libbpf-tools do from C.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/file.h"
#include "loader/object/obj_knobs.h"
#include "loader/maps/map.h"
#include "loader/sys/out.h"
#include "loader/load/prog.h"
#include "loader/sys/sys.h"
#include "loader/cmd/barebpf/cmd.h"

struct load_opts {
	const char *path;
	const char *pin_dir;	/* NULL: no pinning */
	char **progs;		/* names given with --prog */
	int nr_progs;
	char **sets;		/* --set VAR=VALUE */
	int nr_sets;
	char **maxes;		/* --max-entries MAP=N */
	int nr_maxes;
	long default_max;	/* --default-max-entries */
};

static int wanted(const struct load_opts *o, const char *name)
{
	int i;

	if (!o->nr_progs)
		return 1;
	for (i = 0; i < o->nr_progs; i++)
		if (!strcmp(o->progs[i], name))
			return 1;
	return 0;
}

static int check_names(const struct load_opts *o, struct bb_object *obj,
		       struct bb_err *err)
{
	int i;

	for (i = 0; i < o->nr_progs; i++)
		if (!bb_object_find_prog(obj, o->progs[i]))
			return bb_errf(err, -ENOENT,
				       "%s: no program '%s' (see barebpf inspect)",
				       obj->path, o->progs[i]);
	return 0;
}

static int pin(int fd, const char *dir, const char *name, struct bb_err *err)
{
	char path[PATH_MAX];
	int ret;

	if ((size_t)fmt_snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return bb_errf(err, -ENAMETOOLONG, "%s/%s: path too long", dir,
			       name);
	ret = sys_obj_pin(fd, path);
	if (ret == -EEXIST)
		return bb_errf(err, ret,
			       "bpf(BPF_OBJ_PIN) %s: already exists (remove it with rm, if it is yours)",
			       path);
	if (ret)
		return bb_errf(err, ret,
			       "bpf(BPF_OBJ_PIN) %s: %s%s", path, errno_text(-ret),
			       ret == -EPERM || ret == -ENOENT || ret == -EINVAL ?
			       " (is the directory on a bpffs? mount -t bpf bpf /sys/fs/bpf)" :
			       errno_hint(ret));
	return 0;
}

static uint32_t prog_id(int fd)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return sys_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

/* What the options change before the load; programs not wanted are off. */
static int prepare(const struct load_opts *o, struct bb_object *obj,
		   struct bb_err *err)
{
	uint32_t i;
	int k, ret = 0;

	obj_knob_default_max_entries(obj, o->default_max);
	for (k = 0; !ret && k < o->nr_maxes; k++)
		ret = obj_knob_max_entries(obj, o->maxes[k], err);
	for (k = 0; !ret && k < o->nr_sets; k++)
		ret = obj_knob_set_var(obj, o->sets[k], err);
	for (i = 0; i < obj->spec.nr_progs; i++)
		obj->progs[i].off = !wanted(o, obj->progs[i].spec->name);
	return ret;
}

/* The object's BTF and maps (obj_load_maps), then pin the maps. */
static int load_maps(struct bb_object *obj, const char *pin_dir,
		     struct bb_err *err)
{
	uint32_t i;
	int ret = obj_load_maps(obj, err);

	for (i = 0; !ret && pin_dir && i < obj->spec.nr_maps; i++)
		ret = pin(obj->maps[i].fd, pin_dir, obj->maps[i].spec->name,
			  err);
	return ret;
}

/* One program: relocate, load, print, pin.  Failures are printed. */
static int load_one(struct bb_object *obj, struct bb_prog *p,
		    const char *pin_dir)
{
	struct bb_err err = { 0 };
	int ret;

	/* Relocate (maps, calls, CO-RE) and load: object.h. */
	ret = obj_load_prog(obj, p, &err);
	if (!ret)
		out_printf(out_stdout, "%s: id %u\n", p->spec->name,
			   prog_id(p->fd));
	if (!ret && pin_dir)
		ret = pin(p->fd, pin_dir, p->spec->name, &err);
	if (!ret && pin_dir)
		out_printf(out_stdout, "%s: pinned at %s/%s\n", p->spec->name,
			   pin_dir, p->spec->name);
	if (ret) {
		out_flush(out_stdout);
		bb_err_print(out_stderr, "barebpf load", &err);
	}
	return ret;
}

static int load(const struct load_opts *o, struct bb_err *err)
{
	struct bb_object *obj = NULL;
	uint32_t i;
	int ret, failed = 0;

	ret = bb_object_open(&obj, o->path, err);
	if (!ret)
		ret = check_names(o, obj, err);
	if (!ret)
		ret = prepare(o, obj, err);
	if (!ret)
		ret = load_maps(obj, o->pin_dir, err);
	for (i = 0; !ret && i < obj->spec.nr_progs; i++)
		if (!obj->progs[i].off &&
		    load_one(obj, &obj->progs[i], o->pin_dir))
			failed++;
	bb_object_close(obj);
	if (!ret && failed)
		ret = bb_errf(err, -EINVAL, "%d program%s did not load",
			      failed, failed > 1 ? "s" : "");
	return ret;
}

int cmd_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "prog", required_argument, NULL, 'p' },
		{ "pin", required_argument, NULL, 'P' },
		{ "set", required_argument, NULL, 's' },
		{ "max-entries", required_argument, NULL, 'm' },
		{ "default-max-entries", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	struct load_opts o = { 0 };
	struct bb_err err = { 0 };
	int c, ret;

	o.progs = calloc(argc, sizeof(*o.progs));
	o.sets = calloc(argc, sizeof(*o.sets));
	o.maxes = calloc(argc, sizeof(*o.maxes));
	if (!o.progs || !o.sets || !o.maxes)
		goto usage;
	while ((c = cli_getopt(&g, argc, argv, "h", longopts)) != -1) {
		if (c == 'p')
			o.progs[o.nr_progs++] = g.arg;
		else if (c == 'P')
			o.pin_dir = g.arg;
		else if (c == 's')
			o.sets[o.nr_sets++] = g.arg;
		else if (c == 'm')
			o.maxes[o.nr_maxes++] = g.arg;
		else if (c != 'd' || cli_parse_num(g.arg, &o.default_max))
			goto usage;
	}
	if (g.ind != argc - 1)
		goto usage;
	o.path = argv[g.ind];
	ret = load(&o, &err);
	free(o.progs);
	free(o.sets);
	free(o.maxes);
	if (ret) {
		bb_err_print(out_stderr, "barebpf load", &err);
		return 1;
	}
	return 0;
usage:
	free(o.progs);
	free(o.sets);
	free(o.maxes);
	out_printf(out_stderr,
		   "Usage: barebpf load OBJ [--prog NAME]... [--pin DIR] [--set VAR=VALUE]...\n"
		   "                    [--max-entries MAP=N]... [--default-max-entries N]\n");
	return 2;
}
