// SPDX-License-Identifier: GPL-2.0
/*
 * map_io.c - keys and values of `barebpf map`, between the command line
 * and the kernel's bytes: hex bytes as bpftool takes them ("key 0x01 0x00
 * 0x00 0x00" or "key 01 00 00 00"), or one typed value read through the
 * map's BTF (--key-btf 1, --value-btf comm); printed back through the
 * same BTF (btf_str.c, as `barebpf run` prints maps) or as hex.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/num.h"
#include "elf/btf/btf_int.h"
#include "loader/cmd/barebpf/btf_str.h"
#include "loader/cmd/barebpf/map_cmd.h"
#include "loader/sys/out.h"

static uint32_t size_of(const struct map_target *t, const char *what)
{
	return what[0] == 'k' ? bb_map_key_size(t->map) :
				bb_map_value_size(t->map);
}

static uint32_t type_of(const struct map_target *t, const char *what)
{
	if (!t->has_btf)
		return 0;
	return what[0] == 'k' ? t->info.btf_key_type_id :
				t->info.btf_value_type_id;
}

/* "0x1f", "1f" or "f": one byte. */
static int hex_byte(const char *s, uint8_t *out)
{
	unsigned hi, lo;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!s[0] || (s[1] && s[2]))
		return -EINVAL;
	hi = num_digit_value(s[0]);
	lo = s[1] ? num_digit_value(s[1]) : 0;
	if (hi > 15 || lo > 15)
		return -EINVAL;
	*out = s[1] ? hi << 4 | lo : hi;
	return 0;
}

static int parse_hex(const char *what, char **words, int n, uint8_t *out,
		     uint32_t size, struct bb_err *err)
{
	int i;

	if ((uint32_t)n != size)
		return bb_errf(err, -EINVAL,
			       "%s: the map's %ss are %u bytes, %d given",
			       what, what, size, n);
	for (i = 0; i < n; i++)
		if (hex_byte(words[i], &out[i]))
			return bb_errf(err, -EINVAL,
				       "%s: '%s' (byte %d) is not a hex byte",
				       what, words[i], i);
	return 0;
}

/* A string into a char array: the rest zeros, and room for the NUL. */
static int parse_chars(const char *what, const char *s, uint8_t *out,
		       uint32_t size, struct bb_err *err)
{
	size_t len = strlen(s);

	if (len >= size)
		return bb_errf(err, -EINVAL,
			       "--%s-btf: '%s' is %zu bytes, the map's %ss hold %u with the NUL",
			       what, s, len, what, size);
	memset(out, 0, size);
	memcpy(out, s, len);
	return 0;
}

static int parse_int(const struct map_target *t, const char *what,
		     uint32_t id, const char *s, uint8_t *out, uint32_t size,
		     struct bb_err *err)
{
	struct btf_int_range r;
	uint64_t v;
	union { uint8_t u8; uint16_t u16; uint32_t u32; uint64_t u64; } n;

	if (btf_int_range(&t->btf, id, &r, NULL) || r.bytes != size)
		return bb_errf(err, -EINVAL,
			       "--%s-btf: the map's %s type is neither an integer nor a char array: give hex bytes ('%s 01 ...')",
			       what, what, what);
	if (num_parse_int(s, r.min, r.max, &v))
		return bb_errf(err, -EINVAL,
			       "--%s-btf: '%s' is not a number of its %u-byte %s type",
			       what, s, size, r.is_signed ? "signed" : "unsigned");
	/* The host's byte order, as the kernel reads it. */
	switch (size) {
	case 1: n.u8 = v; break;
	case 2: n.u16 = v; break;
	case 4: n.u32 = v; break;
	default: n.u64 = v; break;
	}
	memcpy(out, &n, size);
	return 0;
}

int map_parse(const struct map_target *t, const char *what, char **words,
	      int n, const char *typed, uint8_t *out, struct bb_err *err)
{
	uint32_t size = size_of(t, what), id = type_of(t, what);
	const struct btf_type *bt;

	if (!typed)
		return parse_hex(what, words, n, out, size, err);
	if (!id)
		return bb_errf(err, -EINVAL,
			       "--%s-btf: the map has no BTF type for its %ss: give hex bytes ('%s 01 ...')",
			       what, what, what);
	if (btf_skip_mods(&t->btf, id, &id, NULL))
		return bb_errf(err, -EINVAL, "--%s-btf: bad BTF type", what);
	bt = btf_type(&t->btf, id);
	if (bt && btf_kind(bt) == BTF_KIND_ARRAY &&
	    btf_is_char(&t->btf, ((const struct btf_array *)btf_extra(bt))->type))
		return parse_chars(what, typed, out, size, err);
	return parse_int(t, what, id, typed, out, size, err);
}

static void hex(struct out *f, const uint8_t *p, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		out_printf(f, "%s%02x", i ? " " : "", p[i]);
}

void map_print(const struct map_target *t, const char *what,
	       const uint8_t *p)
{
	uint32_t size = size_of(t, what), id = type_of(t, what);

	if (id && !btf_value_print(out_stdout, &t->btf, id, p, size))
		return;
	hex(out_stdout, p, size);
}

void map_json(struct json *j, const struct map_target *t, const char *what,
	      const uint8_t *p)
{
	uint32_t size = size_of(t, what), id = type_of(t, what), i;
	char buf[1024], key[16], byte[8];
	/* No flush: what does not fit is dropped, as with snprintf. */
	struct out o = { .sink = { .buf = buf, .size = sizeof(buf) - 1 },
			 .fd = -1 };

	json_begin(j, what, '[');
	for (i = 0; i < size; i++) {
		fmt_snprintf(byte, sizeof(byte), "0x%02x", p[i]);
		json_str(j, NULL, byte);
	}
	json_end(j, ']');
	if (!id || btf_value_print(&o, &t->btf, id, p, size))
		return;
	buf[o.sink.len] = '\0';
	fmt_snprintf(key, sizeof(key), "%s_btf", what);
	json_str(j, key, buf);
}
