// SPDX-License-Identifier: GPL-2.0
/*
 * tc_netlink.c - a clsact qdisc and a bpf filter through rtnetlink
 * (tc_netlink.h).
 *
 * Three requests attach, the struct tcmsg of each naming the interface
 * and where in its traffic control tree:
 *  - RTM_NEWQDISC "clsact" (handle ffff:, parent ffff:fff1), with
 *    NLM_F_EXCL: EEXIST says the interface has one already, which is not
 *    ours to remove;
 *  - RTM_NEWTFILTER "bpf" on parent ffff:fff2 (ingress) or ffff:fff3
 *    (egress), options TCA_BPF_FD, TCA_BPF_NAME and TCA_BPF_FLAGS
 *    direct-action (the program's return value is the verdict, TC_ACT_*),
 *    priority and handle 0: the kernel chooses them, and tells them back
 *    because we ask for an echo (NLM_F_ECHO);
 *  - to detach, RTM_DELTFILTER with that priority and handle, then, if
 *    the qdisc is ours, a dump (RTM_GETTFILTER, NLM_F_DUMP) of both hooks:
 *    if no filter is left (another program's may be), RTM_DELQDISC.
 * The netlink socket is opened for each and closed at once: the filter
 * lives in the kernel until deleted, whoever holds what.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "elf/base/fmt.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/tc_netlink.h"
#include "loader/sys/narrate.h"
#include "loader/sys/netlink.h"
#include "loader/sys/sys.h"

#define CLSACT_HANDLE TC_H_MAKE(TC_H_CLSACT, 0)	/* ffff: */

static const char *hook_name(uint32_t parent)
{
	return parent == TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS) ?
	       "egress" : "ingress";
}

static void tc_req(struct nl_req *r, uint16_t type, uint16_t flags,
		   int ifindex, uint32_t parent, uint32_t handle,
		   uint32_t info)
{
	struct tcmsg t = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = ifindex,
		.tcm_handle = handle,
		.tcm_parent = parent,
		.tcm_info = info,
	};

	nl_req_init(r, type, flags, &t, sizeof(t));
}

/* RTM_NEWQDISC or RTM_DELQDISC of the clsact qdisc. */
static int clsact(int fd, uint16_t type, int ifindex, struct bb_err *err)
{
	uint16_t flags = type == RTM_NEWQDISC ? NLM_F_CREATE | NLM_F_EXCL : 0;
	char what[64];
	struct nl_req r;

	fmt_snprintf(what, sizeof(what), "%s clsact on ifindex %d",
		     type == RTM_NEWQDISC ? "RTM_NEWQDISC" : "RTM_DELQDISC",
		     ifindex);
	narrate_say("tc: %s%s", what, type == RTM_NEWQDISC ?
		    " (NLM_F_EXCL: if there is one, it is not ours)" : "");
	tc_req(&r, type, flags, ifindex, TC_H_CLSACT, CLSACT_HANDLE, 0);
	nl_attr_str(&r, TCA_KIND, "clsact");
	return nl_talk(fd, &r, what, NULL, NULL, err);
}

/* The kernel's echo of our new filter: the priority and handle it chose. */
static int filter_echo(const struct nlmsghdr *h, const struct bytes *body,
		       void *ctx)
{
	const struct tcmsg *t = buf_slice(body, 0, sizeof(*t));
	struct tc_filter *f = ctx;

	if (h->nlmsg_type != RTM_NEWTFILTER || !t)
		return 0;
	f->handle = t->tcm_handle;
	f->prio = (uint16_t)(TC_H_MAJ(t->tcm_info) >> 16);
	return 0;
}

int tc_filter_add(int fd, const struct bb_prog *prog, struct tc_filter *f,
		  struct bb_err *err)
{
	char what[128];
	struct nl_req r;
	size_t opts;
	int ret;

