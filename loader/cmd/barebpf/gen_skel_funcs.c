// SPDX-License-Identifier: GPL-2.0
/*
 * gen_skel_funcs.c - the functions of a skeleton header, with libbpf's
 * names: NAME__open(), __load(), __open_and_load(), __attach(),
 * __detach(), __destroy(), and the few helpers they share.  Each is a
 * handful of calls of loader/barebpf.h, written out per map, program and
 * section so that a reader sees exactly what happens: no loops over
 * tables, no macros.
 */
#include <string.h>

#include "loader/cmd/barebpf/gen_skel_types.h"

static const char *sect_member(uint32_t i)
{
	return skel_sect_names[i] + 1;
}

/* "skel->bss = (struct NAME__bss *)NAME__section(skel, ".bss", 24);" */
static void print_sect_ptrs(struct out *f, const struct skel *s)
{
	uint32_t i;

	for (i = 0; i < SKEL_NR_SECTS; i++)
		if (s->sects[i].nr)
			out_printf(f, "\tskel->%s = (struct %s__%s *)%s__section(skel, \"%s\", %u);\n",
				   sect_member(i), s->name, sect_member(i),
				   s->name, skel_sect_names[i],
				   s->sects[i].size);
}

static int has_sects(const struct skel *s)
{
	uint32_t i;

	for (i = 0; i < SKEL_NR_SECTS; i++)
		if (s->sects[i].nr)
			return 1;
	return 0;
}

static void print_helpers(struct out *f, const struct skel *s)
{
	const char *n = s->name;

	out_printf(f,
		   "\n/* Say on stderr what failed (and the verifier's log, if any); @ret. */\n"
		   "static inline int %s__fail(const char *who, struct bb_err *err, int ret)\n"
		   "{\n"
		   "\tbb_err_report(who, err);\n"
		   "\treturn ret;\n"
		   "}\n", n);
	if (has_sects(s))
		out_printf(f,
			   "\n/* The bytes of global data section @sec, which has @size. */\n"
			   "static inline void *%s__section(struct %s *skel, const char *sec, size_t size)\n"
			   "{\n"
			   "\tstruct bb_map *map = bb_object_find_map(skel->obj, sec);\n"
			   "\tsize_t got = 0;\n"
			   "\tvoid *mem = map ? bb_map_global_data(map, &got) : NULL;\n"
			   "\n"
			   "\treturn got == size ? mem : NULL;\n"
			   "}\n", n, n);
}

/* One term of NAME__find()'s check: "if (!skel->maps.counter". */
static void print_cond(struct out *f, uint32_t *n, const char *group,
		       const char *name)
{
	out_printf(f, "%s!skel->%s%s", (*n)++ ? " ||\n\t    " : "\tif (",
		   group, name);
}

/* NAME__find(): each member found by name; -ENOENT if one is missing. */
static void print_find(struct out *f, const struct skel *s)
{
	const struct obj_spec *spec = &s->obj->spec;
	uint32_t i, n = 0;

	out_printf(f, "\n/* Point the members at the maps, programs and sections of skel->obj. */\n"
		   "static inline int %s__find(struct %s *skel)\n{\n", s->name, s->name);
	for (i = 0; i < spec->nr_maps; i++)
		if (skel_user_map(&spec->maps[i]))
			out_printf(f, "\tskel->maps.%s = bb_object_find_map(skel->obj, \"%s\");\n",
				   spec->maps[i].name, spec->maps[i].name);
	for (i = 0; i < spec->nr_progs; i++)
		out_printf(f, "\tskel->progs.%s = bb_object_find_prog(skel->obj, \"%s\");\n",
			   spec->progs[i].name, spec->progs[i].name);
	print_sect_ptrs(f, s);
	for (i = 0; i < spec->nr_maps; i++)
		if (skel_user_map(&spec->maps[i]))
			print_cond(f, &n, "maps.", spec->maps[i].name);
	for (i = 0; i < spec->nr_progs; i++)
		print_cond(f, &n, "progs.", spec->progs[i].name);
	for (i = 0; i < SKEL_NR_SECTS; i++)
		if (s->sects[i].nr)
			print_cond(f, &n, "", sect_member(i));
	if (n)
		out_printf(f, ")\n\t\treturn -ENOENT;\n");
	out_printf(f, "\treturn 0;\n}\n");
}

static void print_detach(struct out *f, const struct skel *s)
{
	const struct obj_spec *spec = &s->obj->spec;
	uint32_t i;

	skel_puts(f, s, "\n/* Detach every program NAME__attach() attached (close its link). */\n"
		  "static inline void NAME__detach(struct NAME *skel)\n{\n");
	for (i = 0; i < spec->nr_progs; i++)
		out_printf(f, "\tbb_link_destroy(skel->links.%s);\n\tskel->links.%s = NULL;\n",
			   spec->progs[i].name, spec->progs[i].name);
	if (!spec->nr_progs)
		out_printf(f, "\t(void)skel;\n");
	skel_puts(f, s, "}\n"
		  "\n/* Detach, close every fd, free.  NULL is fine. */\n"
		  "static inline void NAME__destroy(struct NAME *skel)\n{\n"
		  "\tif (!skel)\n\t\treturn;\n"
		  "\tNAME__detach(skel);\n"
		  "\tbb_object_close(skel->obj);\n"
		  "\tfree(skel);\n"
		  "}\n");
}

