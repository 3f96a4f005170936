// SPDX-License-Identifier: GPL-2.0
/*
 * btf_ext.c - read .BTF.ext: func_info, line_info and CO-RE relocations.
 *
 * Layout (all little-endian u32 unless said):
 *   header: u16 magic 0xeB9F, u8 version 1, u8 flags, hdr_len,
 *           func_info_off, func_info_len, line_info_off, line_info_len,
 *           and, when hdr_len >= 32, core_relo_off, core_relo_len
 *           (offsets count from the end of the header);
 *   each table: rec_size, then groups of { sec_name_off, num_info,
 *           num_info records of rec_size bytes }.
 * A record may be larger than we know (a newer clang): we read the
 * fields we know and skip the rest; a smaller one is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/btf/btf_ext.h"
#include "elf/elf.h"

#define INSN_SZ 8

struct ext_table {
	const char *what;	/* "func_info", for messages */
	uint32_t min_rec;	/* bytes we read from each record */
	uint32_t nr_u32;	/* ... as that many u32s */
};

struct ext_ctx {
	const struct bytes *all;
	const struct btf *btf;
	const struct elf_file *ef;
	struct bb_err *err;
};

/* Called for each record with its section and its u32 fields. */
typedef int (*rec_fn)(struct btf_ext *ext, uint32_t sec,
		      const uint32_t *f, struct bb_err *err);

static int grow(void **arr, uint32_t nr, size_t size)
{
	void *n = realloc(*arr, (nr + 1) * size);

	if (!n)
		return -ENOMEM;
	*arr = n;
	return 0;
}

static int insn_of(uint32_t off, uint32_t *insn)
{
	if (off % INSN_SZ)
		return -EINVAL;
	*insn = off / INSN_SZ;
	return 0;
}

static int add_func(struct btf_ext *ext, uint32_t sec, const uint32_t *f,
		    struct bb_err *err)
{
	struct ext_func r = { .sec_idx = sec, .type_id = f[1] };

	if (insn_of(f[0], &r.insn))
		return bb_errf(err, -EINVAL, "func_info: offset %#x is not an instruction", f[0]);
	if (grow((void **)&ext->funcs, ext->nr_funcs, sizeof(r)))
		return bb_errf(err, -ENOMEM, "out of memory");
	ext->funcs[ext->nr_funcs++] = r;
	return 0;
}

static int add_line(struct btf_ext *ext, uint32_t sec, const uint32_t *f,
		    struct bb_err *err)
{
	struct ext_line r = { .sec_idx = sec, .file_name_off = f[1],
			      .line_off = f[2], .line_col = f[3] };

	if (insn_of(f[0], &r.insn))
		return bb_errf(err, -EINVAL, "line_info: offset %#x is not an instruction", f[0]);
	if (grow((void **)&ext->lines, ext->nr_lines, sizeof(r)))
		return bb_errf(err, -ENOMEM, "out of memory");
	ext->lines[ext->nr_lines++] = r;
	return 0;
}

static int add_core(struct btf_ext *ext, uint32_t sec, const uint32_t *f,
		    struct bb_err *err)
{
	struct core_reloc r = { .sec_idx = sec, .type_id = f[1],
				.access_off = f[2], .kind = f[3] };

	if (insn_of(f[0], &r.insn))
		return bb_errf(err, -EINVAL, "core_relo: offset %#x is not an instruction", f[0]);
	if (grow((void **)&ext->cores, ext->nr_cores, sizeof(r)))
		return bb_errf(err, -ENOMEM, "out of memory");
	ext->cores[ext->nr_cores++] = r;
	return 0;
}

/* Check the BTF ids and strings a record names, by table. */
static int check_rec(const struct ext_ctx *c, const struct ext_table *t,
		     const uint32_t *f)
{
	const char *what = t->what;

	if (!strcmp(what, "func_info"))
		return f[1] < c->btf->nr_types ? 0 :
		       bb_errf(c->err, -EINVAL, "type %u out of range", f[1]);
	if (!strcmp(what, "line_info"))
		return btf_str(c->btf, f[1]) && btf_str(c->btf, f[2]) ? 0 :
		       bb_errf(c->err, -EINVAL, "string offset out of range");
	if (f[1] >= c->btf->nr_types || !btf_str(c->btf, f[2]))
		return bb_errf(c->err, -EINVAL, "type %u or access string %#x out of range",
			       f[1], f[2]);
	return 0;
}

