// SPDX-License-Identifier: GPL-2.0
/*
 * tc_netlink.c - tc programs attached as bpf filters on a clsact qdisc
 * through rtnetlink (loader/attach/tc_netlink.c, issue 16), on the
 * loopback interface of a network namespace of our own (unshare: no
 * other test sees it, it dies with us).  Their real effect: UDP sent to
 * 127.0.0.1 on the program's port is lost, on another port it arrives,
 * and after detaching it arrives again.  `tc qdisc show` (iproute2 on the
 * host, busybox in the VM tier) is the oracle for the qdisc: added when
 * missing, removed after, kept when it was there before or when another
 * filter is still on it.  The tcx/ingress program attaches with a tcx
 * link on Linux 6.6+, and as such a filter on an older kernel (the VM's
 * 6.1).  A netlink error comes back with the kernel's own sentence.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include <linux/pkt_sched.h>

#include "loader/attach/tc_netlink.h"
#include "loader/sys/netlink.h"
#include "tests/kernel/attach.h"
#include "tests/kernel/lo_up.h"

#define PORTS 4		/* 4001..4004: one per program, one for none */

static int rx[PORTS], tx;

static struct sockaddr_in addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int sockets(void)
{
	int i;

	tx = socket(AF_INET, SOCK_DGRAM, 0);
	for (i = 0; i < PORTS; i++) {
		struct sockaddr_in a = addr(4001 + i);

		rx[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		if (bind(rx[i], (struct sockaddr *)&a, sizeof(a)))
			return -errno;
	}
	return tx < 0 ? -1 : 0;
}

/* Does a datagram sent to 127.0.0.1:@port arrive (within a second)? */
static int arrives(int port)
{
	struct sockaddr_in a = addr(port);
	struct pollfd p = { .fd = rx[port - 4001], .events = POLLIN };
	char buf[16];
	int got = 0;

	while (recv(p.fd, buf, sizeof(buf), 0) > 0)	/* stale ones */
		;
	sendto(tx, "bb", 2, 0, (struct sockaddr *)&a, sizeof(a));
	if (poll(&p, 1, 1000) == 1)
		got = recv(p.fd, buf, sizeof(buf), 0) == 2;
	return got;
}

/* Does `tc qdisc show dev lo` list a clsact qdisc?  1, 0, -1: no tc. */
static int has_clsact(void)
{
	char line[256];
	FILE *f = popen("tc qdisc show dev lo 2>&1", "r");
	int found = -1;

	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "qdisc ", 6))
			found = found < 0 ? 0 : found;
		if (strstr(line, "qdisc clsact"))
			found = 1;
	}
	if (f)
		pclose(f);
	return found;
}

/*
 * Does iproute2's `tc filter show dev lo ingress` list @name (-1: no
 * iproute2, the VM's busybox tc cannot show a clsact hook)?
 */
static int filter_shown(const char *name)
{
	char line[512];
	FILE *f;
	int found = 0;

	if (system("tc -V > /dev/null 2>&1"))
		return -1;
	f = popen("tc filter show dev lo ingress 2>&1", "r");
	while (f && fgets(line, sizeof(line), f))
		found |= strstr(line, name) && strstr(line, "direct-action");
	if (f)
		pclose(f);
	return found;
}

/* Attach program @name of @o to lo, on @dir; NULL on failure (said). */
static struct bb_link *attach(struct bb_object *o, const char *name,
			      enum bb_tc_dir dir)
{
	struct bb_prog *p = bb_object_find_prog(o, name);
	struct bb_err err = { 0 };
	struct bb_link *l = NULL;

	bb_prog_set_attach_target(p, (int)if_nametoindex("lo"));
	if (strcmp(p->spec->section, "tcx/ingress"))
		bb_prog_set_tc_dir(p, dir);
	if (bb_prog_attach(p, &l, &err)) {
		diag("%s", err.msg);
		return NULL;
	}
	return l;
}

static void tcx_section(struct bb_object *o)
{
	struct bb_link *l = attach(o, "tcx_drop_4003", BB_TC_INGRESS);
	int tcx = attach_kernel_version() >= 606;

	ok(l != NULL, "the tcx/ingress program attaches to lo");
	if (!l)
		return;
	ok(!arrives(4003) && arrives(4004),
	   "UDP to port 4003 is lost, to 4004 it arrives");
	if (tcx)
		ok(bb_link_fd(l) >= 0 && has_clsact() == 0,
		   "Linux %u.%u: through a tcx link (fd %d), no clsact qdisc",
		   attach_kernel_version() / 100, attach_kernel_version() % 100,
		   bb_link_fd(l));
	else
		ok(bb_link_fd(l) < 0 && has_clsact() == 1,
		   "Linux %u.%u, no tcx: through a clsact qdisc's filter instead",
		   attach_kernel_version() / 100, attach_kernel_version() % 100);
	bb_link_destroy(l);
	ok(arrives(4003) && has_clsact() == 0,
	   "detached: UDP to 4003 arrives again, no clsact qdisc is left");
}

