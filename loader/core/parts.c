// SPDX-License-Identifier: GPL-2.0
/* parts.c - does an object find the loader parts it needs (parts.h)? */
#include <errno.h>
#include <string.h>

#include "loader/core/parts.h"

static int missing(const struct loader_parts *parts, const char *what,
		   const char *name, const char *part, struct bb_err *err)
{
	return bb_errf(err, -ENOTSUP,
		       "%s '%s' needs %s, which %s is built without (barebpf has every part: loader/parts.h)",
		       what, name, part, parts->tool);
}

static int check_prog(const struct bb_prog *p,
		      const struct loader_parts *parts, struct bb_err *err)
{
	const struct prog_spec *s = p->spec;
	enum attach_kind kind = s->def->attach;

	if (kind != ATTACH_NONE && !parts->attach[kind])
		return missing(parts, "program", s->name, s->section, err);
	if (sec_def_needs_btf_id(s->def) &&
	    (!parts->btf_target_find || !parts->prog_refused))
		return missing(parts, "program", s->name,
			       "a kernel BTF target", err);
	if (s->nr_cores && (!parts->core_relocate || !parts->core_refused))
		return missing(parts, "program", s->name,
			       "CO-RE relocations", err);
	return 0;
}

static int check_map(const struct map_spec *m,
		     const struct loader_parts *parts, struct bb_err *err)
{
	if (m->global_data && !parts->global_data_init)
		return missing(parts, "map", m->name, "global data", err);
	if (m->kconfig && !parts->kconfig_fill)
		return missing(parts, "map", m->name, ".kconfig values", err);
	if (m->inner && !parts->map_create_outer)
		return missing(parts, "map", m->name, "maps of maps", err);
	if (m->st_type && (!parts->struct_ops_parse || !parts->struct_ops_prepare ||
			   !parts->struct_ops_register ||
			   !parts->struct_ops_unregister))
		return missing(parts, "map", m->name, "struct_ops", err);
	if (m->nr_slots && !m->prog_values && !parts->map_fill_slots)
		return missing(parts, "map", m->name, "initial inner maps",
			       err);
	if (m->nr_slots && m->prog_values && !parts->prog_array_fill)
		return missing(parts, "map", m->name,
			       "initial programs of a PROG_ARRAY", err);
	return 0;
}

/* Without the struct_ops part, .struct_ops sections were not even read. */
static int check_sections(const struct elf_file *ef,
			  const struct loader_parts *parts, struct bb_err *err)
{
	uint32_t i;

	for (i = 0; !parts->struct_ops_parse && i < ef->nr_sections; i++)
		if (!strncmp(ef->sections[i].name, ".struct_ops", 11))
			return missing(parts, "section", ef->sections[i].name,
				       "struct_ops", err);
	return 0;
}

int parts_check(const struct bb_object *obj, const struct loader_parts *parts,
		struct bb_err *err)
{
	uint32_t i;
	int ret = check_sections(&obj->spec.elf, parts, err);

	for (i = 0; !ret && i < obj->spec.nr_progs; i++)
		ret = check_prog(&obj->progs[i], parts, err);
	for (i = 0; !ret && i < obj->spec.nr_maps; i++)
		ret = check_map(&obj->spec.maps[i], parts, err);
	if (!ret && obj->spec.nr_ksyms &&
	    (!parts->ksyms_relocate || !parts->ksyms_refused))
		ret = missing(parts, "extern", obj->spec.ksyms[0].name,
			      "__ksym resolution", err);
	return ret;
}
