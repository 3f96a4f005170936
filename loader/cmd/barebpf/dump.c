// SPDX-License-Identifier: GPL-2.0
/*
 * dump.c - print every entry of a map: key and value decoded through the
 * object's BTF (integers, char arrays, structs), or as hex bytes when BTF
 * does not say enough.
 */
#include <errno.h>
#include <string.h>

#include "elf/bpf_names.h"
#include "elf/base/errno_names.h"
#include "loader/maps/map.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/btf_str.h"

struct dump_ctx {
	const struct btf *btf;	/* NULL: no BTF, hex only */
	const struct map_spec *spec;
	unsigned long n;
};

static void hex(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		out_printf(out_stdout, "%s%02x", i ? " " : "", p[i]);
}

static void field(const struct dump_ctx *c, uint32_t type_id, const void *p,
		  size_t len)
{
	if (c->btf && !btf_value_print(out_stdout, c->btf, type_id, p, len))
		return;
	hex(p, len);
}

static int print_entry(const void *key, const void *value, void *ctx)
{
	struct dump_ctx *c = ctx;

	out_printf(out_stdout, "    ");
	field(c, c->spec->key_type_id, key, c->spec->key_size);
	out_printf(out_stdout, " => ");
	field(c, c->spec->value_type_id, value, c->spec->value_size);
	out_printf(out_stdout, "\n");
	c->n++;
	return 0;
}

void dump_map(const struct bb_object *obj, const struct bb_map *map)
{
	const struct map_spec *s = map->spec;
	const char *type = bpf_map_type_name(s->type);
	struct dump_ctx c = {
		.btf = obj->spec.has_btf ? &obj->spec.btf : NULL,
		.spec = s,
	};
	int ret;

	out_printf(out_stdout, "  map %s (%s, max_entries %u):\n", s->name,
		   type ? type : "?", s->max_entries);
	if (s->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY ||
	    s->type == BPF_MAP_TYPE_RINGBUF) {
		out_printf(out_stdout,
			   "    (an event stream: its events print as they arrive)\n");
		return;
	}
	ret = bb_map_for_each(map, print_entry, &c);
	if (ret) {
		/*
		 * Per-CPU values (-ENOTSUP from bb_map_for_each); other maps
		 * whose entries the kernel does not hand out (its -ENOTSUPP,
		 * 524): say so, go on with the rest.
		 */
		out_printf(out_stdout,
			   "    (its entries cannot be listed with lookups: %s)\n",
			   ret == -ENOTSUP ? "per-CPU values" : ret == -524 ? "the kernel does not hand them out" : errno_text(-ret));
		return;
	}
	if (!c.n)
		out_printf(out_stdout, "    (empty)\n");
}