/* A adds the qdisc, B finds it: B leaves, the qdisc stays; A leaves. */
static void two_filters(struct bb_object *o)
{
	struct bb_link *a = attach(o, "tc_drop_4001", BB_TC_INGRESS);
	struct bb_link *b;
	int ret;

	ok(a && bb_link_fd(a) == -1 && has_clsact() == 1,
	   "tc: attached to lo's ingress (no fd: a filter), clsact qdisc added");
	ok(bb_prog_set_tc_dir(bb_object_find_prog(o, "tcx_drop_4003"),
			      BB_TC_EGRESS) == -EINVAL &&
	   bb_prog_set_tc_dir(bb_object_find_prog(o, "cls_drop_4002"), 7) == -EINVAL,
	   "bb_prog_set_tc_dir(): EINVAL for a tcx section, or a direction that is none");
	ok(!arrives(4001) && arrives(4004),
	   "UDP to port 4001 is lost, to 4004 it arrives");
	ok(attach_read(o, "dropped", 0) >= 1, "the program counted it (%llu)",
	   (unsigned long long)attach_read(o, "dropped", 0));
	ret = filter_shown("tc_drop_4001");
	if (ret < 0)
		diag("no iproute2 tc (the VM's busybox): the filter is not listed");
	else
		ok(ret == 1, "tc filter show dev lo ingress: bpf tc_drop_4001 direct-action");
	b = attach(o, "cls_drop_4002", BB_TC_EGRESS);
	ok(b && !arrives(4002) && !arrives(4001) && arrives(4004),
	   "classifier on lo's egress too: 4002 and 4001 lost, 4004 arrives");
	bb_link_destroy(b);
	ok(arrives(4002) && !arrives(4001) && has_clsact() == 1,
	   "the second detached: 4002 arrives; the qdisc it found stays, 4001 still lost");
	bb_link_destroy(a);
	ok(arrives(4001) && has_clsact() == 0,
	   "the first detached: 4001 arrives, the qdisc it added is gone");
	if (filter_shown("tc_drop_4001") >= 0)
		ok(filter_shown("tc_") == 0, "tc filter show dev lo ingress: none left");
	/* Now the other order: A's qdisc holds B's filter when A leaves. */
	a = attach(o, "tc_drop_4001", BB_TC_INGRESS);
	b = attach(o, "cls_drop_4002", BB_TC_INGRESS);
	bb_link_destroy(a);
	ok(a && b && has_clsact() == 1 && !arrives(4002) && arrives(4001),
	   "the qdisc's adder leaves first: its qdisc stays, the other filter still drops 4002");
	bb_link_destroy(b);
	ok(arrives(4002), "and once that one left too, 4002 arrives");
}

static void errors(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "tc_drop_4001");
	struct tc_filter f = {
		.ifindex = (int)if_nametoindex("lo"),
		.parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
	};
	struct bb_err err = { 0 };
	struct bb_link *l = NULL;
	int fd, ret;

	/* A fresh namespace: the last test left a qdisc that was not ours. */
	if (unshare(CLONE_NEWNET) || lo_up())
		diag("unshare: %s", strerror(errno));
	fd = nl_open(&err);
	ret = tc_filter_add(fd, p, &f, &err);
	close(fd);
	ok(ret == -EINVAL && strstr(err.msg, "RTM_NEWTFILTER") &&
	   strstr(err.msg, "(the kernel: \""),
	   "a filter on a missing qdisc: EINVAL, and the kernel's sentence");
	diag("%s", err.msg);
	bb_prog_set_attach_target(p, 999999);
	ret = bb_prog_attach(p, &l, &err);
	ok(ret == -ENODEV && strstr(err.msg, "RTM_NEWQDISC clsact on ifindex 999999"),
	   "no interface 999999: ENODEV, the request named");
	diag("%s", err.msg);
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	char path[PATH_MAX];
	int ret;

	if (geteuid() != 0)
		return skip_all("needs root");
	if (unshare(CLONE_NEWNET) || lo_up() || sockets())
		return skip_all("no network namespace of our own");
	attach_obj_path("tc_drop", path, sizeof(path));
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!is_int(ret, 0, "tc_drop.bpf.o loads")) {
		diag("%s", err.msg);
		return done_testing();
	}
	ok(has_clsact() == 0, "tc qdisc show dev lo: no clsact qdisc yet");
	ok(arrives(4001) && arrives(4002) && arrives(4003),
	   "UDP to ports 4001-4003 on 127.0.0.1 arrives");
	tcx_section(o);
	two_filters(o);
	errors(o);
	bb_object_close(o);
	return done_testing();
}
