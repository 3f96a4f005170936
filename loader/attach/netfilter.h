/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netfilter.h - attach a "netfilter" program (Linux 6.4+) to a netfilter
 * hook of the caller's network namespace with BPF_LINK_CREATE and attach
 * type BPF_NETFILTER.  The section names no hook (libbpf has no
 * convention for one): the user gives the protocol family, the hook and
 * the priority (bb_prog_set_netfilter(), barebpf run --netfilter).  The
 * program returns NF_DROP (0) or NF_ACCEPT (1); closing the link
 * unregisters the hook.
 */
#ifndef BAREBPF_NETFILTER_H
#define BAREBPF_NETFILTER_H

#include "loader/core/types.h"

int netfilter_attach(struct bb_prog *prog, struct bb_err *err);

/*
 * After a refused BPF_PROG_LOAD of a netfilter program: an EINVAL with
 * no verifier log is a kernel without the program type (before 6.4, or
 * without CONFIG_NETFILTER): say so before @err's message.
 */
int netfilter_refused(const struct bb_prog *prog, int ret,
		      struct bb_err *err);

/*
 * "PF:HOOK:PRIORITY[:defrag]" (barebpf run --netfilter) into @o: PF
 * ipv4 or ipv6, HOOK one of pre_routing, local_in, forward, local_out,
 * post_routing (or nft's prerouting, input, forward, output,
 * postrouting), PRIORITY a signed 32-bit number.  -EINVAL with a message.
 */
int netfilter_parse(const char *spec, struct nf_hook_opts *o,
		    struct bb_err *err);

#endif