/* One group: a section name, then its records. */
static int read_group(const struct ext_ctx *c, const struct ext_table *t,
		      const struct bytes *tab, uint64_t *off, uint32_t rec,
		      struct btf_ext *ext, rec_fn fn)
{
	uint32_t hdr[2], f[4], i;
	const char *name;
	int sec, ret;

	if (buf_read(tab, *off, hdr, sizeof(hdr)))
		return bb_errf(c->err, -EINVAL, "group header at %#llx overruns the table",
			       (unsigned long long)*off);
	*off += sizeof(hdr);
	name = btf_str(c->btf, hdr[0]);
	sec = name && *name ? elf_find_section(c->ef, name) : -ENOENT;
	if (sec < 0)
		return bb_errf(c->err, -EINVAL, "group names section '%s', not in the object",
			       name ? name : "?");
	if ((uint64_t)hdr[1] * rec > tab->len - *off)
		return bb_errf(c->err, -EINVAL, "section '%s': %u records overrun the table",
			       name, hdr[1]);
	for (i = 0; i < hdr[1]; i++, *off += rec) {
		buf_read(tab, *off, f, t->min_rec);
		ret = check_rec(c, t, f);
		if (!ret)
			ret = fn(ext, sec, f, c->err);
		if (ret)
			return bb_err_prefix(c->err, ret, "section '%s': record %u", name, i);
	}
	return 0;
}

static int read_table(const struct ext_ctx *c, const struct ext_table *t,
		      uint64_t start, uint32_t len, struct btf_ext *ext,
		      rec_fn fn)
{
	struct bytes tab = { buf_slice(c->all, start, len), len };
	uint64_t off = sizeof(uint32_t);
	uint32_t rec;
	int ret;

	if (!len)
		return 0;
	if (!tab.data || buf_read(&tab, 0, &rec, sizeof(rec)))
		return bb_errf(c->err, -EINVAL, "[%#llx, +%#x) is past the end",
			       (unsigned long long)start, len);
	if (rec < t->min_rec)
		return bb_errf(c->err, -EINVAL, "record size %u, need at least %u",
			       rec, t->min_rec);
	while (off < tab.len) {
		ret = read_group(c, t, &tab, &off, rec, ext, fn);
		if (ret)
			return ret;
	}
	return 0;
}

int btf_ext_parse(struct btf_ext *ext, const void *data, size_t len,
		  const struct btf *btf, const struct elf_file *ef,
		  struct bb_err *err)
{
	static const struct ext_table tabs[] = {
		{ "func_info", 8, 2 }, { "line_info", 16, 4 },
		{ "core_relo", 16, 4 },
	};
	static const rec_fn fns[] = { add_func, add_line, add_core };
	struct bytes all = { data, len };
	struct ext_ctx c = { &all, btf, ef, err };
	uint32_t h[8] = { 0 };
	uint16_t magic;
	int i, ret = 0;

	memset(ext, 0, sizeof(*ext));
	if (buf_read(&all, 0, h, 24))
		return bb_errf(err, -EINVAL, ".BTF.ext: too short for a header");
	memcpy(&magic, h, sizeof(magic));
	if (magic != BTF_MAGIC || ((h[0] >> 16) & 0xff) != 1)
		return bb_errf(err, -EINVAL, ".BTF.ext: bad magic %#x or version", magic);
	if (h[1] < 24 || h[1] > len)
		return bb_errf(err, -EINVAL, ".BTF.ext: hdr_len %u invalid", h[1]);
	if (h[1] >= 32)
		buf_read(&all, 24, &h[6], 8);
	for (i = 0; !ret && i < 3; i++) {
		ret = read_table(&c, &tabs[i], (uint64_t)h[1] + h[2 + 2 * i],
				 h[3 + 2 * i], ext, fns[i]);
		if (ret)
			bb_err_prefix(err, ret, ".BTF.ext: %s", tabs[i].what);
	}
	if (ret)
		btf_ext_free(ext);
	return ret;
}

void btf_ext_free(struct btf_ext *ext)
{
	free(ext->funcs);
	free(ext->lines);
	free(ext->cores);
	memset(ext, 0, sizeof(*ext));
}
