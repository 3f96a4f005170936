// SPDX-License-Identifier: GPL-2.0
/*
 * map_cmd.c - `barebpf map`: the user-space map API (loader/barebpf.h's
 * bb_map_lookup() and friends) from the shell, in bpftool's words:
 *
 *	barebpf map list | show MAP
 *	barebpf map dump MAP
 *	barebpf map lookup MAP KEY
 *	barebpf map update MAP KEY VALUE [--flags any|noexist|exist|lock]
 *	barebpf map delete MAP KEY
 *	barebpf map getnext MAP [KEY]
 *	barebpf map pin MAP PATH
 *
 * MAP is "id N", "pinned PATH" or "name NAME"; KEY "key" and hex bytes or
 * --key-btf VALUE, VALUE likewise.  Each subcommand is one bpf() call (a
 * dump: one per key and one per entry) after finding the map.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/cmd/barebpf/map_cmd.h"
#include "loader/sys/out.h"

struct map_args {
	int argc;
	char **argv;
	const char *sub;	/* "lookup"... */
	const char *by, *ref;	/* "id" "12" */
	char **key, **value;	/* hex words, in argv */
	int nkey, nvalue;
	bool has_key, has_value;
	const char *key_btf, *value_btf, *path;
	uint64_t flags;
	struct json js, *j;	/* j: --json */
	struct map_target t;
	uint8_t *k, *v;		/* the key and value, as bytes */
	bool usage;		/* the error is the command line's: exit 2 */
};

static int parse_flags(const char *s, uint64_t *out, struct bb_err *err)
{
	static const struct { const char *w; uint64_t v; } words[] = {
		{ "any", BB_ANY }, { "noexist", BB_NOEXIST },
		{ "exist", BB_EXIST }, { "lock", BB_F_LOCK },
	};
	size_t i, len;

	*out = 0;
	while (*s) {
		len = strcspn(s, ",");
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i].w) == len &&
			    !strncmp(s, words[i].w, len))
				break;
		if (i == sizeof(words) / sizeof(words[0]))
			return bb_errf(err, -EINVAL,
				       "--flags %s: want any, noexist, exist or lock (with commas)",
				       s);
		*out |= words[i].v;
		s += len + (s[len] == ',');
	}
	return 0;
}

/* Words after "key" or "value": up to the next keyword or option. */
static int words(int argc, char **argv, int i, char ***out, int *n)
{
	if (i < argc && !strcmp(argv[i], "hex"))
		i++;	/* bpftool's "key hex 01 02": hex is all we take */
	*out = argv + i;
	for (*n = 0; i < argc && strcmp(argv[i], "value") &&
		     strncmp(argv[i], "--", 2); i++)
		(*n)++;
	return i;
}

static int option(struct map_args *a, const char *opt, const char *arg,
		  struct bb_err *err)
{
	if (!arg)
		return bb_errf(err, -EINVAL, "%s wants a value", opt);
	if (!strcmp(opt, "--flags"))
		return parse_flags(arg, &a->flags, err);
	if (!strcmp(opt, "--key-btf"))
		a->key_btf = arg, a->has_key = true;
	else if (!strcmp(opt, "--value-btf"))
		a->value_btf = arg, a->has_value = true;
	else
		return bb_errf(err, -EINVAL, "unknown option '%s'", opt);
	return 0;
}

static int parse_args(struct map_args *a, int argc, char **argv,
		      struct bb_err *err)
{
	int i = 2, ret;

	a->sub = argv[1];
	while (i < argc) {
		const char *w = argv[i++];

		if (!strcmp(w, "--json")) {
			a->js.f = out_stdout;
			a->j = &a->js;
		} else if (!strncmp(w, "--", 2)) {
			ret = option(a, w, i < argc ? argv[i] : NULL, err);
			if (ret)
				return ret;
			i++;
		} else if (!strcmp(w, "key")) {
			i = words(argc, argv, i, &a->key, &a->nkey);
			a->has_key = true;
		} else if (!strcmp(w, "value")) {
			i = words(argc, argv, i, &a->value, &a->nvalue);
			a->has_value = true;
		} else if (!a->by && i < argc) {
			a->by = w;
			a->ref = argv[i++];
		} else if (a->by && !a->path) {
			a->path = w;
		} else {
			return bb_errf(err, -EINVAL, "'%s': unexpected", w);
		}
	}
	if (!a->by)
		return bb_errf(err, -EINVAL,
			       "which map? id N, pinned PATH or name NAME");
	return 0;
}

