// SPDX-License-Identifier: GPL-2.0
/*
 * uidcount - count execs per user and command: a map-in-map demo.
 *
 * kernel/uidcount.bpf.c keeps one hash map (command -> execs) per user,
 * inside the map of maps per_uid.  Root's map is put there by the object
 * itself (a slot initialised in C).  Any other user first shows up in the
 * "untracked" map; we then create a map for that user and insert it into
 * per_uid while the program runs, and from then on the program counts the
 * user's commands in it.  Reading works the other way round: per_uid gives
 * map ids, and BPF_MAP_GET_FD_BY_ID turns each into an fd we can walk.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/types.h>		/* __u32 and __u64 for the shared header */
#include "elf/base/errno_names.h"
#include "loader/barebpf.h"
#include "kernel/uidcount.h"
#include "elf/base/sort.h"
#include "loader/cmd/common/cli.h"
#include "loader/maps/map.h"
#include "loader/maps/map_in_map.h"
#include "loader/object/object.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"
#include "loader/cmd/common/tool.h"
#include "loader/cmd/common/tool_opts.h"
#include "loader/attach/tracepoint.h"

/* Of the loader's optional parts, uidcount.bpf.o needs maps of maps. */
static const struct loader_parts uidcount_parts = {
	.tool = "uidcount",
	.attach = { [ATTACH_TRACEPOINT] = tracepoint_attach },
	.map_create_outer = map_create_outer,
	.map_fill_slots = map_fill_slots,
};

#define OBJ_NAME "uidcount.bpf.o"

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: uidcount [--obj PATH] [--interval MS] [--count N] [-v]\n"
		   "\n"
		   "Count execs per user and command, one BPF map per user inside a\n"
		   "map of maps.  Root is counted from the start; another user gets a\n"
		   "map of its own once its first exec is seen (that exec is shown as\n"
		   "'untracked'; the following ones are counted per command).\n"
		   "\n"
		   "  --obj PATH      BPF object to load instead of the one built into\n"
		   "                  this binary (%s; without one: that file\n"
		   "                  next to this binary)\n"
		   "  --interval MS   print every MS milliseconds (default 1000)\n"
		   "  --count N       exit after N tables (default: until Ctrl+C)\n"
		   "  -v, --verbose   narrate every kernel call on stderr\n"
		   "  -h, --help      show this help\n"
		   "      --version   print the version and exit\n"
		   "\n"
		   "Needs root (or CAP_BPF and CAP_PERFMON) and a mounted tracefs.\n",
		   OBJ_NAME);
}

/* 0 to go on, 1 after --help or --version, -1 on a bad command line. */
static int parse_args(int argc, char **argv, struct tool_opts *o)
{
	const struct tool_cli cli = { "uidcount", NULL, NULL, NULL, usage };

	return tool_parse_opts(&cli, argc, argv, o);
}

/* uid -> execs seen before the user had a map, kept for printing. */
struct users {
	uint32_t uid[UIDCOUNT_MAX_USERS * 2];
	uint64_t untracked[UIDCOUNT_MAX_USERS * 2];
	size_t nr;
};

static uint64_t *untracked_of(struct users *u, uint32_t uid, int add)
{
	size_t i;

	for (i = 0; i < u->nr; i++)
		if (u->uid[i] == uid)
			return &u->untracked[i];
	if (!add || u->nr == sizeof(u->uid) / sizeof(u->uid[0]))
		return NULL;
	u->uid[u->nr] = uid;
	u->untracked[u->nr] = 0;
	return &u->untracked[u->nr++];
}

struct new_user {
	uint32_t uid;
	uint64_t execs;
};

struct new_users {
	struct new_user v[UIDCOUNT_MAX_USERS];
	size_t nr;
};

static int collect_new(const void *key, const void *value, void *ctx)
{
	struct new_users *n = ctx;

	if (n->nr < UIDCOUNT_MAX_USERS) {
		memcpy(&n->v[n->nr].uid, key, sizeof(uint32_t));
		memcpy(&n->v[n->nr].execs, value, sizeof(uint64_t));
		n->nr++;
	}
	return 0;
}

/* Give every user seen in "untracked" a map of its own, in per_uid. */
static int track_new_users(struct bb_object *obj, struct users *u,
			   struct bb_err *err)
{
	struct bb_map *untracked = bb_object_find_map(obj, "untracked");
	struct bb_map *per_uid = bb_object_find_map(obj, "per_uid");
	struct new_users n = { .nr = 0 };
	char name[32];
	uint64_t *pre;
	size_t i;
	int fd, ret;

