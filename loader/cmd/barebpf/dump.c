// SPDX-License-Identifier: GPL-2.0
/*
 * dump.c - print every entry of a map: key and value decoded through the
 * object's BTF (integers, char arrays, structs), or as hex bytes when BTF
 * does not say enough; a per-CPU map's value CPU by CPU.
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
	const struct bb_map *map;
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

/*
 * A per-CPU map's value: every possible CPU's, as if a struct of one
 * field per CPU ({cpu0=3, cpu1=5}), then, for an integer, their sum (a
 * per-CPU counter's total, what one usually wants to know).
 */
static void percpu_value(const struct dump_ctx *c, const void *value)
{
	uint32_t id = c->spec->value_type_id, cpu;
	int ints = c->btf != NULL, is_signed = 0;
	uint64_t v, sum = 0;
	const void *slot;

	out_putc(out_stdout, '{');
	for (cpu = 0; (slot = bb_map_cpu_value(c->map, value, cpu)); cpu++) {
		out_printf(out_stdout, "%scpu%u=", cpu ? ", " : "", cpu);
		field(c, id, slot, c->spec->value_size);
		ints = ints && !btf_int_get(c->btf, id, slot,
					     c->spec->value_size, &v,
					     &is_signed);
		sum += ints ? v : 0;
	}
	out_putc(out_stdout, '}');
	if (ints && is_signed)
		out_printf(out_stdout, " sum=%lld", (long long)sum);
	else if (ints)
		out_printf(out_stdout, " sum=%llu", (unsigned long long)sum);
}

static int print_entry(const void *key, const void *value, void *ctx)
{
	struct dump_ctx *c = ctx;

	out_printf(out_stdout, "    ");
	field(c, c->spec->key_type_id, key, c->spec->key_size);
	out_printf(out_stdout, " => ");
	if (map_is_percpu(c->spec->type))
		percpu_value(c, value);
	else
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
		.map = map,
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
		 * Maps whose entries the kernel does not hand out (its
		 * -ENOTSUPP, 524): say so, go on with the rest.
		 */
		out_printf(out_stdout,
			   "    (its entries cannot be listed with lookups: %s)\n",
			   ret == -524 ? "the kernel does not hand them out" : errno_text(-ret));
		return;
	}
	if (!c.n)
		out_printf(out_stdout, "    (empty)\n");
}
