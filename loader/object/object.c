// SPDX-License-Identifier: GPL-2.0
/*
 * object.c - the life of a BPF object: open, load, attach, close.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "loader/sys/file.h"
#include "loader/load/global_data.h"
#include "loader/maps/map.h"
#include "loader/pin/map_pin.h"
#include "loader/load/obj_btf.h"
#include "loader/load/obj_core.h"
#include "loader/object/object.h"
#include "loader/core/parts.h"
#include "loader/load/prog.h"
#include "loader/sys/sys.h"

/* One bpf_map / bpf_prog per spec entry, every fd -1 (not created). */
static int obj_alloc(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i;

	obj->maps = calloc(obj->spec.nr_maps + 1, sizeof(*obj->maps));
	obj->progs = calloc(obj->spec.nr_progs + 1, sizeof(*obj->progs));
	if (!obj->maps || !obj->progs)
		return bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; i < obj->spec.nr_maps; i++) {
		obj->maps[i].spec = &obj->spec.maps[i];
		obj->maps[i].fd = -1;
		obj->maps[i].btf_fd = -1;
		obj->maps[i].obj = obj;
	}
	for (i = 0; i < obj->spec.nr_progs; i++) {
		obj->progs[i].spec = &obj->spec.progs[i];
		obj->progs[i].fd = -1;
		obj->progs[i].attach_fd = -1;
		obj->progs[i].obj = obj;
		/* Unknown section: not loaded unless the caller asks. */
		obj->progs[i].off = !sec_def_known(obj->spec.progs[i].def);
	}
	return 0;
}

/* Takes ownership of @file (malloc'd, @len bytes). */
static int obj_from_bytes(struct bb_object **out, uint8_t *file, size_t len,
			  const char *name, const struct loader_parts *parts,
			  struct bb_err *err)
{
	struct bb_object *obj = calloc(1, sizeof(*obj));
	int ret;

	if (!obj) {
		free(file);
		return bb_errf(err, -ENOMEM, "out of memory");
	}
	obj->path = name;
	obj->btf_fd = -1;
	obj->file = file;
	obj->file_len = len;
	obj->parts = parts;
	ret = obj_spec_parse_with(&obj->spec, file, len,
				  parts->struct_ops_parse, parts->ksyms_parse,
				  err);
	if (!ret)
		ret = obj_alloc(obj, err);
	if (!ret)
		ret = parts_check(obj, parts, err);
	if (ret) {
		bb_err_prefix(err, ret, "%s", name);
		bb_object_close(obj);
		return ret;
	}
	*out = obj;
	return 0;
}

int obj_open_with(struct bb_object **out, const char *path,
		  const struct loader_parts *parts, struct bb_err *err)
{
	uint8_t *file;
	size_t len;
	int ret;

	ret = file_read_all(path, &file, &len, err);
	if (ret)
		return ret;
	return obj_from_bytes(out, file, len, path, parts, err);
}

int obj_open_owned(struct bb_object **out, uint8_t *file, size_t len,
		   const char *name, const struct loader_parts *parts,
		   struct bb_err *err)
{
	return obj_from_bytes(out, file, len, name, parts, err);
}

/*
 * tp_btf/fentry/fexit/iter/lsm programs are loaded against a kernel BTF id; read
 * the kernel's BTF (several MiB) once, only if some program needs it.
 */
static bool needs_btf_target(const struct bb_prog *p)
{
	return sec_def_needs_btf_id(p->spec->def) && !p->attach_btf_id;
}

static int resolve_btf_targets(struct bb_object *obj, struct kernel_types *k,
			       struct bb_err *err)
{
	uint32_t i;
	int ret = 0;

	for (i = 0; !ret && i < obj->spec.nr_progs; i++)
		if (!obj->progs[i].off && needs_btf_target(&obj->progs[i]))
			ret = obj->parts->btf_target_find(&obj->progs[i], k,
							  err);
	return ret;
}

