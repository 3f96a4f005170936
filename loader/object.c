// SPDX-License-Identifier: GPL-2.0
/*
 * object.c - the life of a BPF object: open, load, attach, close.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "global_data.h"
#include "map.h"
#include "map_in_map.h"
#include "map_pin.h"
#include "object.h"
#include "prog.h"
#include "sys.h"
#include "tracepoint.h"

/* One bpf_map / bpf_prog per spec entry, every fd -1 (not created). */
static int obj_alloc(struct bpf_obj *obj, struct bb_err *err)
{
	uint32_t i;

	obj->maps = calloc(obj->spec.nr_maps + 1, sizeof(*obj->maps));
	obj->progs = calloc(obj->spec.nr_progs + 1, sizeof(*obj->progs));
	if (!obj->maps || !obj->progs)
		return bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; i < obj->spec.nr_maps; i++) {
		obj->maps[i].spec = &obj->spec.maps[i];
		obj->maps[i].fd = -1;
	}
	for (i = 0; i < obj->spec.nr_progs; i++) {
		obj->progs[i].spec = &obj->spec.progs[i];
		obj->progs[i].fd = -1;
		obj->progs[i].attach_fd = -1;
	}
	return 0;
}

/* Takes ownership of @file (malloc'd, @len bytes). */
static int obj_from_bytes(struct bpf_obj **out, uint8_t *file, size_t len,
			  const char *name, struct bb_err *err)
{
	struct bpf_obj *obj = calloc(1, sizeof(*obj));
	int ret;

	if (!obj) {
		free(file);
		return bb_errf(err, -ENOMEM, "out of memory");
	}
	obj->path = name;
	obj->file = file;
	obj->file_len = len;
	ret = obj_spec_parse(&obj->spec, file, len, err);
	if (ret)
		bb_err_prefix(err, ret, "%s", name);
	else
		ret = obj_alloc(obj, err);
	if (ret) {
		obj_close(obj);
		return ret;
	}
	*out = obj;
	return 0;
}

int obj_open(struct bpf_obj **out, const char *path, struct bb_err *err)
{
	uint8_t *file;
	size_t len;
	int ret;

	ret = file_read_all(path, &file, &len, err);
	if (ret)
		return ret;
	return obj_from_bytes(out, file, len, path, err);
}

int obj_open_mem(struct bpf_obj **out, const void *data, size_t len,
		 const char *name, struct bb_err *err)
{
	uint8_t *file = malloc(len + 1);

	if (!file)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(file, data, len);
	return obj_from_bytes(out, file, len, name, err);
}

/*
 * Maps first: programs refer to them by fd.  A map may already exist
 * (map_pin.h); maps of maps get their initial inner maps once all exist.
 */
int obj_load(struct bpf_obj *obj, struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		ret = map_setup(obj, &obj->maps[i], err);
		if (!ret && obj->maps[i].spec->global_data)
			ret = global_data_init(&obj->maps[i], err);
		if (ret)
			return ret;
	}
	ret = map_fill_slots(obj, err);
	if (ret)
		return ret;
	for (i = 0; i < obj->spec.nr_progs; i++) {
		ret = prog_relocate(&obj->progs[i], obj->maps,
				    obj->spec.nr_maps, err);
		if (!ret)
			ret = prog_load(&obj->progs[i], obj->spec.license,
					obj->spec.kern_version, err);
		if (ret)
			return ret;
	}
	return 0;
}

int obj_attach(struct bpf_obj *obj, struct bb_err *err)
{
	uint32_t i;
	int ret;

	for (i = 0; i < obj->spec.nr_progs; i++) {
		struct bpf_prog *p = &obj->progs[i];

		switch (p->spec->def->attach) {
		case ATTACH_TRACEPOINT:
			ret = tracepoint_attach(p, err);
			break;
		default:
			ret = 0;
			break;
		}
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

/* Detach first (closing the perf events), then programs, then maps. */
void obj_close(struct bpf_obj *obj)
{
	uint32_t i;

	if (!obj)
		return;
	for (i = 0; obj->progs && i < obj->spec.nr_progs; i++) {
		close_fd(&obj->progs[i].attach_fd);
		close_fd(&obj->progs[i].fd);
		free(obj->progs[i].insns);
	}
	for (i = 0; obj->maps && i < obj->spec.nr_maps; i++) {
		global_data_release(&obj->maps[i]);
		close_fd(&obj->maps[i].fd);
	}
	free(obj->progs);
	free(obj->maps);
	obj_spec_free(&obj->spec);
	free(obj->file);
	free(obj);
}

struct bpf_map *obj_map(struct bpf_obj *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_maps; i++)
		if (!strcmp(obj->maps[i].spec->name, name))
			return &obj->maps[i];
	return NULL;
}

struct bpf_prog *obj_prog(struct bpf_obj *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->spec.nr_progs; i++)
		if (!strcmp(obj->progs[i].spec->name, name))
			return &obj->progs[i];
	return NULL;
}
