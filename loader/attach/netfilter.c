// SPDX-License-Identifier: GPL-2.0
/*
 * netfilter.c - netfilter programs through a BPF link on a netfilter
 * hook (netfilter.h).
 *
 * The kernel checks the hook before registering it (net/netfilter/
 * nf_bpf_link.c, 6.4): a family other than IPv4/IPv6 is EAFNOSUPPORT, a
 * hook number past the five of enum nf_inet_hooks EPROTO, a flag it does
 * not know EOPNOTSUPP (the defrag flag came in 6.6), and the priorities
 * INT_MIN and INT_MAX (NF_IP_PRI_FIRST/LAST: conntrack's own, which must
 * stay first and last) ERANGE, as is one at or before defragmentation
 * (-400) with the defrag flag.  Then registering it may fail: EBUSY when
 * another BPF program holds that hook at that priority in the namespace
 * (net/netfilter/core.c allows one BPF hook per priority: this host's
 * 6.18 refuses the second).
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/num.h"
#include "elf/bpf_uapi_new.h"
#include "loader/attach/netfilter.h"
#include "loader/sys/file.h"
#include "loader/sys/narrate.h"
#include "loader/sys/sys.h"

#define NFPROTO_IPV4 2
#define NFPROTO_IPV6 10
#define NF_HOOKS 5	/* NF_INET_PRE_ROUTING .. NF_INET_POST_ROUTING */

/* enum nf_inet_hooks, in the kernel's words, then nft's. */
static const char *const hook_names[2][NF_HOOKS] = {
	{ "pre_routing", "local_in", "forward", "local_out", "post_routing" },
	{ "prerouting", "input", "forward", "output", "postrouting" },
};

static const char *pf_name(uint32_t pf)
{
	return pf == NFPROTO_IPV4 ? "ipv4" : pf == NFPROTO_IPV6 ? "ipv6" : "pf?";
}

static const char *hook_name(uint32_t hook)
{
	return hook < NF_HOOKS ? hook_names[0][hook] : "hook?";
}

/* Why the kernel refused the link, in words for its errno. */
static const char *why(const struct nf_hook_opts *o, int ret)
{
	switch (ret) {
	case -EAFNOSUPPORT:
		return ": the protocol family must be ipv4 (2) or ipv6 (10)";
	case -EPROTO:
		return ": the hook must be 0..4 (pre_routing .. post_routing)";
	case -ERANGE:
		return o->flags & BB_F_NETFILTER_IP_DEFRAG ?
		       ": INT_MIN and INT_MAX are refused, and with defrag the priority must be above -400 (NF_IP_PRI_CONNTRACK_DEFRAG)" :
		       ": priorities INT_MIN and INT_MAX (NF_IP_PRI_FIRST, NF_IP_PRI_LAST) are the kernel's own";
	case -EBUSY:
		return ": another BPF program is at this hook with this priority (one each): choose another priority";
	case -EOPNOTSUPP:
		return o->flags ? ": the defrag flag needs Linux 6.6" :
		       ": this kernel has no netfilter links (Linux 6.4+, CONFIG_NETFILTER_BPF_LINK)";
	}
	return errno_hint(ret);
}

int netfilter_attach(struct bb_prog *prog, struct bb_err *err)
{
	const struct nf_hook_opts *o = &prog->nf;
	int fd;

	if (!o->set)
		return bb_errf(err, -EINVAL,
			       "program '%s' (section '%s'): attaching it needs a netfilter hook: bb_prog_set_netfilter() (barebpf run --netfilter PF:HOOK:PRIORITY)",
			       prog->spec->name, prog->spec->section);
	narrate_say("netfilter: %s %s (hook %u), priority %d%s, in our network namespace",
		    pf_name(o->pf), hook_name(o->hooknum), o->hooknum,
		    o->priority, o->flags ? ", defrag" : "");
	fd = sys_link_create_netfilter(prog->fd, o->pf, o->hooknum,
				       o->priority, o->flags);
	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s' (section '%s'): bpf(BPF_LINK_CREATE) on netfilter %s %s priority %d: %s%s",
			       prog->spec->name, prog->spec->section,
			       pf_name(o->pf), hook_name(o->hooknum),
			       o->priority, errno_text(-fd), why(o, fd));
	prog->attach_fd = fd;
	return 0;
}

int netfilter_refused(const struct bb_prog *prog, int ret,
		      struct bb_err *err)
{
	(void)prog;
	if (ret != -EINVAL || (err && err->detail && *err->detail))
		return ret;
	return bb_err_prefix(err, ret,
			     "this kernel has no netfilter program type: netfilter programs need Linux 6.4 (and CONFIG_NETFILTER)");
}

/* Up to ':' (or the end) of *@s into @out, and past the ':'; -1 if
 * longer than @out holds. */
static int token(const char **s, char *out, size_t len)
{
	size_t n = strcspn(*s, ":");

	if (n >= len)
		return -1;
	memcpy(out, *s, n);
	out[n] = '\0';
	*s += n;
	if (**s == ':')
		(*s)++;
	return 0;
}

static int hook_num(const char *name)
{
	int i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < NF_HOOKS; j++)
			if (!strcmp(name, hook_names[i][j]))
				return j;
	return -1;
}

static int bad_spec(const char *spec, struct bb_err *err)
{
	return bb_errf(err, -EINVAL,
		       "--netfilter %s: expected PF:HOOK:PRIORITY[:defrag], PF ipv4 or ipv6, HOOK pre_routing, local_in, forward, local_out or post_routing, PRIORITY a number",
		       spec);
}

int netfilter_parse(const char *spec, struct nf_hook_opts *o,
		    struct bb_err *err)
{
	char pf[8], hook[16], prio[16], flag[8];
	const char *s = spec;
	uint64_t v;
	int h;

	if (token(&s, pf, sizeof(pf)) || token(&s, hook, sizeof(hook)) ||
	    token(&s, prio, sizeof(prio)) || token(&s, flag, sizeof(flag)))
		return bad_spec(spec, err);
	h = hook_num(hook);
	if ((strcmp(pf, "ipv4") && strcmp(pf, "ipv6")) || h < 0 ||
	    num_parse_int(prio, INT32_MIN, INT32_MAX, &v) ||
	    (*flag && strcmp(flag, "defrag")) || *s)
		return bad_spec(spec, err);
	o->pf = strcmp(pf, "ipv4") ? NFPROTO_IPV6 : NFPROTO_IPV4;
	o->hooknum = h;
	o->priority = (int32_t)v;
	o->flags = *flag ? BB_F_NETFILTER_IP_DEFRAG : 0;
	o->set = true;
	return 0;
}
