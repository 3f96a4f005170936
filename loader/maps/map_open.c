// SPDX-License-Identifier: GPL-2.0
/*
 * map_open.c - maps that already exist in the kernel, made by someone
 * else: found by id (BPF_MAP_GET_NEXT_ID, BPF_MAP_GET_FD_BY_ID) or by
 * pin (BPF_OBJ_GET), then asked their shape (BPF_OBJ_GET_INFO_BY_FD), so
 * that bb_map_lookup() and the other element calls work on them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/maps/map.h"
#include "loader/sys/sys.h"

int bb_map_next_id(uint32_t id, uint32_t *next)
{
	return sys_map_get_next_id(id, next);
}

/* Wrap @fd (ours now: closed on failure) with the shape the kernel gives. */
static int open_fd(struct bb_map **out, int fd, const char *what,
		   struct bpf_map_info *infop, struct bb_err *err)
{
	struct bpf_map_info tmp, *i = infop ? infop : &tmp;
	uint32_t len = sizeof(*i);
	struct map_spec shape = { 0 };
	struct bb_map *map;
	int ret;

	memset(i, 0, sizeof(*i));
	ret = sys_obj_get_info_by_fd(fd, i, &len);
	if (ret) {
		bb_errf(err, ret, "map %s: BPF_OBJ_GET_INFO_BY_FD: %s", what,
			errno_text(-ret));
		goto fail;
	}
	shape = (struct map_spec){
		.name = i->name, .type = i->type,
		.key_size = i->key_size, .value_size = i->value_size,
		.max_entries = i->max_entries, .map_flags = i->map_flags,
		/* Ids in the map's own BTF (i->btf_id), 0 if none. */
		.key_type_id = i->btf_key_type_id,
		.value_type_id = i->btf_value_type_id,
	};
	map = user_map_new(&shape);
	ret = map ? 0 : bb_errf(err, -ENOMEM, "out of memory");
	if (ret)
		goto fail;
	map->fd = fd;
	*out = map;
	return 0;
fail:
	sys_close(fd);
	return ret;
}

int map_open_id(struct bb_map **out, uint32_t id, struct bpf_map_info *info,
		struct bb_err *err)
{
	char what[24];
	int fd = sys_map_get_fd_by_id(id);

	fmt_snprintf(what, sizeof(what), "id %u", id);
	if (fd < 0)
		return bb_errf(err, fd, "map %s: BPF_MAP_GET_FD_BY_ID: %s",
			       what, errno_text(-fd));
	return open_fd(out, fd, what, info, err);
}

/*
 * A pin may hold a program or a link, and BPF_OBJ_GET_INFO_BY_FD would
 * answer for those too, in another struct: the fd's link in /proc says
 * which kind it is ("anon_inode:bpf-map").
 */
static int is_map_fd(int fd)
{
	char path[40], target[32];
	ssize_t n;

	fmt_snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = sys_readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return 1;	/* no /proc: let the kernel's answers judge */
	target[n] = 0;
	return !strcmp(target, "anon_inode:bpf-map");
}

int map_open_pinned(struct bb_map **out, const char *path,
		    struct bpf_map_info *info, struct bb_err *err)
{
	int fd = bb_pinned_open(path, err);

	if (fd < 0)
		return fd;
	if (!is_map_fd(fd)) {
		sys_close(fd);
		return bb_errf(err, -EINVAL, "%s: pinned, but not a map", path);
	}
	return open_fd(out, fd, path, info, err);
}

int bb_map_open_id(struct bb_map **out, uint32_t id, struct bb_err *err)
{
	return map_open_id(out, id, NULL, err);
}

int bb_map_open_pinned(struct bb_map **out, const char *path,
		       struct bb_err *err)
{
	return map_open_pinned(out, path, NULL, err);
}
