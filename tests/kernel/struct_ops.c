// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops.c - a TCP congestion control in BPF (struct_ops_cc.bpf.o),
 * registered by barebpf: a TCP socket over lo chooses it with
 * setsockopt(TCP_CONGESTION), reads its name back, carries data, and the
 * kernel runs our programs for it (their counters in .bss).  Once the
 * object is closed the name is gone (ENOENT).  The same through a link
 * (.struct_ops.link, Linux 6.4+); an older kernel refuses that map, and
 * the message says why.  Each run gives the congestion control a name of
 * its own (the kernel's names are global): the test writes it into the
 * variable's name member before opening the object.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "tests/kernel/attach.h"
#include "tests/kernel/vars.h"
#include "tests/parser/objs.h"

#define BYTES (4 << 20)
#define CA_NAME_MAX 16		/* TCP_CA_NAME_MAX */

/* Open @obj with its struct_ops variable "bb_cc" named @name. */
static int open_named(const char *obj, const char *name,
		      struct bb_object **out, struct bb_err *err)
{
	char path[PATH_MAX];
	struct obj_spec spec;
	const struct map_spec *m;
	uint8_t *data;
	size_t len = 0;
	int ret;

	attach_obj_path(obj, path, sizeof(path));
	data = read_whole(path, &len);
	if (!data)
		return bb_errf(err, -ENOENT, "cannot read %s", path);
	ret = obj_spec_parse(&spec, data, len, err);
	m = ret ? NULL : obj_spec_map(&spec, "bb_cc");
	if (m)	/* name is the first member of our struct */
		strncpy((char *)data + (m->init - data), name, CA_NAME_MAX);
	if (!ret)
		obj_spec_free(&spec);
	if (!ret && !m)
		ret = bb_errf(err, -ENOENT, "%s: no map bb_cc", obj);
	if (!ret)
		ret = bb_object_open_mem(out, data, len, obj, err);
	free(data);
	return ret;
}

static int registered(const char *name)
{
	char buf[1024], *tok, *save = NULL;
	FILE *f = fopen("/proc/sys/net/ipv4/tcp_available_congestion_control", "r");
	int found = 0;

	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	for (tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		found |= !strcmp(tok, name);
	return found;
}

/* A TCP socket with congestion control @name: 0 or -errno. */
static int tcp_with(const char *name, int *fd)
{
	*fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (*fd < 0)
		return -errno;
	if (setsockopt(*fd, IPPROTO_TCP, TCP_CONGESTION, name, strlen(name)))
		return -errno;
	return 0;
}

/* Child: send BYTES on @fd, close, exit. */
static void send_all(int fd)
{
	static char buf[1 << 16];
	size_t sent = 0;
	ssize_t n;

	memset(buf, 'x', sizeof(buf));
	while (sent < BYTES) {
		n = write(fd, buf, sizeof(buf));
		if (n <= 0)
			_exit(1);
		sent += n;
	}
	close(fd);
	_exit(0);
}

/* Connect @cfd to a listener on lo, send BYTES across; bytes received. */
static long transfer(int cfd)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	static char buf[1 << 16];
	int lfd, sfd = -1, status = 0;
	long got = 0;
	ssize_t n;
	pid_t pid;

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(lfd, 1) || getsockname(lfd, (struct sockaddr *)&a, &alen) ||
	    connect(cfd, (struct sockaddr *)&a, sizeof(a)))
		return -errno;
	sfd = accept(lfd, NULL, NULL);
	pid = sfd < 0 ? -1 : fork();
	if (pid == 0)
		send_all(cfd);
	close(cfd);
	while (pid > 0 && (n = read(sfd, buf, sizeof(buf))) > 0)
		got += n;
	if (pid > 0)
		waitpid(pid, &status, 0);
	close(sfd);
	close(lfd);
	return pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status) ? got : -1;
}

static void check_cc(struct bb_object *o, const char *name)
{
	char got[CA_NAME_MAX + 1] = "";
	socklen_t len = CA_NAME_MAX;
	int fd = -1, ret;

	is_int(registered(name), 1, "%s is in tcp_available_congestion_control", name);
	ret = tcp_with(name, &fd);
	is_int(ret, 0, "setsockopt(TCP_CONGESTION, \"%s\")", name);
	getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, got, &len);
	is_str(got, name, "getsockopt(TCP_CONGESTION) gives it back");
	is_int(transfer(fd), BYTES, "a connection over lo carries %d bytes", BYTES);
	is_int(get_u64(o, "inits"), 1, "the kernel ran our init once, for that socket");
	ok(get_u64(o, "cong_avoids") > 0, "and our cong_avoid (%llu times)",
	   (unsigned long long)get_u64(o, "cong_avoids"));
}

static void check_gone(const char *name)
{
	int fd = -1;

	is_int(registered(name), 0, "closed: %s is no longer available", name);
	is_int(tcp_with(name, &fd), -ENOENT, "setsockopt(TCP_CONGESTION, \"%s\"): ENOENT", name);
	close(fd);
}

/* .struct_ops.link maps and their links: Linux 6.4. */
static int has_links(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	return major > 6 || (major == 6 && minor >= 4);
}

static void with_link(const char *name)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	struct bb_map *m;
	int ret;

	ret = open_named("struct_ops_link", name, &o, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!has_links()) {
		is_int(ret, -EINVAL, "Linux < 6.4 refuses a .struct_ops.link map");
		like(err.msg, "Linux 6.4 or later", "and the message says why: %s", err.msg);
		bb_object_close(o);
		return;
	}
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (!ok(!ret, "load and register %s through a link: %s", name, err.msg)) {
		bb_object_close(o);
		return;
	}
	m = bb_object_find_map(o, "bb_cc");
	is_int(attach_link_type(m->st->link_fd), BPF_LINK_TYPE_STRUCT_OPS,
	       "its link is a struct_ops link");
	check_cc(o, name);
	bb_object_close(o);
	check_gone(name);
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char name[CA_NAME_MAX];
	int ret;

	snprintf(name, sizeof(name), "bbcc_%u", (unsigned)getpid());
	ret = open_named("struct_ops_cc", name, &o, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (!ok(!ret, "load and register congestion control %s: %s", name, err.msg))
		return done_testing();
	check_cc(o, name);
	bb_object_close(o);
	check_gone(name);
	snprintf(name, sizeof(name), "bbln_%u", (unsigned)getpid());
	with_link(name);
	return done_testing();
}
