// SPDX-License-Identifier: GPL-2.0
/*
 * prog_array.c - fill the PROG_ARRAY slots the object initialises.
 *
 * The value a PROG_ARRAY takes from user space is a program's fd (4
 * bytes); the kernel keeps a reference to the program, and gives back
 * its id on lookup.  The slots must wait until the programs are loaded:
 * unlike a map of maps, whose inner maps exist before any program.  The
 * kernel empties a PROG_ARRAY when the last user-space reference to it
 * goes (its fd closed, unpinned): tail calls need the map kept open.
 */
#include <errno.h>

#include "elf/base/errno_names.h"
#include "loader/maps/prog_array.h"
#include "loader/sys/sys.h"

static int fill_slot(const struct bb_map *m, const struct map_slot *s,
		     const struct bb_prog *p, struct bb_err *err)
{
	uint32_t key = s->index, fd = p->fd;
	int ret;

	ret = sys_map_update_elem(m->fd, &key, &fd, BPF_ANY);
	if (ret)
		return bb_errf(err, ret,
			       "map '%s': slot %u = program '%s' (fd %d): bpf(BPF_MAP_UPDATE_ELEM): %s",
			       m->spec->name, s->index, p->spec->name, p->fd,
			       errno_text(-ret));
	return 0;
}

int prog_array_fill(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i, j;
	int ret;

	for (i = 0; i < obj->spec.nr_maps; i++) {
		const struct bb_map *m = &obj->maps[i];

		/* A reused map keeps what it holds, as libbpf does. */
		if (!m->spec->prog_values || m->reused)
			continue;
		for (j = 0; j < m->spec->nr_slots; j++) {
			const struct map_slot *s = &m->spec->slots[j];
			const struct bb_prog *p = &obj->progs[s->prog];

			if (p->off || p->fd < 0)
				continue;
			ret = fill_slot(m, s, p, err);
			if (ret)
				return ret;
		}
	}
	return 0;
}
