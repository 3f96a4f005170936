// SPDX-License-Identifier: GPL-2.0
/*
 * netfilter.c - a netfilter program (Linux 6.4+, issue 16) attached with
 * bb_prog_set_netfilter() and bb_prog_attach(), in a network namespace of
 * our own (unshare(CLONE_NEWNET), lo up).  nf_drop drops UDP to port
 * 4242 and accepts the rest:
 *  - at ipv4 LOCAL_OUT, priority -100: sendto() port 4242 fails with
 *    EPERM and nothing arrives, port 4243 works; the link's info
 *    (BPF_OBJ_GET_INFO_BY_FD) shows its family, hook and priority; a
 *    second program at the same hook and priority is refused (EBUSY), as
 *    is priority INT_MIN (ERANGE), each with its reason; once the link
 *    is destroyed port 4242 works again;
 *  - at ipv4 PRE_ROUTING: sendto() succeeds but the datagram to 4242 is
 *    dropped on its way in, and the one to 4243 arrives.
 * The program counts both kinds in its map.  bb_prog_set_netfilter() on
 * another section is EINVAL.  A kernel before 6.4 (the VM
 * tier's 6.1) has no netfilter program type: the load is refused with a
 * message saying netfilter programs need Linux 6.4.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "elf/bpf_uapi_new.h"
#include "tests/kernel/attach.h"
#include "tests/kernel/lo_up.h"

#define PORT 4242	/* nf_drop.bpf.c drops it */
#define NFPROTO_IPV4 2
#define NF_INET_PRE_ROUTING 0
#define NF_INET_LOCAL_OUT 3

/* struct bpf_link_info as Linux 6.4 lays it out for a netfilter link. */
struct nf_link_info {
	uint32_t type, id, prog_id, pad;
	uint32_t pf, hooknum;
	int32_t priority;
	uint32_t flags;
	uint8_t rest[64];
};

static struct sockaddr_in addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A UDP socket bound to 127.0.0.1:@port. */
static int receiver(int port)
{
	struct sockaddr_in a = addr(port);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return fd;
}

/* sendto() 127.0.0.1:@port: 0 or -errno. */
static int send_to(int s, int port)
{
	struct sockaddr_in a = addr(port);

	return sendto(s, "bb", 2, 0, (struct sockaddr *)&a, sizeof(a)) == 2 ?
	       0 : -errno;
}

/* Did a datagram arrive on @r within 300 ms?  Drains it. */
static int arrived(int r)
{
	struct pollfd p = { .fd = r, .events = POLLIN };
	char buf[16];
	int n = 0;

	while (poll(&p, 1, n ? 0 : 300) == 1 && recv(r, buf, sizeof(buf), 0) > 0)
		n++;
	return n > 0;
}

static uint64_t counted(struct bb_object *o, uint32_t slot)
{
	return attach_read(o, "counts", slot);
}

/* Attach @p at @hook with @prio: 0 or -errno, *@link, @err. */
static int attach_at(struct bb_prog *p, uint32_t hook, int32_t prio,
		     struct bb_link **link, struct bb_err *err)
{
	int ret = bb_prog_set_netfilter(p, NFPROTO_IPV4, hook, prio, 0);

	return ret ? ret : bb_prog_attach(p, link, err);
}

static void check_info(const struct bb_prog *p, const struct bb_link *link)
{
	struct nf_link_info info;
	struct bpf_prog_info pinfo;
	uint32_t len = sizeof(info), plen = sizeof(pinfo);

	memset(&info, 0, sizeof(info));
	memset(&pinfo, 0, sizeof(pinfo));
	is_int(sys_obj_get_info_by_fd(bb_link_fd(link), &info, &len), 0,
	       "BPF_OBJ_GET_INFO_BY_FD on the link");
	sys_obj_get_info_by_fd(bb_prog_fd(p), &pinfo, &plen);
	is_int(info.type, BB_LINK_TYPE_NETFILTER, "a netfilter link (type %u)",
	       BB_LINK_TYPE_NETFILTER);
	is_int(info.prog_id, pinfo.id, "of our program (id %u)", pinfo.id);
	ok(info.pf == NFPROTO_IPV4 && info.hooknum == NF_INET_LOCAL_OUT &&
	   info.priority == -100 && info.flags == 0,
	   "pf %u hooknum %u priority %d flags %u (ipv4, local_out, -100, 0)",
	   info.pf, info.hooknum, info.priority, info.flags);
}