/* Read the key and value the subcommand needs (@need: 'k', 'v'). */
static int key_value(struct map_args *a, const char *need,
		     struct bb_err *err)
{
	uint32_t ks = bb_map_key_size(a->t.map), vs = bb_map_value_size(a->t.map);
	int ret = 0;

	/* Per-CPU maps take one value per possible CPU: not here. */
	switch (bb_map_type(a->t.map)) {
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		return bb_errf(err, -ENOTSUP,
			       "per-CPU maps (a value per CPU) are not handled by barebpf map");
	}
	a->k = calloc(1, ks ? ks : 1);
	a->v = calloc(1, vs ? vs : 1);
	if (!a->k || !a->v)
		return bb_errf(err, -ENOMEM, "out of memory");
	if (strchr(need, 'k') && !a->has_key)
		return bb_errf(err, -EINVAL, "%s needs a key (key 01 ... or --key-btf VALUE)", a->sub);
	if (strchr(need, 'v') && !a->has_value)
		return bb_errf(err, -EINVAL, "%s needs a value (value 01 ... or --value-btf VALUE)", a->sub);
	if (a->has_key)
		ret = map_parse(&a->t, "key", a->key, a->nkey, a->key_btf,
				a->k, err);
	if (!ret && a->has_value)
		ret = map_parse(&a->t, "value", a->value, a->nvalue,
				a->value_btf, a->v, err);
	return ret;
}

static void entry(struct map_args *a, const uint8_t *k, const uint8_t *v,
		  const char *kword)
{
	if (a->j) {
		json_begin(a->j, NULL, '{');
		map_json(a->j, &a->t, "key", k);
		if (v)
			map_json(a->j, &a->t, "value", v);
		json_end(a->j, '}');
		return;
	}
	out_printf(out_stdout, "%s: ", kword);
	map_print(&a->t, "key", k);
	if (v) {
		out_printf(out_stdout, "  value: ");
		map_print(&a->t, "value", v);
	}
	out_printf(out_stdout, "\n");
}

/* A kernel refusal, in words, with what our flags meant by it. */
static int refused(struct map_args *a, const char *cmd, int ret,
		   struct bb_err *err)
{
	const char *why = "";

	if (ret == -EEXIST && (a->flags & 3) == BB_NOEXIST)
		why = ": the key is there, and --flags noexist creates only";
	else if (ret == -ENOENT && (a->flags & 3) == BB_EXIST)
		why = ": no such key, and --flags exist replaces only";
	else if (ret == -ENOENT)
		why = ": no such key";
	else if (ret == -EINVAL && (a->flags & BB_F_LOCK))
		why = ": lock needs a value holding a struct bpf_spin_lock, and the map's BTF";
	return bb_errf(err, ret, "%s %s: %s: %s (%s)%s", a->by, a->ref, cmd,
		       errno_text(-ret), errno_name(ret) ?: "?", why);
}

static int dump_one(const void *key, const void *value, void *ctx)
{
	struct map_args *a = ctx;

	entry(a, key, value, "key");
	return 0;
}

static int do_dump(struct map_args *a, struct bb_err *err)
{
	int ret;

	if (a->j)
		json_begin(a->j, NULL, '[');
	ret = bb_map_for_each(a->t.map, dump_one, a);
	if (a->j)
		json_end(a->j, ']');
	if (ret == -ENOTSUP)
		return bb_errf(err, ret, "per-CPU maps (a value per CPU) are not handled by barebpf map");
	return ret ? refused(a, "dump", ret, err) : 0;
}

static int do_lookup(struct map_args *a, struct bb_err *err)
{
	int ret = key_value(a, "k", err);

	if (ret)
		return ret;
	ret = bb_map_lookup(a->t.map, a->k, a->v, a->flags);
	if (ret)
		return refused(a, "BPF_MAP_LOOKUP_ELEM", ret, err);
	entry(a, a->k, a->v, "key");
	return 0;
}

static int do_update(struct map_args *a, struct bb_err *err)
{
	int ret = key_value(a, "kv", err);

	if (ret)
		return ret;
	ret = bb_map_update(a->t.map, a->k, a->v, a->flags);
	return ret ? refused(a, "BPF_MAP_UPDATE_ELEM", ret, err) : 0;
}

static int do_delete(struct map_args *a, struct bb_err *err)
{
	int ret = key_value(a, "k", err);

	if (ret)
		return ret;
	ret = bb_map_delete(a->t.map, a->k);
	return ret ? refused(a, "BPF_MAP_DELETE_ELEM", ret, err) : 0;
}