static void print_open(struct out *f, const struct skel *s)
{
	skel_puts(f, s,
		  "\n/*\n"
		  " * The skeleton of @obj, which the caller opened (bb_object_open() of\n"
		  " * a file, say, to try another build of FILE without a new header): it\n"
		  " * must have FILE's maps, programs and sections.  The skeleton owns @obj\n"
		  " * from now on, even when this fails (NULL, errno set).\n"
		  " */\n"
		  "static inline struct NAME *NAME__open_object(struct bb_object *obj)\n{\n"
		  "\tstruct bb_err lacks = { \"the object lacks a map, program or section of FILE\", 0 };\n"
		  "\tstruct NAME *skel = (struct NAME *)calloc(1, sizeof(*skel));\n\n"
		  "\tif (!skel) {\n"
		  "\t\tbb_object_close(obj);\n"
		  "\t\terrno = ENOMEM;\n"
		  "\t\treturn NULL;\n"
		  "\t}\n"
		  "\tskel->obj = obj;\n"
		  "\tif (NAME__find(skel)) {\n"
		  "\t\tNAME__fail(\"NAME__open\", &lacks, -ENOENT);\n"
		  "\t\tNAME__destroy(skel);\n"
		  "\t\terrno = ENOENT;\n"
		  "\t\treturn NULL;\n"
		  "\t}\n"
		  "\treturn skel;\n"
		  "}\n");
	out_printf(f, "\n/* Unpack and parse the object: no system call.  NULL (errno set) on failure. */\n"
		   "static inline struct %s *%s__open(void)\n{\n"
		   "\tstruct bb_err err = { { 0 }, 0 };\n"
		   "\tstruct bb_object *obj;\n"
		   "\tint ret;\n\n"
		   "\tret = bb_object_open_packed(&obj, %s__packed, sizeof(%s__packed),\n"
		   "\t\t\t\t    %s__unpacked_size, \"%s\", &err);\n"
		   "\tif (ret) {\n"
		   "\t\terrno = -%s__fail(\"%s__open\", &err, ret);\n"
		   "\t\treturn NULL;\n"
		   "\t}\n"
		   "\treturn %s__open_object(obj);\n"
		   "}\n", s->name, s->name, s->name, s->name, s->name,
		   s->file, s->name, s->name, s->name);
}

static void print_load(struct out *f, const struct skel *s)
{
	skel_puts(f, s,
		  "\n/*\n"
		  " * Create the maps and load the programs (bb_object_load()); .bss and\n"
		  " * .data are then the maps' memory.  0 or -errno.\n"
		  " */\n"
		  "static inline int NAME__load(struct NAME *skel)\n{\n"
		  "\tstruct bb_err err = { { 0 }, 0 };\n"
		  "\tint ret = bb_object_load(skel->obj, &err);\n\n"
		  "\tif (ret)\n"
		  "\t\treturn NAME__fail(\"NAME__load\", &err, ret);\n");
	print_sect_ptrs(f, s);
	skel_puts(f, s,
		  "\treturn 0;\n}\n"
		  "\n/* NAME__open(), then NAME__load().  NULL (errno set) on failure. */\n"
		  "static inline struct NAME *NAME__open_and_load(void)\n{\n"
		  "\tstruct NAME *skel = NAME__open();\n"
		  "\tint ret;\n\n"
		  "\tif (!skel)\n"
		  "\t\treturn NULL;\n"
		  "\tret = NAME__load(skel);\n"
		  "\tif (ret) {\n"
		  "\t\tNAME__destroy(skel);\n"
		  "\t\terrno = -ret;\n"
		  "\t\treturn NULL;\n"
		  "\t}\n"
		  "\treturn skel;\n"
		  "}\n");
}

static void print_attach(struct out *f, const struct skel *s)
{
	const struct obj_spec *spec = &s->obj->spec;
	uint32_t i;

	skel_puts(f, s,
		  "\n/*\n"
		  " * Attach @prog by its section name into *@link, unless it is attached\n"
		  " * already, was not loaded (bb_prog_set_autoload()), or its section\n"
		  " * names nothing to attach to (the caller attaches those).\n"
		  " */\n"
		  "static inline int NAME__attach_prog(struct bb_prog *prog, struct bb_link **link,\n"
		  "\t\t\t\t      struct bb_err *err)\n{\n"
		  "\tint ret;\n\n"
		  "\tif (*link || bb_prog_fd(prog) < 0)\n"
		  "\t\treturn 0;\n"
		  "\tret = bb_prog_attach(prog, link, err);\n"
		  "\treturn ret == -EOPNOTSUPP ? 0 : ret;\n"
		  "}\n"
		  "\n/* Attach every program into skel->links; all or none.  0 or -errno. */\n"
		  "static inline int NAME__attach(struct NAME *skel)\n{\n"
		  "\tstruct bb_err err = { { 0 }, 0 };\n"
		  "\tint ret = 0;\n\n");
	for (i = 0; i < spec->nr_progs; i++)
		out_printf(f, "\tif (!ret)\n\t\tret = %s__attach_prog(skel->progs.%s, &skel->links.%s, &err);\n",
			   s->name, spec->progs[i].name, spec->progs[i].name);
	skel_puts(f, s,
		  "\tif (ret) {\n"
		  "\t\tNAME__detach(skel);\n"
		  "\t\treturn NAME__fail(\"NAME__attach\", &err, ret);\n"
		  "\t}\n"
		  "\treturn 0;\n"
		  "}\n");
}

void skel_print_funcs(struct out *f, const struct skel *s)
{
	print_helpers(f, s);
	print_find(f, s);
	print_detach(f, s);
	print_open(f, s);
	print_load(f, s);
	print_attach(f, s);
}