/* Refusals the kernel explains: same hook and priority, INT_MIN. */
static void refusals(struct bb_prog *p)
{
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	int ret = attach_at(p, NF_INET_LOCAL_OUT, -100, &link, &err);

	ok(ret == -EBUSY && strstr(err.msg, "another BPF program is at this hook"),
	   "a second link at the same hook and priority: EBUSY, explained (%s)",
	   err.msg);
	ret = attach_at(p, NF_INET_LOCAL_OUT, INT32_MIN, &link, &err);
	ok(ret == -ERANGE && strstr(err.msg, "NF_IP_PRI_FIRST"),
	   "priority INT_MIN: ERANGE, explained (%s)", err.msg);
}

static void local_out(struct bb_object *o, int s, int r42, int r43)
{
	struct bb_prog *p = bb_object_find_prog(o, "nf_drop");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };

	if (!ok(attach_at(p, NF_INET_LOCAL_OUT, -100, &link, &err) == 0,
		"nf_drop attached at ipv4 local_out, priority -100")) {
		diag("%s", err.msg);
		return;
	}
	check_info(p, link);
	is_int(send_to(s, PORT), -EPERM, "sendto() port %d: EPERM (NF_DROP)",
	       PORT);
	ok(!arrived(r42), "and nothing arrived");
	is_int(send_to(s, PORT + 1), 0, "sendto() port %d: sent", PORT + 1);
	ok(arrived(r43), "and it arrived");
	ok(counted(o, 0) == 1 && counted(o, 1) >= 1,
	   "nf_drop counted 1 dropped, %llu accepted",
	   (unsigned long long)counted(o, 1));
	refusals(p);
	bb_link_destroy(link);
	is_int(send_to(s, PORT), 0, "link destroyed: sendto() port %d works again",
	       PORT);
	ok(arrived(r42), "and it arrived");
}

static void pre_routing(struct bb_object *o, int s, int r42, int r43)
{
	struct bb_prog *p = bb_object_find_prog(o, "nf_drop");
	struct bb_link *link = NULL;
	struct bb_err err = { 0 };
	uint64_t before = counted(o, 0);

	if (!ok(attach_at(p, NF_INET_PRE_ROUTING, 10, &link, &err) == 0,
		"nf_drop attached at ipv4 pre_routing, priority 10")) {
		diag("%s", err.msg);
		return;
	}
	is_int(send_to(s, PORT), 0, "sendto() port %d: sent", PORT);
	ok(!arrived(r42), "but dropped on its way in");
	is_int(send_to(s, PORT + 1), 0, "sendto() port %d: sent", PORT + 1);
	ok(arrived(r43), "and it arrived");
	is_int(counted(o, 0) - before, 1, "nf_drop counted the one it dropped");
	bb_link_destroy(link);
}

/* bb_prog_set_netfilter() is for netfilter programs only. */
static void other_sections(void)
{
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };

	attach_obj_path("prog_types", path, sizeof(path));
	if (!ok(bb_object_open(&o, path, &err) == 0, "prog_types.bpf.o opens"))
		diag("%s", err.msg);
	else
		is_int(bb_prog_set_netfilter(bb_object_find_prog(o, "t_xdp"),
					     NFPROTO_IPV4, NF_INET_LOCAL_OUT, 1, 0),
		       -EINVAL, "bb_prog_set_netfilter() on an xdp program: EINVAL");
	bb_object_close(o);
}

/* Before 6.4: the load is refused, and the message says why. */
static void too_old(const char *path, unsigned int kver)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret = bb_object_open(&o, path, &err);

	if (!ret)
		ret = bb_object_load(o, &err);
	ok(ret == -EINVAL && strstr(err.msg, "netfilter programs need Linux 6.4"),
	   "Linux %u.%u refuses the load, and the message says netfilter programs need Linux 6.4 (%s)",
	   kver / 100, kver % 100, err.msg);
	bb_err_free(&err);
	bb_object_close(o);
}

int main(void)
{
	unsigned int kver = attach_kernel_version();
	char path[PATH_MAX];
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret, s, r42, r43;

	other_sections();
	attach_obj_path("nf_drop", path, sizeof(path));
	if (kver < 604) {
		too_old(path, kver);
		return done_testing();
	}
	if (!ok(unshare(CLONE_NEWNET) == 0 && lo_up() == 0,
		"a network namespace of our own, lo up"))
		return done_testing();
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	r42 = receiver(PORT);
	r43 = receiver(PORT + 1);
	is_int(send_to(s, PORT), 0, "before: sendto() port %d works", PORT);
	ok(arrived(r42), "and it arrives");
	ret = bb_object_open(&o, path, &err);
	if (!ret)
		ret = bb_object_load(o, &err);
	if (!ok(ret == 0, "nf_drop.bpf.o loads"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	local_out(o, s, r42, r43);
	pre_routing(o, s, r42, r43);
	bb_err_free(&err);
	bb_object_close(o);
	close(s);
	close(r42);
	close(r43);
	return done_testing();
}
