// SPDX-License-Identifier: GPL-2.0
/*
 * spec.c - parse a whole object: ELF, BTF, license, maps, programs,
 * relocations, in that order (each step uses the ones before it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

static int parse_btf(struct obj_spec *spec, struct bb_err *err)
{
	int idx = elf_find_section(&spec->elf, ".BTF");
	const struct elf_section *s;
	int ret;

	if (idx < 0)
		return 0;
	s = &spec->elf.sections[idx];
	if (!s->data)
		return bb_errf(err, -EINVAL, "elf: section '.BTF' has no data");
	ret = btf_parse(&spec->btf, s->data, s->size, err);
	if (ret)
		return ret;
	spec->has_btf = true;
	return 0;
}

/*
 * .BTF.ext names the sections it describes, so it is read once the
 * program sections have been checked (a bad section name is reported as
 * such, not as a .BTF.ext mismatch).
 */
static int parse_btf_ext(struct obj_spec *spec, struct bb_err *err)
{
	int idx = elf_find_section(&spec->elf, ".BTF.ext");
	const struct elf_section *s;
	int ret;

	if (idx < 0 || !spec->has_btf)
		return 0;
	s = &spec->elf.sections[idx];
	if (!s->data)
		return bb_errf(err, -EINVAL, "elf: section '.BTF.ext' has no data");
	ret = btf_ext_parse(&spec->ext, s->data, s->size, &spec->btf,
			    &spec->elf, err);
	if (ret)
		return bb_err_prefix(err, ret, "elf");
	spec->has_ext = true;
	return 0;
}

/* "license" is a C string; "version" a u32 (only old kernels read it). */
static int parse_license(struct obj_spec *spec, struct bb_err *err)
{
	int idx = elf_find_section(&spec->elf, "license");
	const struct elf_section *s;

	spec->license = "";
	if (idx >= 0) {
		s = &spec->elf.sections[idx];
		if (!s->data || !s->size || !memchr(s->data, '\0', s->size))
			return bb_errf(err, -EINVAL,
				       "elf: section 'license' is not a NUL-terminated string");
		spec->license = (const char *)s->data;
	}
	idx = elf_find_section(&spec->elf, "version");
	if (idx < 0)
		return 0;
	s = &spec->elf.sections[idx];
	if (!s->data || s->size != sizeof(uint32_t))
		return bb_errf(err, -EINVAL,
			       "elf: section 'version' is not 4 bytes");
	memcpy(&spec->kern_version, s->data, sizeof(uint32_t));
	return 0;
}

int obj_spec_parse(struct obj_spec *spec, const void *data, size_t len,
		   struct bb_err *err)
{
	return obj_spec_parse_with(spec, data, len, struct_ops_parse,
				   ksyms_arena_parse, err);
}

/* Without a __ksym step, an object with __ksym externs is refused. */
static int no_ksyms(const struct obj_spec *spec, struct bb_err *err)
{
	if (spec->has_btf &&
	    btf_find(&spec->btf, ".ksyms", BTF_KIND_DATASEC) > 0)
		return bb_errf(err, -ENOTSUP,
			       "elf: section '.ksyms': __ksym externs (kfuncs, kernel variables) are not read by this tool");
	return 0;
}

int obj_spec_parse_with(struct obj_spec *spec, const void *data, size_t len,
			int (*struct_ops)(struct obj_spec *, struct bb_err *),
			int (*ksyms)(struct obj_spec *, struct bb_err *),
			struct bb_err *err)
{
	int ret;

	memset(spec, 0, sizeof(*spec));
	ret = elf_parse(&spec->elf, data, len, err);
	if (!ret)
		ret = parse_btf(spec, err);
	if (!ret)
		ret = parse_license(spec, err);
	if (!ret)
		ret = maps_parse(spec, err);
	if (!ret)
		ret = datasecs_parse(spec, err);
	if (!ret)
		ret = progs_parse(spec, err);
	if (!ret)	/* after the programs: a PROG_ARRAY's slots name them */
		ret = map_slots_parse(spec, err);
	if (!ret)
		ret = struct_ops ? struct_ops(spec, err) : 0;
	if (!ret)
		ret = kconfig_parse(spec, err);
	if (!ret)
		ret = ksyms ? ksyms(spec, err) : no_ksyms(spec, err);
	if (!ret)
		ret = relocs_parse(spec, err);
	if (!ret)
		ret = parse_btf_ext(spec, err);
	if (!ret)
		ret = prog_ext_parse(spec, err);
	if (ret)
		obj_spec_free(spec);
	return ret;
}

void obj_spec_free(struct obj_spec *spec)
{
	uint32_t i;

	for (i = 0; spec->progs && i < spec->nr_progs; i++) {
		free(spec->progs[i].insns);
		free(spec->progs[i].relocs);
		free(spec->progs[i].funcs);
		free(spec->progs[i].func_info);
		free(spec->progs[i].line_info);
		free(spec->progs[i].cores);
	}
	free(spec->progs);
	free(spec->vars);
	free(spec->ksyms);
	/* <=: a map that failed half-decoded sits at nr_maps (calloc n + 1). */
	for (i = 0; spec->maps && i <= spec->nr_maps; i++) {
		free(spec->maps[i].inner);
		free(spec->maps[i].slots);
		free(spec->maps[i].st_funcs);
	}
	free(spec->maps);
	btf_ext_free(&spec->ext);
	btf_free(&spec->btf);
	elf_free(&spec->elf);
	memset(spec, 0, sizeof(*spec));
}

const struct map_spec *obj_spec_map(const struct obj_spec *spec,
				    const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->nr_maps; i++)
		if (!strcmp(spec->maps[i].name, name))
			return &spec->maps[i];
	return NULL;
}

const struct prog_spec *obj_spec_prog(const struct obj_spec *spec,
				      const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->nr_progs; i++)
		if (!strcmp(spec->progs[i].name, name))
			return &spec->progs[i];
	return NULL;
}

const struct var_spec *obj_spec_var(const struct obj_spec *spec,
				    const char *name)
{
	uint32_t i;

	for (i = 0; i < spec->nr_vars; i++)
		if (!strcmp(spec->vars[i].name, name))
			return &spec->vars[i];
	return NULL;
}
