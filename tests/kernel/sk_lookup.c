// SPDX-License-Identifier: GPL-2.0
/*
 * sk_lookup.c - an sk_lookup program on a network namespace (issue 16),
 * in a fresh one of our own (unshare(CLONE_NEWNET), lo up): nothing
 * listens on port 4242, yet with steer attached a connect() to
 * 127.0.0.1:4242 succeeds and is accepted by the listening socket the test
 * put in the program's sockmap (on another port); once the link is
 * destroyed the same connect() is refused again.  Attached twice: to our
 * namespace by default (/proc/self/ns/net), then to a namespace fd we
 * give with bb_prog_set_attach_target().
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/kernel/attach.h"
#include "tests/kernel/lo_up.h"

#define PORT 4242

static int listener(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 4))
		return -1;
	return fd;
}

/* connect() to 127.0.0.1:PORT: 0 or -errno; *@fd the socket (or -1). */
static int dial(int *fd)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	int ret;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ret = connect(*fd, (struct sockaddr *)&a, sizeof(a)) ? -errno : 0;
	if (ret) {
		close(*fd);
		*fd = -1;
	}
	return ret;
}

/* The port the connection accepted on @l within 1 s was made to, or -1. */
static int accepted_port(int l)
{
	struct pollfd p = { .fd = l, .events = POLLIN };
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int c, port = -1;

	if (poll(&p, 1, 1000) != 1)
		return -1;
	c = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (c >= 0 && !getsockname(c, (struct sockaddr *)&a, &len))
		port = ntohs(a.sin_port);
	if (c >= 0)
		close(c);
	return port;
}

/* Attach steer (to @netns, or by default), check its effect, detach. */
static void steer_once(struct bb_object *o, int l, int netns, const char *how)
{
	struct bb_prog *p = bb_object_find_prog(o, "steer");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	int ret, c;

	if (netns >= 0)
		bb_prog_set_attach_target(p, netns);
	ret = bb_prog_attach(p, &link, &err);
	if (!ok(ret == 0, "steer attached to %s", how)) {
		diag("%s", err.msg);
		return;
	}
	is_int(attach_link_type(bb_link_fd(link)), BPF_LINK_TYPE_NETNS,
	       "through a netns link");
	is_int(dial(&c), 0, "connect() to port %d succeeds", PORT);
	is_int(accepted_port(l), PORT, "our listener accepted it, made to port %d",
	       PORT);
	if (c >= 0)
		close(c);
	bb_link_destroy(link);
	is_int(dial(&c), -ECONNREFUSED, "link destroyed: refused again");
}

int main(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	uint32_t zero = 0, port = PORT;
	uint64_t fd, steered = 0;
	int l, c, ns, ret;

	if (!ok(unshare(CLONE_NEWNET) == 0 && lo_up() == 0,
		"a network namespace of our own, lo up"))
		return done_testing();
	l = listener();
	is_int(dial(&c), -ECONNREFUSED, "connect() to port %d: refused", PORT);
	attach_obj_path("sk_lookup_steer", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "sk_lookup_steer.bpf.o loads"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	fd = l;
	ret = sys_map_update_elem(bb_map_fd(bb_object_find_map(o, "listener")),
				  &zero, &fd, 0);
	is_int(ret, 0, "our listener in its sockmap");
	bb_object_set_var(o, "port", &port, sizeof(port), &err);
	steer_once(o, l, -1, "our namespace (the default)");
	ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	steer_once(o, l, ns, "the namespace fd we gave");
	bb_object_get_var(o, "steered", &steered, sizeof(steered), &err);
	is_int(steered, 2, "steer counted 2 connections");
	close(ns);
	close(l);
	bb_object_close(o);
	return done_testing();
}
