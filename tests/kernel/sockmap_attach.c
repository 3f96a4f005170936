// SPDX-License-Identifier: GPL-2.0
/*
 * sockmap_attach.c - sk_msg and sk_skb programs attached to a sockhash
 * and a sockmap with BPF_PROG_ATTACH (issue 16), on TCP pairs over
 * 127.0.0.1 whose sockets the test puts in the maps by fd:
 *  - sk_msg drop_bang: what the client sends starting with '!' fails
 *    (EACCES) and never arrives, the rest does (a drop verdict sticks to
 *    the socket, which is why it comes last);
 *  - sk_skb/stream_verdict drop_hash: what the server receives starting
 *    with '#' is dropped before its reader sees it;
 *  - detached (bb_link_destroy(), or bb_object_close() while the map
 *    lives on), a socket put in the map afterwards is left alone.
 * The programs only see the sockets in their map: nothing else on the
 * machine is touched.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/kernel/attach.h"

struct pair {
	int cli, srv;
};

/* A connected TCP pair over 127.0.0.1; reads time out after 300 ms. */
static int tcp_pair(struct pair *p)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct timeval tv = { .tv_sec = 0, .tv_usec = 300000 };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	p->cli = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	p->srv = -1;
	if (l < 0 || p->cli < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(l, 1) || getsockname(l, (struct sockaddr *)&a, &len) ||
	    connect(p->cli, (struct sockaddr *)&a, sizeof(a)))
		goto out;
	p->srv = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	setsockopt(p->srv, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
out:
	if (l >= 0)
		close(l);
	return p->srv >= 0 ? 0 : -1;
}

static void pair_close(struct pair *p)
{
	close(p->cli);
	close(p->srv);
}

/* Put @fd in @map at @key (a sockmap/sockhash takes the socket's fd). */
static int map_put(struct bb_object *o, const char *map, uint32_t key, int fd)
{
	uint32_t v = fd;

	return sys_map_update_elem(bb_map_fd(bb_object_find_map(o, map)),
				   &key, &v, 0);
}

/* Send @msg from the client: 0, or -errno. */
static int say(const struct pair *p, const char *msg)
{
	return send(p->cli, msg, strlen(msg), MSG_NOSIGNAL) < 0 ? -errno : 0;
}

/* What the server reads within 300 ms, or "" (nothing came). */
static const char *heard(const struct pair *p)
{
	static char buf[64];
	ssize_t n = recv(p->srv, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static uint64_t counter(struct bb_object *o, const char *name)
{
	struct bb_err err = { 0 };
	uint64_t v = UINT64_MAX;

	bb_object_get_var(o, name, &v, sizeof(v), &err);
	return v;
}

static struct bb_link *attach_to(struct bb_object *o, const char *prog,
				 const char *map)
{
	struct bb_prog *p = bb_object_find_prog(o, prog);
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	int ret = -ENOENT;

	if (p) {
		bb_prog_set_attach_target(p, bb_map_fd(bb_object_find_map(o, map)));
		ret = bb_prog_attach(p, &link, &err);
	}
	if (!ok(ret == 0, "%s attached to %s with BPF_PROG_ATTACH", prog, map))
		diag("%s", err.msg);
	return ret ? NULL : link;
}

static void no_target(struct bb_object *o)
{
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };

	is_int(bb_prog_attach(bb_object_find_prog(o, "drop_bang"), &link, &err),
	       -EINVAL, "attaching sk_msg with no map is refused");
	like(err.msg, "needs a sockmap or sockhash", "saying what it needs");
}

static void sk_msg(struct bb_object *o)
{
	struct bb_link *link = attach_to(o, "drop_bang", "msg_socks");
	struct pair p, q;

	if (!ok(tcp_pair(&p) == 0, "a TCP pair over 127.0.0.1"))
		return;
	is_int(map_put(o, "msg_socks", 0, p.cli), 0, "its client in msg_socks");
	is_int(say(&p, "hello"), 0, "sending 'hello' works");
	is_str(heard(&p), "hello", "the server reads 'hello'");
	/* Last: the kernel keeps a drop verdict for the socket's next sends. */
	is_int(say(&p, "!secret"), -EACCES, "sending '!secret' fails: EACCES");
	is_str(heard(&p), "", "and the server reads nothing");
	is_int(counter(o, "msg_dropped"), 1, "drop_bang counted one drop");
	bb_link_destroy(link);
	if (tcp_pair(&q) == 0) {
		map_put(o, "msg_socks", 1, q.cli);
		is_int(say(&q, "!again"), 0,
		       "detached (bb_link_destroy): a new socket in the map sends '!again'");
		is_str(heard(&q), "!again", "and it arrives");
		pair_close(&q);
	}
	pair_close(&p);
}

static void sk_skb(struct bb_object *o)
{
	struct bb_link *link = attach_to(o, "drop_hash", "skb_socks");
	struct pair p;

	if (!ok(tcp_pair(&p) == 0, "a TCP pair over 127.0.0.1"))
		return;
	is_int(map_put(o, "skb_socks", 0, p.srv), 0, "its server in skb_socks");
	say(&p, "#hidden");
	is_str(heard(&p), "", "'#hidden' sent: the server reads nothing");
	say(&p, "seen");
	is_str(heard(&p), "seen", "'seen' sent: the server reads it");
	is_int(counter(o, "skb_dropped"), 1, "drop_hash counted one drop");
	bb_link_destroy(link);
	pair_close(&p);
}

/*
 * bb_object_attach() then bb_object_close() while we keep the map open:
 * the close detaches (BPF_PROG_DETACH), the map would hold it otherwise.
 */
static void close_detaches(const char *path)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	struct pair p;
	int ret, map = -1;
	uint32_t key = 0, v;

	ret = bb_object_open(&o, path, &err);
	if (!ret) {
		bb_prog_set_autoload(bb_object_find_prog(o, "drop_bang"), false);
		ret = bb_object_load(o, &err);
	}
	if (!ret) {
		map = dup(bb_map_fd(bb_object_find_map(o, "skb_socks")));
		bb_prog_set_attach_target(bb_object_find_prog(o, "drop_hash"), map);
		ret = bb_object_attach(o, &err);
	}
	if (!ok(ret == 0, "bb_object_attach() attaches drop_hash"))
		diag("%s", err.msg);
	bb_object_close(o);
	if (tcp_pair(&p) == 0) {
		v = p.srv;
		is_int(sys_map_update_elem(map, &key, &v, 0), 0,
		       "after bb_object_close(), a new server in the (still open) map");
		say(&p, "#free");
		is_str(heard(&p), "#free", "reads '#free': the close detached drop_hash");
		pair_close(&p);
	}
	if (map >= 0)
		close(map);
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	attach_obj_path("sockmap_verdict", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "sockmap_verdict.bpf.o loads"))
		diag("%s", err.msg);
	if (!ret) {
		no_target(o);
		sk_msg(o);
		sk_skb(o);
	}
	bb_object_close(o);
	close_detaches(path);
	return done_testing();
}
