// SPDX-License-Identifier: GPL-2.0
/*
 * map.c - create maps from their specs, and read and write them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "elf/bpf_names.h"
#include "elf/bpf_uapi_new.h"
#include "loader/sys/cpus.h"
#include "loader/sys/file.h"
#include "loader/maps/map.h"
#include "loader/sys/sys.h"

/*
 * Name the key and value types in the object's BTF, for the map types
 * whose kernel code reads them (bpftool then prints values as structs;
 * task/sk/inode storage require them).  Perf event arrays, ring buffers,
 * maps of maps, stack traces... have no use for them and refuse them
 * (map_check_no_btf in kernel/bpf/syscall.c), as libbpf also knows.
 */
static void map_btf_ids(const struct bb_map *map, struct map_create_args *a)
{
	const struct map_spec *s = map->spec;
	uint32_t value_id = s->value_type_id;

	/* <= 0: maps made outside bb_object_load (templates) are zeroed structs. */
	if (map->btf_fd <= 0)
		return;
	/*
	 * A STRUCT_OPS map's value is a kernel struct, named by
	 * btf_vmlinux_value_type_id, but the kernel still wants the
	 * object's BTF (map_create() in kernel/bpf/syscall.c, 5.6).
	 */
	if (s->type == BPF_MAP_TYPE_STRUCT_OPS && map->st) {
		a->btf_fd = map->btf_fd;
		a->btf_vmlinux_value_type_id = map->st->value_type_id;
		return;
	}
	if (s->global_data)
		value_id = s->datasec_id;
	switch (s->type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
		break;
	default:
		return;
	}
	if (!value_id)
		return;
	a->btf_fd = map->btf_fd;
	a->btf_key_type_id = s->key_type_id;
	a->btf_value_type_id = value_id;
}

/*
 * Which of the sizes is 0, if one is: the usual cause of EINVAL, when
 * the object leaves it to its user (a tool sets it from C).  Not every
 * type needs a key or a value (ring buffers, arrays of perf events...):
 * this is a hint, not a verdict.
 */
static const char *zero_hint(const struct map_create_args *a)
{
	/* Before 6.4 a STRUCT_OPS map takes no flags at all. */
	if (a->type == BPF_MAP_TYPE_STRUCT_OPS && (a->map_flags & BB_F_LINK))
		return " (a .struct_ops.link map, BPF_F_LINK: Linux 6.4 or later)";
	if (!a->max_entries)
		return " (max_entries is 0: set it before loading, --max-entries MAP=N)";
	if (!a->value_size && a->type != BPF_MAP_TYPE_RINGBUF &&
	    a->type != BPF_MAP_TYPE_USER_RINGBUF)
		return " (value_size is 0: set it before loading, --value-size MAP=N)";
	if (!a->key_size && a->type != BPF_MAP_TYPE_RINGBUF &&
	    a->type != BPF_MAP_TYPE_USER_RINGBUF && a->type != BPF_MAP_TYPE_QUEUE &&
	    a->type != BPF_MAP_TYPE_STACK && a->type != BPF_MAP_TYPE_BLOOM_FILTER)
		return " (key_size is 0)";
	return "";
}

static int map_create_failed(const struct bb_map *map,
			     const struct map_create_args *a, int ret,
			     struct bb_err *err)
{
	const char *name = bpf_map_type_name(a->type);
	char type[32];

	/* In words ("stack_trace"), as bpftool says it; else its number. */
	if (name)
		fmt_snprintf(type, sizeof(type), "%s", name);
	else
		fmt_snprintf(type, sizeof(type), "type %u", a->type);
	return bb_errf(err, ret,
		       "bpf(BPF_MAP_CREATE) for map '%s' (%s, key %u, value %u, max_entries %u): %s%s%s",
		       map->spec->name, type, a->key_size, a->value_size,
		       a->max_entries, errno_text(-ret), errno_hint(ret),
		       ret == -EINVAL ? zero_hint(a) : "");
}

int map_create(struct bb_map *map, struct bb_err *err)
{
	return map_create_in(map, -1, err);
}

int map_create_in(struct bb_map *map, int inner_map_fd, struct bb_err *err)
{
	const struct map_spec *s = map->spec;
	struct map_create_args a = {
		.type = s->type,
		.key_size = s->key_size,
		.value_size = s->value_size,
		.max_entries = map_max_entries(map),
		.map_flags = s->map_flags,
		.numa_node = s->numa_node,
		.map_extra = s->map_extra,
		.name = s->kernel_name[0] ? s->kernel_name : s->name,
		.inner_map_fd = inner_map_fd >= 0 ? inner_map_fd : 0,
	};

	int fd;

	/*
	 * A perf event array declared without a size gets one slot per
	 * possible CPU: bpf_perf_event_output(BPF_F_CURRENT_CPU) indexes it
	 * by the CPU the program runs on (libbpf does the same).
	 */
	if (s->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !a.max_entries) {
		fd = cpus_possible_count(&a.max_entries, err);
		if (fd)
			return bb_err_prefix(err, fd, "map '%s'", s->name);
	}
	map_btf_ids(map, &a);
	fd = sys_map_create(&a);
	if (fd < 0)
		return map_create_failed(map, &a, fd, err);
	map->fd = fd;
	return 0;
}

int map_check_type(const struct bb_map *map, uint32_t type,
		   uint32_t *max_entries, struct bb_err *err)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);
	int ret;

	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(map->fd, &info, &len);
	if (ret)
		return bb_errf(err, ret, "map '%s': bpf(BPF_OBJ_GET_INFO_BY_FD): %s",
			       map->spec->name, errno_text(-ret));
	if (info.type != type)
		return bb_errf(err, -EINVAL, "map '%s' has type %u, not %u",
			       map->spec->name, info.type, type);
	*max_entries = info.max_entries;
	return 0;
}

int bb_map_lookup(const struct bb_map *map, const void *key, void *value,
		  uint64_t flags)
{
	return sys_map_lookup_elem(map->fd, key, value, flags);
}

int bb_map_update(const struct bb_map *map, const void *key, const void *value,
	       uint64_t flags)
{
	return sys_map_update_elem(map->fd, key, value, flags);
}

int bb_map_delete(const struct bb_map *map, const void *key)
{
	return sys_map_delete_elem(map->fd, key);
}

int bb_map_lookup_and_delete(const struct bb_map *map, const void *key,
			  void *value)
{
	return sys_map_lookup_and_delete_elem(map->fd, key, value);
}

int bb_map_get_next_key(const struct bb_map *map, const void *key, void *next)
{
	return sys_map_get_next_key(map->fd, key, next);
}
