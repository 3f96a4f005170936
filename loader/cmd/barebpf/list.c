// SPDX-License-Identifier: GPL-2.0
/*
 * list.c - `barebpf prog list` and `barebpf map list`: every program or
 * map of the machine, anyone's, from BPF_*_GET_NEXT_ID, then for each
 * BPF_*_GET_FD_BY_ID and BPF_OBJ_GET_INFO_BY_FD.  On a busy machine
 * objects come and go while we walk: one that is gone by the time we ask
 * for its fd (ENOENT) was simply not there, not an error.  Names come
 * from whoever loaded the object: out_stdout escapes them (fmt.h), JSON
 * escapes its own.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/bpf_names.h"
#include "loader/cmd/barebpf/map_cmd.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"

/* What differs between programs and maps. */
struct kind {
	const char *word;		/* "prog", "map" */
	int (*next_id)(uint32_t start, uint32_t *next);
	int (*fd_by_id)(uint32_t id);
	void (*print)(const void *info, struct json *j);
	uint32_t info_size;
};

static const char *word_or_num(const char *w, uint32_t n, char *buf,
			       size_t len)
{
	if (w)
		return w;
	fmt_snprintf(buf, len, "type %u", n);
	return buf;
}

/* "ID: TYPE  name NAME", or the JSON object's first members. */
static void line_begin(struct json *j, uint32_t id, const char *type,
		       const char *name)
{
	if (!j) {
		out_printf(out_stdout, "%u: %s  name %s", id, type, name);
		return;
	}
	json_begin(j, NULL, '{');
	json_u64(j, "id", id);
	json_str(j, "type", type);
	json_str(j, "name", name);
}

/* "  btf_id N" (if it has BTF) and the end of the line, or of the object. */
static void line_end(struct json *j, uint32_t btf_id)
{
	if (!j) {
		if (btf_id)
			out_printf(out_stdout, "  btf_id %u", btf_id);
		out_printf(out_stdout, "\n");
		return;
	}
	json_u64(j, "btf_id", btf_id);
	json_end(j, '}');
}

void map_info_print(const struct bpf_map_info *m, struct json *j)
{
	char name[BPF_OBJ_NAME_LEN + 1], tbuf[16];
	const char *type = word_or_num(bpf_map_type_name(m->type), m->type,
				       tbuf, sizeof(tbuf));

	info_name(name, m->name);
	line_begin(j, m->id, type, name);
	if (!j) {
		out_printf(out_stdout,
			   "  key %uB  value %uB  max_entries %u  flags 0x%x",
			   m->key_size, m->value_size, m->max_entries,
			   m->map_flags);
	} else {
		json_u64(j, "key_size", m->key_size);
		json_u64(j, "value_size", m->value_size);
		json_u64(j, "max_entries", m->max_entries);
		json_u64(j, "flags", m->map_flags);
	}
	line_end(j, m->btf_id);
}

static void map_line(const void *info, struct json *j)
{
	map_info_print(info, j);
}

static void prog_line(const void *info, struct json *j)
{
	const struct bpf_prog_info *p = info;
	char name[BPF_OBJ_NAME_LEN + 1], tbuf[16], tag[2 * BPF_TAG_SIZE + 1];
	const char *type = word_or_num(bpf_prog_type_name(p->type), p->type,
				       tbuf, sizeof(tbuf));
	int i;

	info_name(name, p->name);
	for (i = 0; i < BPF_TAG_SIZE; i++)
		fmt_snprintf(tag + 2 * i, 3, "%02x", p->tag[i]);
	line_begin(j, p->id, type, name);
	if (!j)
		out_printf(out_stdout, "  tag %s", tag);
	else
		json_str(j, "tag", tag);
	line_end(j, p->btf_id);
}

static const struct kind kinds[] = {
	{ "prog", sys_prog_get_next_id, sys_prog_get_fd_by_id, prog_line,
	  sizeof(struct bpf_prog_info) },
	{ "map", sys_map_get_next_id, sys_map_get_fd_by_id, map_line,
	  sizeof(struct bpf_map_info) },
};

/* Print object @id; -ENOENT if it is gone. */
static int show_one(const struct kind *k, uint32_t id, struct json *j,
		    struct bb_err *err)
{
	union { struct bpf_prog_info p; struct bpf_map_info m; } info;
	uint32_t len = k->info_size;
	int fd = k->fd_by_id(id), ret;

	if (fd < 0)
		return bb_errf(err, fd, "%s id %u: %s", k->word, id,
			       errno_text(-fd));
	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	sys_close(fd);
	if (ret)
		return bb_errf(err, ret, "%s id %u: BPF_OBJ_GET_INFO_BY_FD: %s",
			       k->word, id, errno_text(-ret));
	k->print(&info, j);
	return 0;
}

static int list_all(const struct kind *k, struct json *j, struct bb_err *err)
{
	uint32_t id = 0;
	int ret;

	while (!(ret = k->next_id(id, &id))) {
		ret = show_one(k, id, j, err);
		if (ret && ret != -ENOENT)
			return ret;
	}
	if (ret != -ENOENT)
		return bb_errf(err, ret, "BPF_%s_GET_NEXT_ID: %s",
			       k->word[0] == 'p' ? "PROG" : "MAP",
			       errno_text(-ret));
	return 0;
}

/* "list" or "show id N", after "prog"/"map"; --json anywhere. */
int list_cmd(int kind, int argc, char **argv, struct bb_err *err,
	     bool *usage)
{
	const struct kind *k = &kinds[kind];
	struct json js = { .f = out_stdout }, *j = NULL;
	char *words[3];
	int i, n = 0, ret;
	long id;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			j = &js;
		else if (n < 3)
			words[n++] = argv[i];
		else
			n = 4;
	}
	if (n == 1 && !strcmp(words[0], "list")) {
		if (j)
			json_begin(j, NULL, '[');
		ret = list_all(k, j, err);
		if (j)
			json_end(j, ']');
		return ret;
	}
	if (n == 3 && !strcmp(words[0], "show") && !strcmp(words[1], "id")) {
		*usage = cli_parse_num(words[2], &id) || id > UINT32_MAX;
		if (*usage)
			return bb_errf(err, -EINVAL, "id '%s': not a number",
				       words[2]);
		return show_one(k, id, j, err);
	}
	*usage = true;
	return bb_errf(err, -EINVAL, "want '%s list' or '%s show id N'",
		       k->word, k->word);
}
