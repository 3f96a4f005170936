// SPDX-License-Identifier: GPL-2.0
/*
 * map_find.c - the map a `barebpf map` command names: "id N", "pinned
 * PATH" or "name NAME".  Names are not unique (every copy of a tool's
 * object makes its own "counts"), so a name two maps have is refused with
 * their ids rather than guessed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/cmd/barebpf/map_cmd.h"
#include "loader/cmd/common/cli.h"
#include "loader/maps/map.h"
#include "loader/sys/sys.h"

#define MAX_SAME_NAME 8		/* ids listed in the "which one?" message */

void info_name(char out[BPF_OBJ_NAME_LEN + 1], const char *name)
{
	memcpy(out, name, BPF_OBJ_NAME_LEN);
	out[BPF_OBJ_NAME_LEN] = '\0';
}

/* The name of map @id in *@out; -ENOENT if it went meanwhile. */
static int name_of(uint32_t id, char out[BPF_OBJ_NAME_LEN + 1])
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);
	int fd = sys_map_get_fd_by_id(id), ret;

	if (fd < 0)
		return fd;
	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	sys_close(fd);
	if (!ret)
		info_name(out, info.name);
	return ret;
}

/* The one map called @name (as the kernel keeps it: 15 characters). */
static int find_name(const char *name, uint32_t *found, struct bb_err *err)
{
	uint32_t id = 0, ids[MAX_SAME_NAME];
	char have[BPF_OBJ_NAME_LEN + 1], list[MAX_SAME_NAME * 12] = "";
	size_t n = 0, i, at = 0;
	int ret;

	while (!(ret = bb_map_next_id(id, &id))) {
		ret = name_of(id, have);
		if (ret == -ENOENT)
			continue;	/* gone while we looked: not ours */
		if (ret)
			return bb_errf(err, ret, "map id %u: %s", id,
				       errno_text(-ret));
		if (strncmp(have, name, BPF_OBJ_NAME_LEN - 1))
			continue;
		if (n < MAX_SAME_NAME)
			ids[n] = id;
		n++;
	}
	if (ret != -ENOENT)
		return bb_errf(err, ret, "BPF_MAP_GET_NEXT_ID: %s",
			       errno_text(-ret));
	if (n == 1) {
		*found = ids[0];
		return 0;
	}
	if (!n)
		return bb_errf(err, -ENOENT, "no map is named '%s'", name);
	for (i = 0; i < n && i < MAX_SAME_NAME; i++)
		at += fmt_snprintf(list + at, sizeof(list) - at, "%s%u",
				   i ? ", " : "", ids[i]);
	return bb_errf(err, -EINVAL,
		       "%zu maps are named '%s' (ids %s%s): say which with 'id N'",
		       n, name, list, n > MAX_SAME_NAME ? ", ..." : "");
}

static int open_map(struct map_target *t, const char *by, const char *ref,
		    struct bb_err *err)
{
	uint32_t id = 0;
	long v;

	if (!strcmp(by, "pinned"))
		return map_open_pinned(&t->map, ref, &t->info, err);
	if (!strcmp(by, "id")) {
		if (cli_parse_num(ref, &v) || v > UINT32_MAX)
			return bb_errf(err, -EINVAL, "id '%s': not a number", ref);
		return map_open_id(&t->map, v, &t->info, err);
	}
	if (!strcmp(by, "name")) {
		int ret = find_name(ref, &id, err);

		return ret ? ret : map_open_id(&t->map, id, &t->info, err);
	}
	return bb_errf(err, -EINVAL, "'%s': name the map with id N, pinned PATH or name NAME", by);
}

int map_target_open(struct map_target *t, const char *by, const char *ref,
		    struct bb_err *err)
{
	int ret;

	memset(t, 0, sizeof(*t));
	ret = open_map(t, by, ref, err);
	if (ret)
		return ret;
	if (t->info.btf_id)
		return map_btf_fetch(t, t->info.btf_id, err);
	return 0;
}

void map_target_close(struct map_target *t)
{
	if (t->has_btf)
		btf_free(&t->btf);
	free(t->btf_data);
	bb_map_close(t->map);
	memset(t, 0, sizeof(*t));
}