	ret = bb_map_for_each(untracked, collect_new, &n);
	if (ret)
		return bb_errf(err, ret, "reading 'untracked': %s",
			       errno_text(-ret));
	for (i = 0; i < n.nr; i++) {
		fmt_snprintf(name, sizeof(name), "uid_%u", n.v[i].uid);
		fd = map_create_inner(per_uid, name, err);
		if (fd < 0)
			return fd;
		ret = map_set_inner(per_uid, n.v[i].uid, fd, err);
		sys_close(fd);	/* per_uid holds the map now */
		if (ret == -E2BIG || ret == -ENOSPC)
			continue;	/* full: the user stays untracked */
		if (ret)
			return ret;
		bb_map_delete(untracked, &n.v[i].uid);
		pre = untracked_of(u, n.v[i].uid, 1);
		if (pre)
			*pre += n.v[i].execs;
		out_printf(out_stdout,
			   "# new user %u: gave it a map of its own\n",
			   n.v[i].uid);
	}
	return 0;
}

struct comm_count {
	struct uid_comm key;
	uint64_t execs;
};

struct comms {
	struct comm_count v[UIDCOUNT_MAX_COMMS];
	size_t nr;
	uint64_t total;
};

static int collect_comm(const void *key, const void *value, void *ctx)
{
	struct comms *c = ctx;

	if (c->nr < UIDCOUNT_MAX_COMMS) {
		memcpy(&c->v[c->nr].key, key, sizeof(struct uid_comm));
		memcpy(&c->v[c->nr].execs, value, sizeof(uint64_t));
		c->total += c->v[c->nr].execs;
		c->nr++;
	}
	return 0;
}

static int by_execs(const void *a, const void *b)
{
	const struct comm_count *x = a, *y = b;

	return x->execs < y->execs ? 1 : x->execs > y->execs ? -1 :
	       memcmp(x->key.comm, y->key.comm, UIDCOUNT_COMM_LEN);
}

struct print_ctx {
	const struct bb_map *per_uid;
	struct users *users;
};

/* One user: per_uid gave us its map's id; open it and walk it. */
static int print_user(const void *key, const void *value, void *ctx)
{
	struct print_ctx *p = ctx;
	struct bb_map inner = { .spec = p->per_uid->spec->inner };
	static struct comms c;
	uint32_t uid, id;
	uint64_t *pre;
	size_t i;
	int ret;

	memcpy(&uid, key, sizeof(uid));
	memcpy(&id, value, sizeof(id));
	inner.fd = sys_map_get_fd_by_id(id);
	if (inner.fd < 0)
		return 0;	/* replaced or gone since we read the id */
	c.nr = 0;
	c.total = 0;
	ret = bb_map_for_each(&inner, collect_comm, &c);
	map_release(&inner);
	sys_close(inner.fd);
	if (ret)
		return ret;
	sort(c.v, c.nr, sizeof(c.v[0]), by_execs);
	out_printf(out_stdout, "uid %-6u %6llu execs:", uid,
		   (unsigned long long)c.total);
	for (i = 0; i < c.nr; i++)
		out_printf(out_stdout, " %.*s %llu", UIDCOUNT_COMM_LEN,
			   c.v[i].key.comm, (unsigned long long)c.v[i].execs);
	pre = untracked_of(p->users, uid, 0);
	if (pre && *pre)
		out_printf(out_stdout, " (+%llu untracked)",
			   (unsigned long long)*pre);
	out_printf(out_stdout, "\n");
	return 0;
}

static int print_table(struct bb_object *obj, struct users *u,
		       struct bb_err *err)
{
	struct print_ctx p = { bb_object_find_map(obj, "per_uid"), u };
	int ret = bb_map_for_each(p.per_uid, print_user, &p);

	if (ret)
		return bb_errf(err, ret, "reading 'per_uid': %s",
			       errno_text(-ret));
	out_printf(out_stdout, "\n");
	return out_check(out_stdout, err);
}

/* Load, attach, then every interval: add maps for new users, print. */
static int run(struct bb_object *obj, const struct tool_opts *o,
	       const sigset_t *stop, struct bb_err *err)
{
	static struct users users;
	long n;
	int ret;

	if (!bb_object_find_map(obj, "per_uid") || !bb_object_find_map(obj, "untracked"))
		return bb_errf(err, -ENOENT, "%s: needs maps 'per_uid' and 'untracked'",
			       obj->path);
	ret = bb_object_load(obj, err);
	if (!ret)
		ret = bb_object_attach(obj, err);
	if (ret)
		return ret;
	out_printf(out_stdout, "# counting execs per user (Ctrl+C to stop)\n");
	out_flush(out_stdout);
	for (n = 0; !o->count || n < o->count; n++) {
		ret = sys_sigwait_ms(stop, o->interval_ms);
		if (ret > 0)
			break;
		ret = track_new_users(obj, &users, err);
		if (!ret)
			ret = print_table(obj, &users, err);
		if (ret)
			break;
	}
	return ret > 0 ? 0 : ret;
}

int main(int argc, char **argv)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	struct tool_opts o;
	sigset_t stop;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? 2 : 0;
	ret = tool_open_obj(o.obj, OBJ_NAME, &uidcount_parts, &stop, &obj,
			    &err);
	if (!ret)
		ret = run(obj, &o, &stop, &err);
	return tool_finish("uidcount", obj, ret, &err);
}
