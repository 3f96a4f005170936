// SPDX-License-Identifier: GPL-2.0
/*
 * datasec.c - global variables: .rodata, .data and .bss as maps.
 *
 * A BPF program has no memory of its own that outlives a run, so clang's
 * global variables must live in maps.  Each data section becomes a
 * BPF_MAP_TYPE_ARRAY with one entry whose value is the whole section:
 * the section's bytes for .rodata/.data, zeros for .bss (SHT_NOBITS).
 * Programs reach a variable through "map value address + offset"
 * (BPF_PSEUDO_MAP_VALUE, see relocs.c).
 *
 * Variables: name, offset and size come from the ELF symbol table; the
 * type comes from the BTF DATASEC of the section, when there is one.
 * (clang 14 writes the DATASEC with size 0 and every offset 0 and leaves
 * the loader to fill them in from the symbols, so we read the symbols.)
 *
 * The kernel name of the map is the section name with characters the
 * kernel refuses (anything but letters, digits, '_' and '.') turned into
 * '_', cut at 15 bytes: ".rodata", ".data", ".bss", ".rodata.str1.1".
 * Unlike libbpf we add no prefix from the object's file name: the spec
 * does not know it, and the map ids of a program say whose map it is.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/spec.h"

static int name_is(const char *name, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(name, base, n) && (name[n] == '\0' || name[n] == '.');
}

static int is_data_section(const struct elf_section *s)
{
	if (!(s->flags & SHF_ALLOC) || (s->flags & SHF_EXECINSTR))
		return 0;
	if (s->type != SHT_PROGBITS && s->type != SHT_NOBITS)
		return 0;
	return name_is(s->name, ".rodata") || name_is(s->name, ".data") ||
	       name_is(s->name, ".bss");
}

static void kernel_name(char *out, const char *name)
{
	size_t i;

	for (i = 0; i < BPF_OBJ_NAME_LEN - 1 && name[i]; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.'))
			c = '_';
		out[i] = c;
	}
	out[i] = '\0';
}

/* The BTF type of variable @name, as the section's DATASEC lists it. */
static uint32_t var_type(const struct obj_spec *spec, const char *sec,
			 const char *name)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds, *var;
	const char *n;
	int id;
	uint32_t i;

	if (!spec->has_btf)
		return 0;
	id = btf_find(&spec->btf, sec, BTF_KIND_DATASEC);
	ds = id > 0 ? btf_type(&spec->btf, id) : NULL;
	if (!ds)
		return 0;
	vs = btf_extra(ds);
	for (i = 0; i < btf_vlen(ds); i++) {
		var = btf_type(&spec->btf, vs[i].type);
		if (!var || btf_kind(var) != BTF_KIND_VAR)
			continue;
		n = btf_str(&spec->btf, var->name_off);
		if (n && !strcmp(n, name))
			return var->type;
	}
	return 0;
}

/* The BTF DATASEC describing section @sec, 0 if none (btf_fix.c). */
static uint32_t var_type_datasec(const struct obj_spec *spec, const char *sec)
{
	int id = spec->has_btf ? btf_find(&spec->btf, sec, BTF_KIND_DATASEC) : -1;

	return id > 0 ? id : 0;
}

static int add_var(struct obj_spec *spec, uint32_t map,
		   const struct elf_symbol *sym, struct bb_err *err)
{
	const struct map_spec *ms = &spec->maps[map];
	struct var_spec *v;

	if (sym->value > ms->value_size ||
	    sym->size > ms->value_size - sym->value)
		return bb_errf(err, -EINVAL,
			       "elf: section '%s': variable '%s' [%#llx, +%#llx) is past the end of the section (%#x)",
			       ms->name, sym->name,
			       (unsigned long long)sym->value,
			       (unsigned long long)sym->size, ms->value_size);
	v = realloc(spec->vars, (spec->nr_vars + 1) * sizeof(*v));
	if (!v)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	spec->vars = v;
	spec->vars[spec->nr_vars++] = (struct var_spec){
		.name = sym->name,
		.map = map,
		.off = sym->value,
		.size = sym->size,
		.type_id = var_type(spec, ms->name, sym->name),
	};
	return 0;
}

/* Every named object symbol of section @sec is a variable of map @map. */
static int add_vars(struct obj_spec *spec, uint32_t sec, uint32_t map,
		    struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;
	int ret;

	for (i = 0; i < ef->nr_symbols; i++) {
		const struct elf_symbol *s = &ef->symbols[i];

		if (s->shndx != sec || s->type != STT_OBJECT || !*s->name)
			continue;
		ret = add_var(spec, map, s, err);
		if (ret)
			return ret;
	}
	return 0;
}

static int add_map(struct obj_spec *spec, uint32_t sec, struct bb_err *err)
{
	const struct elf_section *s = &spec->elf.sections[sec];
	int rodata = name_is(s->name, ".rodata");
	struct map_spec *m;

	if (s->size > UINT32_MAX)
		return bb_errf(err, -E2BIG,
			       "elf: section '%s': %#llx bytes is too big for a map value",
			       s->name, (unsigned long long)s->size);
	/* One spare zeroed entry past the end, as maps_parse() leaves. */
	m = realloc(spec->maps, (spec->nr_maps + 2) * sizeof(*m));
	if (!m)
		return bb_errf(err, -ENOMEM, "elf: out of memory");
	spec->maps = m;
	memset(&m[spec->nr_maps + 1], 0, sizeof(*m));
	m = &spec->maps[spec->nr_maps];
	*m = (struct map_spec){
		.name = s->name,
		.type = BPF_MAP_TYPE_ARRAY,
		.key_size = sizeof(uint32_t),
		.value_size = s->size,
		.max_entries = 1,
		/*
		 * .rodata: read-only for programs, so that once frozen the
		 * verifier may treat its bytes as constants (and prune the
		 * branches a const volatile knob turns off).  .data/.bss:
		 * mmap-able, so that user space reads and writes one
		 * variable without a read-modify-write of the whole value.
		 */
		.map_flags = rodata ? BPF_F_RDONLY_PROG : BPF_F_MMAPABLE,
		.sec_idx = sec,
		.global_data = true,
		.frozen = rodata,
		.init = s->type == SHT_NOBITS ? NULL : s->data,
	};
	kernel_name(m->kernel_name, s->name);
	m->datasec_id = var_type_datasec(spec, s->name);
	spec->nr_maps++;
	return add_vars(spec, sec, spec->nr_maps - 1, err);
}

int datasecs_parse(struct obj_spec *spec, struct bb_err *err)
{
	const struct elf_file *ef = &spec->elf;
	uint32_t i;
	int ret;

	for (i = 0; i < ef->nr_sections; i++) {
		const struct elf_section *s = &ef->sections[i];

		/* An empty section has nothing to point at: no map. */
		if (!is_data_section(s) || !s->size)
			continue;
		if (s->type == SHT_PROGBITS && !s->data)
			return bb_errf(err, -EINVAL,
				       "elf: section '%s' has no data", s->name);
		ret = add_map(spec, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