static int load_maps(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		struct bb_map *m = &obj->maps[i];

		ret = m->spec->kconfig ? obj->parts->kconfig_fill(obj, m, err) : 0;
		if (!ret && obj->parts->arena_setup &&
		    m->spec->type == BB_MAP_TYPE_ARENA)
			ret = obj->parts->arena_setup(obj, m, err);
		else if (!ret)
			ret = map_setup(obj, m, err);
		if (!ret && m->spec->global_data)
			ret = obj->parts->global_data_init(m, err);
		if (ret)
			return ret;
	}
	return obj->parts->map_fill_slots ? obj->parts->map_fill_slots(obj, err) : 0;
}

/* The kernel's BTF: the caller's, or ours, read on first need. */
static struct kernel_types *kernel_types(struct bb_object *obj)
{
	if (obj->kernel)
		return obj->kernel;
	if (!obj->kernel_own)
		obj->kernel_own = calloc(1, sizeof(*obj->kernel_own));
	return obj->kernel_own;
}

int obj_prog_unknown(const struct bb_prog *p, struct bb_err *err)
{
	return bb_errf(err, -ENOTSUP,
		       "program '%s': section '%s': unknown program type, so not loaded (docs/program-types.md lists the sections barebpf knows)",
		       p->spec->name, p->spec->section);
}

/* The kernel loads a struct_ops program for one member of one struct. */
static int struct_ops_unused(const struct bb_prog *p, struct bb_err *err)
{
	return bb_errf(err, -EINVAL,
		       "program '%s' (section '%s'): no variable of SEC(\".struct_ops\") points at it, so the kernel cannot know which struct member it implements",
		       p->spec->name, p->spec->section);
}

int obj_load_prog(struct bb_object *obj, struct bb_prog *p, struct bb_err *err)
{
	struct kernel_types *k = kernel_types(obj);
	int ret;

	if (!k)
		return bb_errf(err, -ENOMEM, "out of memory");
	if (!sec_def_known(p->spec->def))
		return obj_prog_unknown(p, err);
	if (p->spec->def->prog_type == BPF_PROG_TYPE_STRUCT_OPS && !p->attach_btf_id)
		return struct_ops_unused(p, err);
	ret = needs_btf_target(p) ? obj->parts->btf_target_find(p, k, err) : 0;
	if (!ret)
		ret = prog_relocate(p, obj->maps, obj->spec.nr_maps, err);
	if (!ret && obj->spec.nr_ksyms)
		ret = obj->parts->ksyms_relocate(p, k, err);
	if (!ret && p->spec->nr_cores)
		ret = obj->parts->core_relocate(p, obj, k, err);
	if (!ret)
		ret = prog_load(p, obj->spec.license, obj->spec.kern_version,
				obj->btf_fd, err);
	if (ret && obj->spec.nr_ksyms)
		ret = obj->parts->ksyms_refused(p, ret, err);
	if (ret && p->spec->nr_cores)
		ret = obj->parts->core_refused(p, ret, err);
	if (ret && obj->parts->prog_refused)
		ret = obj->parts->prog_refused(p, ret, err);
	return ret;
}

int obj_fill_prog_arrays(struct bb_object *obj, struct bb_err *err)
{
	return obj->parts->prog_array_fill ?
	       obj->parts->prog_array_fill(obj, err) : 0;
}

static bool has_struct_ops(const struct bb_object *obj)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (obj->spec.maps[i].st_type)
			return true;
	return false;
}

/*
 * STRUCT_OPS maps are created with the kernel's value struct, and their
 * programs loaded against the kernel's struct: both found in its BTF.
 */
int obj_load_maps(struct bb_object *obj, struct bb_err *err)
{
	struct kernel_types *k = kernel_types(obj);
	int ret = obj_btf_load(obj, err);

	if (!ret && !k)
		ret = bb_errf(err, -ENOMEM, "out of memory");
	if (!ret && has_struct_ops(obj))
		ret = obj->parts->struct_ops_prepare(obj, k, err);
	return ret ? ret : load_maps(obj, err);
}