static int do_getnext(struct map_args *a, struct bb_err *err)
{
	uint8_t *next;
	int ret = key_value(a, "", err);

	if (ret)
		return ret;
	/* The kernel writes key_size bytes: a->v is value_size. */
	next = calloc(1, bb_map_key_size(a->t.map) + 1);
	if (!next)
		return bb_errf(err, -ENOMEM, "out of memory");
	ret = bb_map_get_next_key(a->t.map, a->has_key ? a->k : NULL, next);
	if (ret == -ENOENT)
		bb_errf(err, ret, "%s %s: BPF_MAP_GET_NEXT_KEY: %s", a->by,
			a->ref, a->has_key ? "no key after this one" : "the map is empty");
	else if (ret)
		refused(a, "BPF_MAP_GET_NEXT_KEY", ret, err);
	else
		entry(a, next, NULL, "next key");
	free(next);
	return ret;
}

static int do_show(struct map_args *a, struct bb_err *err)
{
	(void)err;
	map_info_print(&a->t.info, a->j);
	return 0;
}

static int do_pin(struct map_args *a, struct bb_err *err)
{
	if (!a->path)
		return bb_errf(err, -EINVAL, "pin needs a PATH in a bpffs");
	return bb_map_pin(a->t.map, a->path, err);
}

static int run(struct map_args *a, struct bb_err *err)
{
	static const struct {
		const char *name;
		int (*fn)(struct map_args *a, struct bb_err *err);
	} subs[] = {
		{ "show", do_show }, { "dump", do_dump },
		{ "lookup", do_lookup }, { "update", do_update },
		{ "delete", do_delete }, { "getnext", do_getnext },
		{ "pin", do_pin },
	};
	size_t i;
	int ret;

	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(a->sub, subs[i].name))
			break;
	a->usage = true;
	if (i == sizeof(subs) / sizeof(subs[0]))
		return bb_errf(err, -EINVAL, "unknown subcommand '%s' (see barebpf --help)", a->sub);
	ret = parse_args(a, a->argc, a->argv, err);
	if (!ret && a->path && strcmp(a->sub, "pin"))
		ret = bb_errf(err, -EINVAL, "'%s': unexpected", a->path);
	if (ret)
		return ret;
	a->usage = false;
	if (!ret)
		ret = map_target_open(&a->t, a->by, a->ref, err);
	if (!ret)
		ret = subs[i].fn(a, err);
	return ret;
}

static void map_usage(void)
{
	out_printf(out_stdout,
		   "Usage: barebpf map list | show MAP [--json]\n"
		   "       barebpf map dump MAP [--json]\n"
		   "       barebpf map lookup MAP KEY [--flags lock] [--json]\n"
		   "       barebpf map update MAP KEY VALUE [--flags any|noexist|exist|lock]\n"
		   "       barebpf map delete MAP KEY\n"
		   "       barebpf map getnext MAP [KEY] [--json]\n"
		   "       barebpf map pin MAP PATH\n"
		   "MAP: id N | pinned PATH | name NAME\n"
		   "KEY: key HEX... | --key-btf VALUE   VALUE: value HEX... | --value-btf VALUE\n");
}

int cmd_map(int argc, char **argv)
{
	struct map_args a = { .argc = argc, .argv = argv };
	struct bb_err err = { 0 };
	int ret;

	if (wants_help(argc, argv)) {
		map_usage();
		return 0;
	}
	if (argc < 2) {
		out_printf(out_stderr, "barebpf map: want a subcommand (see barebpf map --help)\n");
		return 2;
	}
	a.sub = argv[1];
	if (!strcmp(argv[1], "list"))
		ret = list_cmd(1, argc, argv, &err, &a.usage);
	else
		ret = run(&a, &err);
	map_target_close(&a.t);
	free(a.k);
	free(a.v);
	if (ret)
		bb_err_print(out_stderr, "barebpf map", &err);
	out_flush(out_stdout);
	return a.usage ? 2 : ret ? 1 : 0;
}

int cmd_prog(int argc, char **argv)
{
	struct bb_err err = { 0 };
	bool usage = false;
	int ret;

	if (wants_help(argc, argv)) {
		out_printf(out_stdout, "Usage: barebpf prog list | show id N [--json]\n");
		return 0;
	}
	ret = list_cmd(0, argc, argv, &err, &usage);
	if (ret)
		bb_err_print(out_stderr, "barebpf prog", &err);
	out_flush(out_stdout);
	return usage ? 2 : ret ? 1 : 0;
}
