// SPDX-License-Identifier: GPL-2.0
/*
 * prog_run_socket.c - two program types of issue 16 through the library:
 *  - a "syscall" program run with bb_prog_run() (BPF_PROG_RUN) returns
 *    what it computed from a global we change between runs;
 *  - a "socket" filter attached with bb_prog_set_attach_target() and
 *    bb_prog_attach() (SO_ATTACH_BPF) to a UDP socket keeps the
 *    datagrams whose payload starts with 'k' and drops the others.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/kernel/attach.h"

static void syscall_prog(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	uint32_t n = 20, retval = 0, result = 0;
	struct bb_prog *p;
	int ret;

	attach_obj_path("syscall_run", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "syscall_run.bpf.o loads"))
		diag("%s", err.msg);
	if (ret)
		goto out;
	p = bb_object_find_prog(o, "compute");
	ret = bb_prog_run(p, NULL, 0, &retval, &err);
	if (!ok(ret == 0, "bb_prog_run() runs it"))
		diag("%s", err.msg);
	is_int(retval, 385, "it returned 1^2 + ... + 10^2");
	bb_object_set_var(o, "n", &n, sizeof(n), &err);
	bb_prog_run(p, NULL, 0, &retval, &err);
	is_int(retval, 2870, "with n = 20, 1^2 + ... + 20^2");
	bb_object_get_var(o, "result", &result, sizeof(result), &err);
	is_int(result, 2870, "and kept it in its global 'result'");
out:
	bb_object_close(o);
}

/* A UDP socket on 127.0.0.1, port chosen by the kernel. */
static int udp_bound(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	a->sin_family = AF_INET;
	a->sin_port = 0;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof(*a)) ||
	    getsockname(fd, (struct sockaddr *)a, &len))
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Send @msgs, then read back what passed the filter, joined by ','. */
static void exchange(int rx, const struct sockaddr_in *to, char *got,
		     size_t len)
{
	static const char *const msgs[] = { "keep1", "drop1", "keep2", "xx" };
	int tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	char buf[64];
	ssize_t n;
	size_t i, at = 0;

	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		sendto(tx, msgs[i], strlen(msgs[i]), 0,
		       (const struct sockaddr *)to, sizeof(*to));
	got[0] = '\0';
	while ((n = recv(rx, buf, sizeof(buf) - 1, 0)) > 0 && at + n + 2 < len) {
		buf[n] = '\0';
		at += snprintf(got + at, len - at, "%s%s", at ? "," : "", buf);
	}
	close(tx);
}

static void socket_filter(void)
{
	char path[PATH_MAX], got[256];
	struct bb_object *o = NULL;
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	struct sockaddr_in a;
	struct bb_prog *p;
	int ret, rx = udp_bound(&a);

	if (!ok(rx >= 0, "a UDP socket on 127.0.0.1:%u", ntohs(a.sin_port)))
		return;
	exchange(rx, &a, got, sizeof(got));
	is_str(got, "keep1,drop1,keep2,xx", "without the filter every datagram arrives");
	attach_obj_path("sock_filter", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	p = ret ? NULL : bb_object_find_prog(o, "keep_k");
	if (p) {
		is_int(bb_prog_attach(p, &link, &err), -EINVAL,
		       "attaching with no socket is refused");
		like(err.msg, "needs a socket", "saying what it needs");
		bb_prog_set_attach_target(p, rx);
		ret = bb_prog_attach(p, &link, &err);
	}
	if (!ok(p && ret == 0, "keep_k attached with SO_ATTACH_BPF"))
		diag("%s", err.msg);
	exchange(rx, &a, got, sizeof(got));
	is_str(got, "keep1,keep2", "with it, only the datagrams starting with 'k'");
	bb_link_destroy(link);
	bb_object_close(o);
	close(rx);
}

int main(void)
{
	syscall_prog();
	socket_filter();
	return done_testing();
}
