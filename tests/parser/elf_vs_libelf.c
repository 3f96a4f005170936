// SPDX-License-Identifier: GPL-2.0
/*
 * elf_vs_libelf.c - our ELF reader must see exactly what libelf sees.
 *
 * For every object (argv, or every *.bpf.o under build/) compare the
 * section table, the symbol table and every SHT_REL section with gelf's
 * view, then check the object's BTF parses and agrees with itself.
 * procmon.bpf.o's struct proc_info is checked against its C definition.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>

#include "elf/btf/btf.h"
#include "elf/elf.h"
#include "tests/tap.h"
#include "tests/parser/objs.h"

static int cmp_u64(const char *what, uint32_t i, const char *field,
		   uint64_t ours, uint64_t theirs)
{
	if (ours == theirs)
		return 1;
	diag("  %s %u: %s: ours 0x%llx, libelf 0x%llx", what, i, field,
	     (unsigned long long)ours, (unsigned long long)theirs);
	return 0;
}

static int cmp_str(const char *what, uint32_t i, const char *field,
		   const char *ours, const char *theirs)
{
	if (ours && theirs && !strcmp(ours, theirs))
		return 1;
	diag("  %s %u: %s: ours '%s', libelf '%s'", what, i, field,
	     ours ? ours : "(null)", theirs ? theirs : "(null)");
	return 0;
}

static int same_section(Elf *e, size_t shstrndx, const struct elf_file *ef,
			uint32_t i)
{
	const struct elf_section *s = &ef->sections[i];
	Elf_Scn *scn = elf_getscn(e, i);
	GElf_Shdr sh;

	if (!scn || !gelf_getshdr(scn, &sh)) {
		diag("  section %u: libelf: %s", i, elf_errmsg(-1));
		return 0;
	}
	return cmp_str("section", i, "name", s->name,
		       elf_strptr(e, shstrndx, sh.sh_name)) &&
	       cmp_u64("section", i, "type", s->type, sh.sh_type) &&
	       cmp_u64("section", i, "flags", s->flags, sh.sh_flags) &&
	       cmp_u64("section", i, "offset", s->offset, sh.sh_offset) &&
	       cmp_u64("section", i, "size", s->size, sh.sh_size) &&
	       cmp_u64("section", i, "link", s->link, sh.sh_link) &&
	       cmp_u64("section", i, "info", s->info, sh.sh_info) &&
	       cmp_u64("section", i, "addralign", s->addralign, sh.sh_addralign) &&
	       cmp_u64("section", i, "entsize", s->entsize, sh.sh_entsize) &&
	       cmp_u64("section", i, "data", s->data != NULL,
		       sh.sh_type != SHT_NULL && sh.sh_type != SHT_NOBITS);
}

static void check_sections(Elf *e, const struct elf_file *ef, const char *path)
{
	size_t n = 0, shstrndx = 0;
	int good = 1;
	uint32_t i;

	if (elf_getshdrnum(e, &n) || elf_getshdrstrndx(e, &shstrndx)) {
		ok(0, "%s: sections (libelf: %s)", path, elf_errmsg(-1));
		return;
	}
	good = cmp_u64("file", 0, "number of sections", ef->nr_sections, n);
	for (i = 0; good && i < n; i++)
		good = same_section(e, shstrndx, ef, i);
	ok(good, "%s: %zu sections match libelf", path, n);
}

static int same_symbol(Elf *e, uint32_t strndx, Elf_Data *d,
		       const struct elf_file *ef, uint32_t i)
{
	const struct elf_symbol *s = &ef->symbols[i];
	GElf_Sym sym;

	if (!gelf_getsym(d, i, &sym)) {
		diag("  symbol %u: libelf: %s", i, elf_errmsg(-1));
		return 0;
	}
	return cmp_str("symbol", i, "name", s->name,
		       elf_strptr(e, strndx, sym.st_name)) &&
	       cmp_u64("symbol", i, "value", s->value, sym.st_value) &&
	       cmp_u64("symbol", i, "size", s->size, sym.st_size) &&
	       cmp_u64("symbol", i, "shndx", s->shndx, sym.st_shndx) &&
	       cmp_u64("symbol", i, "type", s->type, GELF_ST_TYPE(sym.st_info)) &&
	       cmp_u64("symbol", i, "bind", s->bind, GELF_ST_BIND(sym.st_info)) &&
	       cmp_u64("symbol", i, "visibility", s->visibility,
		       GELF_ST_VISIBILITY(sym.st_other));
}

static void check_symbols(Elf *e, const struct elf_file *ef, const char *path)
{
	Elf_Scn *scn = NULL;
	uint32_t i, n = 0, idx = 0;
	Elf_Data *d = NULL;
	GElf_Shdr sh;
	int good;

	while ((scn = elf_nextscn(e, scn))) {
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB) {
			idx = elf_ndxscn(scn);
			d = elf_getdata(scn, NULL);
			n = sh.sh_size / sh.sh_entsize;
			break;
		}
	}
	good = cmp_u64("file", 0, "symtab index", ef->symtab, idx) &&
	       cmp_u64("file", 0, "number of symbols", ef->nr_symbols, n);
	for (i = 0; good && i < n; i++)
		good = same_symbol(e, sh.sh_link, d, ef, i);
	ok(good, "%s: %u symbols match libelf", path, n);
}

static void check_rels(Elf *e, const struct elf_file *ef, uint32_t idx,
		       const char *path)
{
	Elf_Data *d = elf_getdata(elf_getscn(e, idx), NULL);
	struct elf_rel *rels = NULL;
	struct bb_err err = { .msg = "" };
	uint32_t i, nr = 0;
	int ret, good;
	GElf_Rel r;

	ret = elf_read_rels(ef, idx, &rels, &nr, &err);
	good = ret == 0 ||
	       (diag("  elf_read_rels: %d %s", ret, err.msg), 0);
	if (good)
		good = cmp_u64("section", idx, "relocations", nr,
			       ef->sections[idx].size / sizeof(Elf64_Rel));
	for (i = 0; good && i < nr; i++) {
		good = gelf_getrel(d, i, &r) != NULL;
		good = good &&
		       cmp_u64("reloc", i, "offset", rels[i].offset, r.r_offset) &&
		       cmp_u64("reloc", i, "sym", rels[i].sym,
			       GELF_R_SYM(r.r_info)) &&
		       cmp_u64("reloc", i, "type", rels[i].type,
			       GELF_R_TYPE(r.r_info));
	}
	ok(good, "%s: '%s': %u relocations match libelf", path,
	   ef->sections[idx].name, nr);
	free(rels);
}

/* Every struct's member that is not a bitfield must be found where BTF says. */
static int check_members(const struct btf *btf, uint32_t id,
			 const struct btf_type *t)
{
	const struct btf_member *m = btf_extra(t);
	struct bb_err err = { .msg = "" };
	uint32_t i, off, bits;
	const char *name;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		bits = BTF_INFO_KFLAG(t->info) ? BTF_MEMBER_BIT_OFFSET(m->offset)
					       : m->offset;
		name = btf_str(btf, m->name_off);
		if (!name || !*name || bits % 8)
			continue;
		if (btf_member_offset(btf, id, name, &off, &err)) {
			diag("  type %u member '%s': %s", id, name, err.msg);
			return 0;
		}
		if (off != bits / 8) {
			diag("  type %u member '%s': at %u, BTF says %u",
			     id, name, off, bits / 8);
			return 0;
		}
	}
	return 1;
}

