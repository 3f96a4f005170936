// SPDX-License-Identifier: GPL-2.0
/*
 * load_object.c - load the object without attaching, print each
 * program's kernel id, and optionally pin every program and map under DIR
 * so they outlive us (like `bpftool prog loadall OBJ DIR pinmaps DIR`).
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
#include "loader/object/obj_knobs.h"
#include "loader/maps/map.h"
#include "loader/sys/out.h"
#include "loader/load/prog.h"
#include "loader/pin/map_pin.h"
#include "loader/pin/pin_loaded.h"
#include "loader/sys/sys.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/load.h"

int load_wanted(const struct load_opts *o, const char *name)
{
	int i;

	if (o->only)
		return !strcmp(o->only, name);
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

static uint32_t prog_id(int fd)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return sys_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

/*
 * A program of an unknown section is skipped, saying so, unless the user
 * named it (--prog): then it is tried, and refused by name.  --each's
 * ->only is our choice, not the user's.
 */
static int load_named(const struct load_opts *o)
{
	return (o->only && !o->each) || o->nr_progs;
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
	for (k = 0; !ret && k < o->nr_sizes; k++)
		ret = obj_knob_value_size(obj, o->sizes[k], err);
	for (k = 0; !ret && k < o->nr_sets; k++)
		ret = obj_knob_set_var(obj, o->sets[k], err);
	for (i = 0; i < obj->spec.nr_progs; i++) {
		struct bb_prog *p = &obj->progs[i];

		p->off = !load_wanted(o, p->spec->name);
		if (!p->off && !load_named(o) && !sec_def_known(p->spec->def)) {
			say_skipped(out_stdout, "", p);
			p->off = true;
		}
	}
	return ret;
}

/*
 * --pin DIR, once everything loaded: every map and program as DIR/NAME,
 * all or none (loader/pin/pin_loaded.h: checked names, '.' made '_').
 */
static int pin_all(const struct bb_object *obj, const char *dir,
		   struct bb_err *err)
{
	char path[PATH_MAX];
	const char *name;
	uint32_t i;
	int fd, ret = obj_pin_loaded(obj, dir, err);

	for (i = 0; !ret && i < obj_pin_items(obj); i++)
		if (!obj_pin_item(obj, i, dir, path, sizeof(path), &name, &fd,
				  err) && fd >= 0)
			out_printf(out_stdout, "%s: pinned at %s\n", name, path);
	return ret;
}

void load_refused(const char *name, int ret, struct bb_err *err)
{
	out_printf(out_stdout, "%s: refused: %s\n", name, errno_text(ret));
	out_flush(out_stdout);
	bb_err_print(out_stderr, "barebpf load", err);
}

/* One program: relocate, load, print.  Failures are printed. */
static int load_one(struct bb_object *obj, struct bb_prog *p,
		    const struct load_opts *o)
{
	struct bb_err err = { 0 };
	int ret;

	/* Relocate (maps, calls, CO-RE) and load: object.h. */
	ret = obj_load_prog(obj, p, &err);
	if (ret) {
		load_refused(p->spec->name, ret, &err);
		return ret;
	}
	out_printf(out_stdout, "%s: id %u\n", p->spec->name, prog_id(p->fd));
	if (o->xlated)
		load_print_xlated(p);
	return 0;
}

int load_object(const struct load_opts *o, struct bb_err *err)
{
	struct bb_object *obj = NULL;
	uint32_t i;
	int ret, failed = 0;

	ret = bb_object_open(&obj, o->path, err);
	if (!ret) {
		obj->kernel = o->kernel;
		ret = check_names(o, obj, err);
	}
	if (!ret)
		ret = prepare(o, obj, err);
	if (!ret)
		ret = obj_load_maps(obj, err);
	for (i = 0; !ret && i < obj->spec.nr_progs; i++)
		if (!obj->progs[i].off &&
		    load_one(obj, &obj->progs[i], o))
			failed++;
	if (!ret && !failed)
		ret = obj_fill_prog_arrays(obj, err);
	if (ret && o->only)
		load_refused(o->only, ret, err);
	/* A run that fails pins nothing. */
	if (!ret && !failed && o->pin_dir)
		ret = pin_all(obj, o->pin_dir, err);
	if (!ret && !failed && o->run_s)
		ret = load_run(obj, o, err);
	if (obj && (ret || failed))
		map_unpin_made(obj);	/* maps the object pins by name */
	bb_object_close(obj);
	if (!ret && failed)
		ret = bb_errf(err, -EINVAL, "%d program%s did not load",
			      failed, failed > 1 ? "s" : "");
	return ret;
}
