// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops.c - register a struct_ops map: the kernel then calls its
 * programs through the struct (a TCP congestion control becomes one
 * that setsockopt(TCP_CONGESTION) can choose, by its name).
 *
 * Registration checks the value (kernel/bpf/bpf_struct_ops.c,
 * bpf_struct_ops_map_update_elem): each function member holds a program
 * fd, loaded for that very struct and member; each data member what the
 * subsystem accepts.  The map holds the programs from then on.  A map
 * registered by its update stays registered while the kernel holds it,
 * even once our fds are closed: BPF_MAP_DELETE_ELEM unregisters it.  A
 * link (6.4) unregisters it when its last fd closes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/bpf_uapi_new.h"
#include "loader/attach/struct_ops.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

/* The value to register: the laid-out value with each program's fd. */
static int value_with_fds(const struct bb_map *map, uint8_t **out,
			  struct bb_err *err)
{
	const struct st_ops_kern *st = map->st;
	uint8_t *v = malloc(st->value_size);
	uint32_t i;

	if (!v)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(v, st->value, st->value_size);
	for (i = 0; i < st->nr_slots; i++) {
		const struct bb_prog *p = &map->obj->progs[st->slots[i].prog];
		uint64_t fd = p->fd;

		if (p->fd < 0) {
			free(v);
			return bb_errf(err, -EINVAL,
				       "struct_ops map '%s': program '%s' is not loaded",
				       map->spec->name, p->spec->name);
		}
		/* A pointer-sized member: the kernel reads the fd from it. */
		memcpy(v + st->slots[i].off, &fd, sizeof(fd));
	}
	*out = v;
	return 0;
}

static int refused(const struct bb_map *map, const char *what, int ret,
		   struct bb_err *err)
{
	return bb_errf(err, ret,
		       "struct_ops map '%s' (struct %s): %s: %s%s", map->spec->name,
		       map->spec->st_type, what, errno_text(-ret),
		       ret == -EEXIST ? " (the kernel already has one of that name)" :
		       errno_hint(ret));
}

int struct_ops_register(struct bb_map *map, struct bb_err *err)
{
	struct st_ops_kern *st = map->st;
	uint32_t zero = 0;
	uint8_t *v = NULL;
	int ret, fd;

	ret = value_with_fds(map, &v, err);
	if (ret)
		return ret;
	ret = sys_map_update_elem(map->fd, &zero, v, 0);
	free(v);
	if (ret)
		return refused(map, "bpf(BPF_MAP_UPDATE_ELEM)", ret, err);
	st->registered = true;
	if (!(map->spec->map_flags & BB_F_LINK))
		return 0;
	/* link_create.map_fd shares its place with prog_fd. */
	fd = sys_link_create(map->fd, 0, BB_STRUCT_OPS);
	if (fd < 0)
		return refused(map, "bpf(BPF_LINK_CREATE)", fd, err);
	st->link_fd = fd;
	return 0;
}

void struct_ops_unregister(struct bb_map *map)
{
	struct st_ops_kern *st = map->st;
	uint32_t zero = 0;

	if (st->link_fd >= 0)
		sys_close(st->link_fd);
	else if (st->registered && !(map->spec->map_flags & BB_F_LINK))
		sys_map_delete_elem(map->fd, &zero);
	free(st->value);
	free(st->slots);
	free(st);
	map->st = NULL;
}