/* Sizes, members and DATASEC entries must agree with btf_type_size(). */
static int check_btf_types(const struct btf *btf, uint32_t *nr_datasec)
{
	struct bb_err err = { .msg = "" };
	const struct btf_type *t;
	uint32_t id, size;

	*nr_datasec = 0;
	for (id = 1; id < btf->nr_types; id++) {
		t = btf_type(btf, id);
		if (!t) {
			diag("  type %u: btf_type() is NULL", id);
			return 0;
		}
		if (btf_kind(t) == BTF_KIND_DATASEC)
			++*nr_datasec;
		if (btf_kind(t) != BTF_KIND_STRUCT && btf_kind(t) != BTF_KIND_UNION)
			continue;
		if (btf_type_size(btf, id, &size, &err) || size != t->size) {
			diag("  type %u: size %u vs %u: %s", id, size, t->size,
			     err.msg);
			return 0;
		}
		if (!check_members(btf, id, t))
			return 0;
	}
	return 1;
}

/* What clang puts in a DATASEC: print it so the report can say. */
static void diag_datasecs(const struct btf *btf)
{
	const struct btf_var_secinfo *v;
	struct bb_err err = { .msg = "" };
	const struct btf_type *t;
	uint32_t id, i, size;
	int ret;

	for (id = 1; id < btf->nr_types; id++) {
		t = btf_type(btf, id);
		if (btf_kind(t) != BTF_KIND_DATASEC)
			continue;
		diag("  DATASEC '%s' size %u, %u vars", btf_str(btf, t->name_off),
		     t->size, btf_vlen(t));
		v = btf_extra(t);
		for (i = 0; i < btf_vlen(t); i++, v++) {
			const struct btf_type *vt = btf_type(btf, v->type);
			const char *name = vt ? btf_str(btf, vt->name_off) : NULL;

			ret = btf_type_size(btf, v->type, &size, &err);
			diag("    var %u '%s' offset %u size %u (btf_type_size %d: %u)",
			     v->type, name ? name : "?", v->offset, v->size, ret,
			     ret ? 0 : size);
		}
	}
}

