// SPDX-License-Identifier: GPL-2.0
/*
 * btf_c_names.c - one C name per type, where BTF repeats a name.
 *
 * The kernel's BTF holds distinct types of the same name (two files'
 * own `struct perf_aux_event`, two enums both listing Opt_favordynmods):
 * in one header the second would be a redefinition.  So the second and
 * later of a name get a suffix, NAME___2, NAME___3 (the suffix vmlinux.h
 * readers know; CO-RE ignores a "___" suffix when it matches names).
 * C has two spaces of names here: tags (struct, union, enum) and
 * ordinary identifiers (typedefs, enumerators).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "elf/base/sort.h"
#include "loader/cmd/barebpf/btf_c.h"

struct name_use {
	const char *name;
	uint32_t id;
	uint32_t slot;		/* enumerator's index in d->ealias, or UINT32_MAX */
	uint8_t ns;		/* 0 tags, 1 ordinary identifiers */
};

static int cmp_use(const void *pa, const void *pb)
{
	const struct name_use *a = pa, *b = pb;
	int c;

	if (a->ns != b->ns)
		return a->ns < b->ns ? -1 : 1;
	c = strcmp(a->name, b->name);
	if (c)
		return c;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

static const char *enumerator(const struct btf *btf, const struct btf_type *t,
			      uint32_t i)
{
	const char *s;

	if (btf_kind(t) == BTF_KIND_ENUM64)
		s = btf_str(btf, ((const struct btf_enum64 *)btf_extra(t))[i].name_off);
	else
		s = btf_str(btf, ((const struct btf_enum *)btf_extra(t))[i].name_off);
	return s ? s : "";
}

/* Every name a type or an enumerator declares; *@n of them. */
static struct name_use *collect(struct btf_c *d, size_t *n)
{
	const struct btf *btf = d->btf;
	struct name_use *u = NULL, *nu;
	size_t cap = 0, slot = 0;
	uint32_t id, i;

	*n = 0;
	for (id = 1; id < btf->nr_types; id++) {
		const struct btf_type *t = btf_type(btf, id);
		uint32_t kind = btf_kind(t);
		int is_enum = kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64;
		const char *name = btf_str(btf, t->name_off);

		if (!btf_is_composite(t) && !is_enum && kind != BTF_KIND_TYPEDEF)
			continue;
		if (*n + btf_vlen(t) + 1 > cap) {
			cap = (cap + btf_vlen(t) + 1) * 2;
			nu = realloc(u, cap * sizeof(*u));
			if (!nu) {
				free(u);
				return NULL;
			}
			u = nu;
		}
		if (name && *name)
			u[(*n)++] = (struct name_use){ name, id, UINT32_MAX,
						       kind == BTF_KIND_TYPEDEF };
		if (!is_enum)
			continue;
		d->ebase[id] = slot;
		for (i = 0; i < btf_vlen(t); i++)
			u[(*n)++] = (struct name_use){ enumerator(btf, t, i), id,
						       (uint32_t)slot++, 1 };
	}
	if (!u)
		u = malloc(1);
	return u;
}

static char *suffixed(const char *name, uint32_t nth)
{
	size_t len = strlen(name) + 16;
	char *s = malloc(len);

	if (s)
		fmt_snprintf(s, len, "%s___%u", name, nth);
	return s;
}

static size_t nr_enumerators(const struct btf *btf)
{
	size_t n = 0;
	uint32_t id;

	for (id = 1; id < btf->nr_types; id++) {
		const struct btf_type *t = btf_type(btf, id);

		if (btf_kind(t) == BTF_KIND_ENUM || btf_kind(t) == BTF_KIND_ENUM64)
			n += btf_vlen(t);
	}
	return n;
}

int btf_c_names(struct btf_c *d)
{
	struct name_use *u;
	size_t n, i;
	uint32_t nth = 1;
	char *s;

	d->alias = calloc(d->btf->nr_types, sizeof(*d->alias));
	d->ebase = calloc(d->btf->nr_types, sizeof(*d->ebase));
	d->ealias = calloc(nr_enumerators(d->btf) + 1, sizeof(*d->ealias));
	u = d->alias && d->ebase && d->ealias ? collect(d, &n) : NULL;
	if (!u)
		return bb_errf(d->err, -ENOMEM, "btf: names: out of memory");
	sort(u, n, sizeof(*u), cmp_use);
	for (i = 1; i < n; i++) {
		if (u[i].ns != u[i - 1].ns || strcmp(u[i].name, u[i - 1].name)) {
			nth = 1;
			continue;
		}
		s = suffixed(u[i].name, ++nth);
		if (!s) {
			free(u);
			return bb_errf(d->err, -ENOMEM, "btf: names: out of memory");
		}
		if (u[i].slot == UINT32_MAX)
			d->alias[u[i].id] = s;
		else
			d->ealias[u[i].slot] = s;
	}
	free(u);
	return 0;
}

void btf_c_names_free(struct btf_c *d)
{
	size_t i, n = d->ealias ? nr_enumerators(d->btf) : 0;

	for (i = 0; d->alias && i < d->btf->nr_types; i++)
		free(d->alias[i]);
	for (i = 0; i < n; i++)
		free(d->ealias[i]);
	free(d->alias);
	free(d->ebase);
	free(d->ealias);
}

const char *btf_c_name(const struct btf_c *d, uint32_t id)
{
	const struct btf_type *t = btf_type(d->btf, id);
	const char *s;

	if (!t)
		return "";
	if (d->alias && d->alias[id])
		return d->alias[id];
	s = btf_str(d->btf, t->name_off);
	return s ? s : "";
}

const char *btf_c_enumerator(const struct btf_c *d, uint32_t id, uint32_t i)
{
	const char *a = d->ealias ? d->ealias[d->ebase[id] + i] : NULL;

	return a ? a : enumerator(d->btf, btf_type(d->btf, id), i);
}
