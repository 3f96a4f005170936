// SPDX-License-Identifier: GPL-2.0
/*
 * btf_lazy.c - one question to a large BTF, without indexing all of it.
 *
 * The kernel's BTF (/sys/kernel/btf/vmlinux) holds ~150,000 types in
 * 5.5 MB.  procmon asks it one thing: where task_struct keeps two
 * members.  btf_parse() walks and checks every record first (35 million
 * instructions, 98% of procmon's start-up in user space, measured with
 * callgrind on Linux 6.18); task_struct is type 114 there, so walking
 * until the answer is found reads a few hundred records.  Types are
 * numbered in the order they are stored, so reaching id N means walking
 * the records before it: the index grows as the walk goes, and a later
 * question continues where the last one stopped.
 *
 * What is walked is checked as btf_parse() checks it (lengths, names);
 * a reference past the walk is reached before it is followed.
 */
#include <errno.h>
#include <string.h>

#include "elf/btf/btf.h"

int btf_reach(struct btf *btf, uint32_t id, struct bb_err *err)
{
	int ret = 0;

	while (!ret && id >= btf->nr_types && btf->walked < btf->types.len)
		ret = btf_walk_one(btf, err);
	if (!ret && id >= btf->nr_types)
		return bb_errf(err, -EINVAL, "btf: type %u out of range (%u types)",
			       id, btf->nr_types);
	return ret;
}

/* Does the last record walked match? */
static int last_matches(const struct btf *btf, const char *name,
			uint32_t kind)
{
	const struct btf_type *t = btf_type(btf, btf->nr_types - 1);
	const char *s;

	if (!t || btf_kind(t) != kind)
		return 0;
	s = btf_str(btf, t->name_off);
	return s && !strcmp(s, name);
}

int btf_find_reach(struct btf *btf, const char *name, uint32_t kind,
		   struct bb_err *err)
{
	int id = btf_find(btf, name, kind);
	int ret;

	if (id != -ENOENT)
		return id;
	while (btf->walked < btf->types.len) {
		ret = btf_walk_one(btf, err);
		if (ret)
			return ret;
		if (last_matches(btf, name, kind))
			return btf->nr_types - 1;
	}
	return -ENOENT;
}

/*
 * Reach type @id, and what btf_member_offset() will follow from it: the
 * modifiers over it and, inside a struct or union, its anonymous members.
 */
static int reach_type(struct btf *btf, uint32_t id, int depth,
		      struct bb_err *err)
{
	const struct btf_member *m;
	const struct btf_type *t;
	uint32_t i;
	int ret;

	for (;; depth++) {
		if (depth >= BTF_MAX_DEPTH)
			return bb_errf(err, -ELOOP,
				       "btf: type %u: more than %d levels of types (a cycle?)",
				       id, BTF_MAX_DEPTH);
		if (id == 0)
			return 0;
		ret = btf_reach(btf, id, err);
		if (ret)
			return ret;
		t = btf_type(btf, id);
		if (!t || !btf_is_mod(btf_kind(t)))
			break;
		id = t->type;
	}
	if (!t || !btf_is_composite(t))
		return 0;
	m = btf_extra(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		if (m->name_off)
			continue;
		/* Records stay in place as the index grows: m stays valid. */
		ret = reach_type(btf, m->type, depth + 1, err);
		if (ret)
			return ret;
	}
	return 0;
}

int btf_member_offset_reach(struct btf *btf, uint32_t id, const char *name,
			    uint32_t *off, struct bb_err *err)
{
	int ret = reach_type(btf, id, 0, err);

	return ret ? ret : btf_member_offset(btf, id, name, off, err);
}
