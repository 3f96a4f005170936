// SPDX-License-Identifier: GPL-2.0
/*
 * global_data.c - bring .rodata/.data/.bss maps to life, and reach their
 * variables by name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf/base/errno_names.h"
#include "loader/sys/file.h"
#include "loader/load/global_data.h"
#include "loader/sys/sys.h"

/* The value to be written at load: the section's bytes until changed. */
static int value_buf(struct bb_map *map)
{
	const struct map_spec *s = map->spec;

	if (map->value)
		return 0;
	/*
	 * Rounded up to 8 bytes: a skeleton's struct for the section is
	 * (C rounds a struct's size up to its alignment), and a program
	 * may copy it whole into skel->rodata.
	 */
	map->value = calloc(1, (s->value_size + 7) / 8 * 8);
	if (!map->value)
		return -ENOMEM;
	if (s->init)
		memcpy(map->value, s->init, s->value_size);
	return 0;
}

/* The kernel maps whole pages of an array's values. */
static int map_memory(struct bb_map *map, struct bb_err *err)
{
	size_t page = getauxval(AT_PAGESZ);
	size_t len = (map->spec->value_size + page - 1) / page * page;
	void *addr = sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			      map->fd, 0);
	int ret = (int)(long)addr;

	if (sys_mmap_failed(addr))
		return bb_errf(err, ret, "mmap of map '%s': %s%s",
			       map->spec->name, errno_text(-ret),
			       errno_hint(ret));
	map->mem = addr;
	map->mem_len = len;
	return 0;
}

int global_data_init(struct bb_map *map, struct bb_err *err)
{
	const char *name = map->spec->name;
	uint32_t zero = 0;
	int ret;

	if (value_buf(map))
		return bb_errf(err, -ENOMEM, "out of memory");
	ret = sys_map_update_elem(map->fd, &zero, map->value, BPF_ANY);
	if (ret)
		return bb_errf(err, ret,
			       "bpf(BPF_MAP_UPDATE_ELEM) for map '%s' (initial value): %s%s",
			       name, errno_text(-ret), errno_hint(ret));
	if (!map->spec->frozen)
		return map_memory(map, err);
	ret = sys_map_freeze(map->fd);
	if (ret)
		return bb_errf(err, ret, "bpf(BPF_MAP_FREEZE) for map '%s': %s%s",
			       name, errno_text(-ret), errno_hint(ret));
	return 0;
}

void global_data_release(struct bb_map *map)
{
	if (map->mem)
		sys_munmap(map->mem, map->mem_len);
	map->mem = NULL;
	free(map->value);
	map->value = NULL;
}

static int find_var(struct bb_object *obj, const char *name, size_t size,
		    const struct var_spec **out, struct bb_err *err)
{
	const struct var_spec *v = obj_spec_var(&obj->spec, name);

	if (!v)
		return bb_errf(err, -ENOENT,
			       "%s: no global variable '%s' in .rodata, .data or .bss",
			       obj->path, name);
	if (v->size != size)
		return bb_errf(err, -EINVAL,
			       "%s: global variable '%s' is %u bytes, not %zu",
			       obj->path, name, v->size, size);
	*out = v;
	return 0;
}

int bb_object_set_var(struct bb_object *obj, const char *name, const void *val,
		size_t size, struct bb_err *err)
{
	const struct var_spec *v;
	struct bb_map *map;
	int ret = find_var(obj, name, size, &v, err);

	if (ret)
		return ret;
	map = &obj->maps[v->map];
	if (map->fd < 0) {
		if (value_buf(map))
			return bb_errf(err, -ENOMEM, "out of memory");
		memcpy(map->value + v->off, val, size);
		return 0;
	}
	if (!map->mem)
		return bb_errf(err, -EPERM,
			       "%s: global variable '%s' is in '%s', frozen once loaded: set it before loading",
			       obj->path, name, map->spec->name);
	memcpy((uint8_t *)map->mem + v->off, val, size);
	return 0;
}

int bb_object_get_var(struct bb_object *obj, const char *name, void *val,
		size_t size, struct bb_err *err)
{
	const struct var_spec *v;
	struct bb_map *map;
	uint32_t zero = 0;
	int ret = find_var(obj, name, size, &v, err);

	if (ret)
		return ret;
	map = &obj->maps[v->map];
	if (map->mem) {
		memcpy(val, (uint8_t *)map->mem + v->off, size);
		return 0;
	}
	if (value_buf(map))
		return bb_errf(err, -ENOMEM, "out of memory");
	/* A frozen .rodata map still answers lookups. */
	if (map->fd >= 0) {
		ret = sys_map_lookup_elem(map->fd, &zero, map->value, 0);
		if (ret)
			return bb_errf(err, ret,
				       "bpf(BPF_MAP_LOOKUP_ELEM) for map '%s': %s",
				       map->spec->name, errno_text(-ret));
	}
	memcpy(val, map->value + v->off, size);
	return 0;
}

void *bb_map_global_data(struct bb_map *map, size_t *size)
{
	if (!map->spec->global_data || map->spec->kconfig) {
		errno = EINVAL;
		return NULL;
	}
	if (size)
		*size = map->spec->value_size;
	if (map->mem)
		return map->mem;
	if (value_buf(map)) {
		errno = ENOMEM;
		return NULL;
	}
	return map->value;
}
