// SPDX-License-Identifier: GPL-2.0
/*
 * prog_types.bpf.c - one program per section family barebpf knows beyond
 * tracing (issue 16), each as small as its type allows, returning a value
 * inside the range the verifier checks for it.  tests/kernel/prog_types.c
 * loads each on its own and asks the kernel which type it got.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

#define PROG(sec, name, ret)			\
	SEC(sec) int name(void *ctx)		\
	{					\
		(void)ctx;			\
		return ret;			\
	}

PROG("socket", t_socket, 0)
PROG("xdp", t_xdp, 2)			/* XDP_PASS */
PROG("xdp.frags", t_xdp_frags, 2)
PROG("xdp/devmap", t_xdp_devmap, 2)
PROG("tc", t_tc, 0)			/* TC_ACT_OK */
PROG("classifier", t_classifier, 0)
PROG("tcx/ingress", t_tcx_ingress, 0)
PROG("tc/egress", t_tc_egress, 0)
PROG("sk_skb/stream_verdict", t_sk_skb, 1)	/* SK_PASS */
PROG("sk_msg", t_sk_msg, 1)
PROG("sockops", t_sockops, 1)
PROG("sk_lookup", t_sk_lookup, 1)
PROG("flow_dissector", t_flow_dissector, 0)
PROG("cgroup_skb/ingress", t_cgroup_skb_ingress, 1)
PROG("cgroup_skb/egress", t_cgroup_skb_egress, 1)
PROG("cgroup/sock_create", t_sock_create, 1)
PROG("cgroup/connect4", t_connect4, 1)
PROG("cgroup/bind6", t_bind6, 1)
PROG("cgroup/sendmsg4", t_sendmsg4, 1)
PROG("cgroup/sysctl", t_sysctl, 1)
PROG("cgroup/getsockopt", t_getsockopt, 1)
PROG("cgroup/dev", t_dev, 1)
PROG("iter/task", t_iter_task, 0)
PROG("syscall", t_syscall, 0)
PROG("netfilter", t_netfilter, 1)	/* NF_ACCEPT */
PROG("perf_event", t_perf_event, 0)
PROG("ksyscall/execve", t_ksyscall, 0)
PROG("kretsyscall/execve", t_kretsyscall, 0)
PROG("kprobe.multi/do_unlinkat", t_kprobe_multi, 0)
PROG("uprobe.multi//bin/true:main", t_uprobe_multi, 0)
PROG("usdt//bin/true:provider:name", t_usdt, 0)
/* BPF LSM: needs BPF trampolines (prog_types.c says where). */
PROG("lsm/file_open", t_lsm, 0)
PROG("lsm.s/bprm_committed_creds", t_lsm_sleepable, 0)