	fmt_snprintf(what, sizeof(what),
		     "program '%s': RTM_NEWTFILTER bpf on ifindex %d %s",
		     prog->spec->name, f->ifindex, hook_name(f->parent));
	narrate_say("tc: RTM_NEWTFILTER bpf \"%s\" (fd %d) on ifindex %d %s, direct-action (NLM_F_ECHO: the kernel tells the priority and handle it chooses)",
		    prog->spec->name, prog->fd, f->ifindex,
		    hook_name(f->parent));
	tc_req(&r, RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ECHO,
	       f->ifindex, f->parent, 0, TC_H_MAKE(0, htons(ETH_P_ALL)));
	nl_attr_str(&r, TCA_KIND, "bpf");
	opts = nl_nest_start(&r, TCA_OPTIONS);
	nl_attr_u32(&r, TCA_BPF_FD, (uint32_t)prog->fd);
	nl_attr_str(&r, TCA_BPF_NAME, prog->spec->name);
	nl_attr_u32(&r, TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
	nl_nest_end(&r, opts);
	f->prio = 0;
	ret = nl_talk(fd, &r, what, filter_echo, f, err);
	if (!ret && !f->prio)
		ret = bb_errf(err, -EPROTO,
			      "%s: the kernel did not echo the filter", what);
	if (!ret)
		narrate_say("tc: the kernel chose priority %u, handle %#x",
			    f->prio, f->handle);
	return ret;
}

static int filter_del(int fd, const struct tc_filter *f, struct bb_err *err)
{
	char what[96];
	struct nl_req r;

	fmt_snprintf(what, sizeof(what),
		     "RTM_DELTFILTER priority %u handle %#x on ifindex %d %s",
		     f->prio, f->handle, f->ifindex, hook_name(f->parent));
	narrate_say("tc: %s", what);
	tc_req(&r, RTM_DELTFILTER, 0, f->ifindex, f->parent, f->handle,
	       TC_H_MAKE((uint32_t)f->prio << 16, htons(ETH_P_ALL)));
	nl_attr_str(&r, TCA_KIND, "bpf");
	return nl_talk(fd, &r, what, NULL, NULL, err);
}

static int count_filter(const struct nlmsghdr *h, const struct bytes *body,
			void *ctx)
{
	(void)body;
	*(int *)ctx += h->nlmsg_type == RTM_NEWTFILTER;
	return 0;
}

/* How many filters are on the clsact qdisc's two hooks, or -errno. */
static int filters_left(int fd, int ifindex, struct bb_err *err)
{
	static const uint32_t hooks[] = { TC_H_MIN_INGRESS, TC_H_MIN_EGRESS };
	struct nl_req r;
	int n = 0, ret = 0;
	size_t i;

	narrate_say("tc: RTM_GETTFILTER (dump) on ifindex %d ingress and egress: is any filter left on the qdisc?",
		    ifindex);
	for (i = 0; !ret && i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		tc_req(&r, RTM_GETTFILTER, NLM_F_DUMP, ifindex,
		       TC_H_MAKE(TC_H_CLSACT, hooks[i]), 0, 0);
		ret = nl_talk(fd, &r, "RTM_GETTFILTER", count_filter, &n, err);
	}
	return ret ? ret : n;
}

static int tc_detach_on(int fd, struct tc_filter *f, struct bb_err *err)
{
	int ret = filter_del(fd, f, err);

	if (ret || !f->own_qdisc)
		return ret;
	ret = filters_left(fd, f->ifindex, err);
	if (ret > 0)
		narrate_say("tc: %d filters are left on it: the clsact qdisc stays",
			    ret);
	return ret ? (ret > 0 ? 0 : ret) : clsact(fd, RTM_DELQDISC, f->ifindex,
						  err);
}

/* prog->tc.detach (bb_object_close(), bb_link_destroy()). */
static int tc_detach(struct tc_filter *f)
{
	struct bb_err err = { 0 };
	int fd = nl_open(&err), ret;

	ret = fd < 0 ? fd : tc_detach_on(fd, f, &err);
	if (fd >= 0)
		sys_close(fd);
	if (ret)
		narrate_say("tc: detaching failed: %s", err.msg);
	f->detach = NULL;
	return ret;
}

static int tc_attach_on(int fd, struct bb_prog *prog, struct tc_filter *f,
			struct bb_err *err)
{
	int ret = clsact(fd, RTM_NEWQDISC, f->ifindex, err);

	if (ret && ret != -EEXIST)
		return bb_err_prefix(err, ret, "program '%s'",
				     prog->spec->name);
	f->own_qdisc = !ret;
	if (ret)
		narrate_say("tc: ifindex %d has a clsact qdisc already: it stays when we detach",
			    f->ifindex);
	ret = tc_filter_add(fd, prog, f, err);
	if (ret && f->own_qdisc)
		clsact(fd, RTM_DELQDISC, f->ifindex, NULL);
	return ret;
}

int tc_netlink_attach(struct bb_prog *prog, bool egress, struct bb_err *err)
{
	struct tc_filter f = {
		.ifindex = prog->attach_target,
		.parent = TC_H_MAKE(TC_H_CLSACT, egress ? TC_H_MIN_EGRESS :
						  TC_H_MIN_INGRESS),
	};
	int fd = nl_open(err), ret;

	if (fd < 0)
		return fd;
	ret = tc_attach_on(fd, prog, &f, err);
	sys_close(fd);
	if (ret)
		return ret;
	f.detach = tc_detach;
	prog->tc = f;
	return 0;
}

int tc_attach(struct bb_prog *prog, struct bb_err *err)
{
	int ret = attach_target_need(prog, "an interface (--iface NAME)", err);

	return ret ? ret : tc_netlink_attach(prog, prog->tc_egress, err);
}