static void check_btf(const struct elf_file *ef, const char *path)
{
	int idx = elf_find_section(ef, ".BTF");
	struct bb_err err = { .msg = "" };
	struct btf btf;
	uint32_t nr_ds = 0;
	void *copy;
	int ret;

	if (idx < 0 || !ef->sections[idx].data) {
		ok(1, "%s: no .BTF section (or no data in it)", path);
		return;
	}
	/* The section may sit at any file offset; BTF wants 4-byte alignment. */
	copy = malloc(ef->sections[idx].size + 1);
	memcpy(copy, ef->sections[idx].data, ef->sections[idx].size);
	ret = btf_parse(&btf, copy, ef->sections[idx].size, &err);
	if (!ok(ret == 0, "%s: .BTF parses", path)) {
		diag("  %d %s", ret, err.msg);
		free(copy);
		return;
	}
	ok(check_btf_types(&btf, &nr_ds), "%s: %u BTF types agree with btf_type_size/btf_member_offset",
	   path, btf.nr_types);
	if (getenv("VERBOSE") || strstr(path, "procmon"))
		diag_datasecs(&btf);
	btf_free(&btf);
	free(copy);
}

static void check_proc_info(const struct elf_file *ef)
{
	static const struct {
		const char *name;
		uint32_t off;
	} want[] = { { "pid", 0 }, { "ppid", 4 }, { "uid", 8 }, { "gid", 12 },
		     { "exec_ns", 16 }, { "comm", 24 } };
	int idx = elf_find_section(ef, ".BTF");
	struct bb_err err = { .msg = "" };
	uint32_t size = 0, off = 0, i;
	struct btf btf;
	void *copy;
	int id;

	if (!ok(idx >= 0 && ef->sections[idx].data, "procmon.bpf.o has .BTF"))
		return;
	copy = malloc(ef->sections[idx].size + 1);
	memcpy(copy, ef->sections[idx].data, ef->sections[idx].size);
	if (!ok(!btf_parse(&btf, copy, ef->sections[idx].size, &err),
		"procmon BTF parses")) {
		free(copy);
		return;
	}
	id = btf_find(&btf, "proc_info", BTF_KIND_STRUCT);
	ok(id > 0, "btf_find(proc_info, STRUCT) = %d", id);
	is_int(btf_type_size(&btf, id, &size, &err), 0, "proc_info has a size");
	is_int(size, 40, "sizeof(struct proc_info) is 40");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		off = ~0u;
		if (btf_member_offset(&btf, id, want[i].name, &off, &err))
			diag("  %s", err.msg);
		is_int(off, want[i].off, "offsetof(proc_info, %s)", want[i].name);
	}
	is_int(btf_member_offset(&btf, id, "nope", &off, &err), -ENOENT,
	       "absent member is -ENOENT");
	is_int(btf_find(&btf, "no_such_type", BTF_KIND_STRUCT), -ENOENT,
	       "absent type is -ENOENT");
	btf_free(&btf);
	free(copy);
}

static void check_object(const char *path)
{
	struct bb_err err = { .msg = "" };
	struct elf_file ef;
	size_t len = 0;
	uint8_t *buf = read_whole(path, &len);
	Elf *e;
	uint32_t i;
	int ret;

	if (!ok(buf != NULL, "read %s", path))
		return;
	ret = elf_parse(&ef, buf, len, &err);
	if (!ok(ret == 0, "%s: elf_parse", path)) {
		diag("  %d %s", ret, err.msg);
		free(buf);
		return;
	}
	e = elf_memory((char *)buf, len);
	if (!ok(e != NULL, "%s: libelf opens it", path)) {
		elf_free(&ef);
		free(buf);
		return;
	}
	check_sections(e, &ef, path);
	check_symbols(e, &ef, path);
	for (i = 0; i < ef.nr_sections; i++)
		if (ef.sections[i].type == SHT_REL)
			check_rels(e, &ef, i, path);
	check_btf(&ef, path);
	if (strstr(path, "procmon.bpf.o"))
		check_proc_info(&ef);
	elf_end(e);
	elf_free(&ef);
	free(buf);
}

int main(int argc, char **argv)
{
	struct obj_list objs;
	int i, procmon = 0;

	elf_version(EV_CURRENT);
	objs_collect(&objs, argc, argv);
	if (!objs.n) {
		objs_free(&objs);
		return skip_all("no *.bpf.o under build/ (run make first)");
	}
	for (i = 0; i < objs.n; i++) {
		procmon |= strstr(objs.paths[i], "procmon.bpf.o") != NULL;
		check_object(objs.paths[i]);
	}
	if (argc <= 1)
		ok(procmon, "build/procmon.bpf.o was among the objects");
	objs_free(&objs);
	return done_testing();
}