/*
 * The object's BTF first (maps and programs name it), then maps:
 * programs refer to them by fd.  A map may already exist (map_pin.h);
 * maps of maps get their initial inner maps once all exist, program
 * arrays their initial programs once those are loaded.  Programs
 * switched off (bpf_prog.off) are neither relocated nor loaded; those of an
 * unknown section start off, and fail here only if switched on.  The
 * targets of tp_btf/fentry programs are looked up before anything is
 * created: a missing one fails early.
 */
int bb_object_load(struct bb_object *obj, struct bb_err *err)
{
	struct kernel_types *k = kernel_types(obj);
	uint32_t i;
	int ret;

	if (!k)
		return bb_errf(err, -ENOMEM, "out of memory");
	ret = resolve_btf_targets(obj, k, err);
	if (!ret)
		ret = obj_load_maps(obj, err);
	for (i = 0; !ret && i < obj->spec.nr_progs; i++)
		if (!obj->progs[i].off)
			ret = obj_load_prog(obj, &obj->progs[i], err);
	if (!ret)
		ret = obj_fill_prog_arrays(obj, err);
	if (ret)
		map_unpin_made(obj);
	return ret;
}

/*
 * Programs by their sections; then STRUCT_OPS maps, registered with the
 * fds of their programs.
 */
int bb_object_attach(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < obj->spec.nr_progs; i++) {
		struct bb_prog *p = &obj->progs[i];
		enum attach_kind kind = p->spec->def->attach;

		if (p->off || kind == ATTACH_NONE)
			continue;
		ret = obj->parts->attach[kind](p, err);
		if (ret)
			return ret;
	}
	for (i = 0; i < obj->spec.nr_maps; i++) {
		if (!obj->maps[i].st || obj->maps[i].st->registered)
			continue;
		ret = obj->parts->struct_ops_register(&obj->maps[i], err);
		if (ret)
			return ret;
	}
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		sys_close(*fd);
	*fd = -1;
}

/*
 * An sk_skb/sk_msg program stays attached to its sockmap as long as the
 * map lives, which may be longer than we do (pinned, or another's fd).
 */
static void prog_detach(struct bb_prog *p)
{
	if (p->map_attached)
		sys_prog_detach(p->fd, p->attach_target,
				p->spec->def->expected_attach_type);
	p->map_attached = false;
}

/*
 * Detach first (tc filters, unregistering struct_ops, sockmap
 * attachments, then closing the perf events and links), then programs,
 * then maps.
 */
void bb_object_close(struct bb_object *obj)
{
	uint32_t i;

	if (!obj)
		return;
	/*
	 * tc filters (attach/tc_netlink.c), the last added first: the first
	 * one added the clsact qdisc, and removes it only once it holds no
	 * other filter.
	 */
	for (i = obj->progs ? obj->spec.nr_progs : 0; i-- > 0;)
		if (obj->progs[i].tc.detach)
			obj->progs[i].tc.detach(&obj->progs[i].tc);
	for (i = 0; obj->maps && i < obj->spec.nr_maps; i++)
		if (obj->maps[i].st)
			obj->parts->struct_ops_unregister(&obj->maps[i]);
	for (i = 0; obj->progs && i < obj->spec.nr_progs; i++) {
		prog_detach(&obj->progs[i]);
		close_fd(&obj->progs[i].attach_fd);
		sys_close_each(&obj->progs[i].more_fds,
			       &obj->progs[i].nr_more_fds);
		close_fd(&obj->progs[i].fd);
		free(obj->progs[i].insns);
	}
	for (i = 0; obj->maps && i < obj->spec.nr_maps; i++) {
		global_data_release(&obj->maps[i]);
		map_release(&obj->maps[i]);
		close_fd(&obj->maps[i].fd);
	}
	close_fd(&obj->btf_fd);
	for (i = 1; i < obj->nr_ksym_fds; i++)
		close_fd(&obj->ksym_fds[i]);
	free(obj->ksym_fds);
	free(obj->ksyms);
	if (obj->kernel_own)
		kernel_types_free(obj->kernel_own);
	free(obj->kernel_own);
	free(obj->progs);
	free(obj->maps);
	obj_spec_free(&obj->spec);
	free(obj->file);
	free(obj);
}
