// SPDX-License-Identifier: GPL-2.0
/*
 * gen_skel.c - `barebpf gen skeleton OBJ [--name NAME]`: write a C header
 * that carries the object (packed with our LZ77, elf/base/lz.h) and gives
 * it libbpf's skeleton interface: struct NAME with one typed member per
 * map, program and link, typed pointers to .bss/.data/.rodata, and
 * NAME__open(), __load(), __open_and_load(), __attach(), __detach(),
 * __destroy() on barebpf's public API (loader/barebpf.h) alone.
 *
 * The header is meant to be read: each function is a few plain calls.
 * The layout of the global data structs comes from gen_skel_btf.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/lz.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/gen_skel_types.h"

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: barebpf gen skeleton OBJ [--name NAME] > NAME.skel.h\n"
		   "\n"
		   "Write a C header that carries the BPF object OBJ inside it (packed)\n"
		   "and loads it with barebpf's library, with libbpf's skeleton names:\n"
		   "struct NAME with skel->maps.MAP, skel->progs.PROG, skel->links.PROG\n"
		   "and skel->bss, ->data, ->rodata (the sections' C layout, from the\n"
		   "object's BTF), and NAME__open(), NAME__load(), NAME__open_and_load(),\n"
		   "NAME__attach(), NAME__detach(), NAME__destroy().  The header needs\n"
		   "only <barebpf.h> and libbarebpf; it compiles as C11 and as C++11.\n"
		   "\n"
		   "  --name NAME   the skeleton's name (default: OBJ's file name without\n"
		   "                .bpf.o or .o)\n"
		   "  -h, --help    show this help\n"
		   "\n"
		   "Strip the object's DWARF first (llvm-strip -g) for a smaller header:\n"
		   "the skeleton needs its BTF only.\n");
}

/* "dir/execcount.bpf.o" -> "execcount". */
static const char *default_name(struct skel *s, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 6 && !strcmp(base + len - 6, ".bpf.o"))
		len -= 6;
	else if (len > 2 && !strcmp(base + len - 2, ".o"))
		len -= 2;
	if (len >= sizeof(s->name_buf))
		len = sizeof(s->name_buf) - 1;
	memcpy(s->name_buf, base, len);
	s->name_buf[len] = '\0';
	return s->name_buf;
}

/* Every name the header will use: C and C++ take it, no two alike. */
static int check_names(const struct skel *s, struct bb_err *err)
{
	const struct obj_spec *spec = &s->obj->spec;
	uint32_t i, j;
	int ret = skel_check_name("skeleton name (--name)", s->name, err);

	for (i = 0; !ret && i < spec->nr_maps; i++)
		if (skel_user_map(&spec->maps[i]))
			ret = skel_check_name("map", spec->maps[i].name, err);
	for (i = 0; !ret && i < spec->nr_progs; i++) {
		ret = skel_check_name("program", spec->progs[i].name, err);
		for (j = 0; !ret && j < i; j++)
			if (!strcmp(spec->progs[i].name, spec->progs[j].name))
				ret = bb_errf(err, -EINVAL,
					      "two programs are called '%s'",
					      spec->progs[i].name);
	}
	for (i = 0; !ret && i < SKEL_NR_SECTS; i++)
		for (j = 0; !ret && j < s->sects[i].nr; j++)
			if (s->sects[i].fields[j].name)
				ret = skel_check_name("variable",
						      s->sects[i].fields[j].name,
						      err);
	return ret;
}

static int find_sects(struct skel *s, struct bb_err *err)
{
	const struct obj_spec *spec = &s->obj->spec;
	const struct bb_map *m;
	struct skel_sect *sc;
	uint32_t i;
	int ret;

	for (i = 0; i < SKEL_NR_SECTS; i++) {
		sc = &s->sects[i];
		sc->map = -1;
		m = bb_object_find_map(s->obj, skel_sect_names[i]);
		if (!m)
			continue;
		sc->map = m - s->obj->maps;
		sc->size = spec->maps[sc->map].value_size;
		ret = skel_section_fields(spec, sc->map, &sc->fields, &sc->nr,
					  &sc->align, err);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The object's file name, as the header's comments and messages say it:
 * any byte but [A-Za-z0-9._-] made '_' (no "*" "/" to end a comment, no
 * quote or newline to end a string).
 */
static void file_name(struct skel *s, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t i;

	for (i = 0; base[i] && i < sizeof(s->file_buf) - 1; i++)
		s->file_buf[i] = (base[i] >= 'a' && base[i] <= 'z') ||
				 (base[i] >= 'A' && base[i] <= 'Z') ||
				 (base[i] >= '0' && base[i] <= '9') ||
				 base[i] == '.' || base[i] == '-' ? base[i] : '_';
	s->file_buf[i] = '\0';
	s->file = s->file_buf;
}

static int prepare(struct skel *s, const char *path, struct bb_err *err)
{
	int ret = bb_object_open(&s->obj, path, err);

	if (ret)
		return ret;
	file_name(s, path);
	ret = find_sects(s, err);
	if (!ret)
		ret = check_names(s, err);
	if (!ret && lz_pack(s->obj->file, s->obj->file_len, &s->packed,
			    &s->packed_len))
		ret = bb_errf(err, -ENOMEM, "out of memory");
	if (ret)
		return bb_err_prefix(err, ret, "%s", path);
	return 0;
}

static void skel_free(struct skel *s)
{
	uint32_t i;

	for (i = 0; i < SKEL_NR_SECTS; i++)
		free(s->sects[i].fields);
	free(s->packed);
	bb_object_close(s->obj);
}

/* 0 to go on, 1 after --help, -1 on a bad command line. */
static int parse_args(int argc, char **argv, struct skel *s,
		      const char **path)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct cli_getopt g = { 0 };
	int c;

	if (argc < 2 || strcmp(argv[1], "skeleton"))
		return argc >= 2 && (!strcmp(argv[1], "-h") ||
				     !strcmp(argv[1], "--help")) ? 1 : -1;
	while ((c = cli_getopt(&g, argc - 1, argv + 1, "h", longopts)) != -1) {
		if (c == 'h')
			return 1;
		if (c != 'n')
			return -1;
		s->name = g.arg;
	}
	if (g.ind != argc - 2)
		return -1;
	*path = argv[g.ind + 1];
	if (!s->name)
		s->name = default_name(s, *path);
	return 0;
}

/* Exit status: 0 written, 1 the object would not do, 2 a usage error. */
int cmd_gen(int argc, char **argv)
{
	/* Our own stdout, which does not escape: the text is C. */
	static char buf[4096];
	struct out out = OUT_INIT(1, buf);
	struct bb_err err = { 0 };
	struct skel s = { 0 };
	const char *path = NULL;
	int args = parse_args(argc, argv, &s, &path), ret;

	if (args) {
		usage(args > 0 ? out_stdout : out_stderr);
		return args > 0 ? 0 : 2;
	}
	ret = prepare(&s, path, &err);
	if (!ret)
		ret = skel_print(&out, &s, &err);
	if (ret)
		bb_err_print(out_stderr, "barebpf gen skeleton", &err);
	skel_free(&s);
	return ret ? 1 : 0;
}
