// SPDX-License-Identifier: GPL-2.0
/*
 * legacy_maps.c - maps declared the old way (issue 16): in a section named
 * "maps", one struct per map symbol, with no BTF:
 *
 *	struct bpf_map_def {			(samples/bpf, libbpf < 1.0)
 *		unsigned int type, key_size, value_size, max_entries,
 *			     map_flags;
 *	};
 *
 * iproute2's struct bpf_elf_map begins with the same five fields (then
 * id, pinning, ...).  Objects differ in the struct's size, so, as libbpf
 * 0.x did, the size of one is the section's size over its number of map
 * symbols; we read the five fields every layout agrees on, and ignore the
 * rest (iproute2's pinning is not honoured).  libbpf 1.x refuses the
 * section; `barebpf inspect` says the object uses it.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "elf/base/buf.h"
#include "elf/spec.h"

#define DEF_FIELDS 5	/* type, key_size, value_size, max_entries, map_flags */

static int is_map_symbol(const struct elf_symbol *s, uint32_t sec)
{
	return s->shndx == sec && s->type == STT_OBJECT && s->name && *s->name;
}

uint32_t legacy_maps_count(const struct obj_spec *spec, int sec)
{
	uint32_t i, n = 0;

	for (i = 0; sec >= 0 && i < spec->elf.nr_symbols; i++)
		n += is_map_symbol(&spec->elf.symbols[i], sec);
	return n;
}

static int decode_def(const struct bytes *b, const struct elf_symbol *s,
		      uint32_t def_size, struct map_spec *ms,
		      struct bb_err *err)
{
	uint32_t f[DEF_FIELDS] = { 0 };

	if (s->value % 4 ||
	    buf_read(b, s->value, f, def_size < sizeof(f) ? def_size : sizeof(f)))
		return bb_errf(err, -EINVAL,
			       "elf: section 'maps': map '%s' at %#llx: not a whole definition inside the section",
			       s->name, (unsigned long long)s->value);
	ms->name = s->name;
	ms->type = f[0];
	ms->key_size = f[1];
	ms->value_size = f[2];
	ms->max_entries = f[3];
	ms->map_flags = f[4];
	ms->legacy = true;
	return map_def_check(ms, err);
}

int legacy_maps_parse(struct obj_spec *spec, int sec, struct bb_err *err)
{
	const struct elf_section *es = &spec->elf.sections[sec];
	struct bytes b = { es->data, es->data ? es->size : 0 };
	uint32_t i, n = legacy_maps_count(spec, sec), def_size;
	int ret;

	if (!n)
		return 0;
	def_size = es->size / n;
	if (es->size % n || def_size < 4 * 4 || def_size % 4)
		return bb_errf(err, -EINVAL,
			       "elf: section 'maps': %llu bytes for %u maps is no struct bpf_map_def layout we know",
			       (unsigned long long)es->size, n);
	for (i = 0; i < spec->elf.nr_symbols; i++) {
		const struct elf_symbol *s = &spec->elf.symbols[i];
		struct map_spec *ms = &spec->maps[spec->nr_maps];

		if (!is_map_symbol(s, sec))
			continue;
		ret = decode_def(&b, s, def_size, ms, err);
		if (ret)
			return ret;
		ms->sec_idx = sec;
		ms->sec_off = s->value;
		spec->nr_maps++;
	}
	return 0;
}
