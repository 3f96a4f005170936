// SPDX-License-Identifier: GPL-2.0
/*
 * section_attach.c - the section prefixes of issue 7 map to the program
 * type, expected attach type and attach kind the kernel and the loader
 * need, and their targets are checked before they reach a path or the
 * kernel.
 */
#include <errno.h>
#include <linux/bpf.h>

#include "elf/bpf_uapi_new.h"
#include "elf/section_names.h"
#include "tests/tap.h"

static const struct {
	const char *section;
	uint32_t type, expected;
	enum attach_kind attach;
	const char *target;
} cases[] = {
	{ "raw_tp/sys_enter", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP, "sys_enter" },
	{ "raw_tracepoint/sched_switch", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP, "sched_switch" },
	{ "tp_btf/sys_enter", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, ATTACH_BTF, "sys_enter" },
	{ "fentry/do_unlinkat", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, ATTACH_BTF, "do_unlinkat" },
	{ "fexit/do_unlinkat", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, ATTACH_BTF, "do_unlinkat" },
	{ "kprobe/do_unlinkat", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KPROBE, "do_unlinkat" },
	{ "kretprobe/do_unlinkat", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KRETPROBE, "do_unlinkat" },
	{ "uprobe//bin/bash:readline", BPF_PROG_TYPE_KPROBE, 0, ATTACH_UPROBE, "/bin/bash:readline" },
	{ "uretprobe//bin/bash:readline", BPF_PROG_TYPE_KPROBE, 0, ATTACH_URETPROBE, "/bin/bash:readline" },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, ATTACH_PERF_EVENT, "" },
	{ "usdt", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "tp/sched/sched_process_exec", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT, "sched/sched_process_exec" },
	/* Issue 16: the families libbpf accepts beyond tracing. */
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, ATTACH_XDP, "" },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, ATTACH_XDP, "" },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, ATTACH_NONE, "" },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, ATTACH_NONE, "" },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, ATTACH_TC, "" },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, ATTACH_TC, "" },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_INGRESS, ATTACH_TCX, "" },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_EGRESS, ATTACH_TCX, "" },
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_INGRESS, ATTACH_TCX, "" },
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, ATTACH_SOCKET, "" },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, ATTACH_SOCKMAP, "" },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, ATTACH_SOCKMAP, "" },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, ATTACH_SOCKMAP, "" },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, ATTACH_NONE, "" },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, ATTACH_SOCKMAP, "" },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, ATTACH_CGROUP, "" },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, ATTACH_NETNS, "" },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, ATTACH_NETNS, "" },
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, ATTACH_CGROUP, "" },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, ATTACH_CGROUP, "" },
	{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, ATTACH_CGROUP, "" },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, ATTACH_CGROUP, "" },
	{ "cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_CONNECT, ATTACH_CGROUP, "" },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG, ATTACH_CGROUP, "" },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, ATTACH_CGROUP, "" },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, ATTACH_CGROUP, "" },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, ATTACH_CGROUP, "" },
	{ "lsm/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, ATTACH_BTF, "file_open" },
	{ "iter/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, ATTACH_ITER, "task" },
	{ "fmod_ret/x", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, ATTACH_BTF, "x" },
	{ "freplace/handler", BPF_PROG_TYPE_EXT, 0, ATTACH_BTF, "handler" },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, ATTACH_NONE, "" },
	{ "netfilter", BB_PROG_TYPE_NETFILTER, BB_NETFILTER, ATTACH_NETFILTER, "" },
	{ "struct_ops/init", BPF_PROG_TYPE_STRUCT_OPS, 0, ATTACH_NONE, "init" },
	{ "ksyscall/execve", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KSYSCALL, "execve" },
	{ "kretsyscall/execve", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KRETSYSCALL, "execve" },
	{ "kprobe.multi/do_*", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, ATTACH_KPROBE_MULTI, "do_*" },
	{ "kretprobe.multi/vfs_rea?", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, ATTACH_KRETPROBE_MULTI, "vfs_rea?" },
	{ "uprobe.multi//bin/bash:read*", BPF_PROG_TYPE_KPROBE, BB_TRACE_UPROBE_MULTI, ATTACH_UPROBE_MULTI, "/bin/bash:read*" },
	{ "uretprobe.multi//bin/bash:read?ine", BPF_PROG_TYPE_KPROBE, BB_TRACE_UPROBE_MULTI, ATTACH_URETPROBE_MULTI, "/bin/bash:read?ine" },
	{ "usdt//usr/bin/python3:python:function__entry", BPF_PROG_TYPE_KPROBE, 0, ATTACH_USDT, "/usr/bin/python3:python:function__entry" },
};

/* The flags some sections add to BPF_PROG_LOAD. */
static const struct {
	const char *section;
	uint32_t flags;
} flag_cases[] = {
	{ "xdp.frags", BPF_F_XDP_HAS_FRAGS },
	{ "xdp", 0 },
	{ "syscall", BPF_F_SLEEPABLE },
	{ "fentry.s/x", BPF_F_SLEEPABLE },
	{ "lsm.s/file_open", BPF_F_SLEEPABLE },
	{ "fentry/x", 0 },
};

static void prefixes(void)
{
	const struct sec_def *def;
	const char *target;
	struct bb_err err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = sec_def_find(cases[i].section, &def, &target, &err);

		ok(ret == 0 && def->prog_type == cases[i].type &&
		   def->expected_attach_type == cases[i].expected &&
		   def->attach == cases[i].attach && !strcmp(target, cases[i].target),
		   "%s: type %u, expected attach %u, kind %d, target '%s'",
		   cases[i].section, cases[i].type, cases[i].expected,
		   cases[i].attach, cases[i].target);
	}
	for (i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]); i++)
		ok(!sec_def_find(flag_cases[i].section, &def, &target, &err) &&
		   def->prog_flags == flag_cases[i].flags,
		   "%s: prog_flags %#x", flag_cases[i].section, flag_cases[i].flags);
	is_int(sec_def_find("xdpx", &def, &target, &err), -ENOTSUP,
	       "a name that only starts like a known one is not it");
	is_int(sec_def_find("bb_nope/x", &def, &target, &err), -ENOTSUP,
	       "an unknown prefix is refused");
	like(err.msg, "docs/program-types.md", "and the message says where the known ones are listed");
}

static void uprobe_targets(void)
{
	char path[64], sym[32];
	struct bb_err err;

	is_int(uprobe_split("/usr/lib/libc.so.6:malloc", path, sizeof(path), sym,
			    sizeof(sym), &err), 0, "PATH:SYMBOL splits");
	is_str(path, "/usr/lib/libc.so.6", "into the path");
	is_str(sym, "malloc", "and the symbol");
	uprobe_split("/a:b:c", path, sizeof(path), sym, sizeof(sym), &err);
	is_str(path, "/a:b", "at the last colon");
	is_int(uprobe_split("bin/bash:readline", path, sizeof(path), sym,
			    sizeof(sym), &err), -EINVAL, "a relative path is refused");
	is_int(uprobe_split("/bin/bash", path, sizeof(path), sym, sizeof(sym), &err),
	       -EINVAL, "no symbol is refused");
	is_int(uprobe_split("/bin/bash:", path, sizeof(path), sym, sizeof(sym), &err),
	       -EINVAL, "an empty symbol is refused");
	is_int(uprobe_split("/bin/bash:a/b", path, sizeof(path), sym, sizeof(sym), &err),
	       -EINVAL, "a symbol with a slash is refused");
	is_int(uprobe_split("/a/very/long/path/that/does/not/fit/in/a/buffer/of/sixty/four/bytes/x:y",
			    path, sizeof(path), sym, sizeof(sym), &err),
	       -ENAMETOOLONG, "a path too long for the buffer is refused");
	is_int(uprobe_multi_split("/bin/bash:read*_?", path, sizeof(path), sym,
				  sizeof(sym), &err), 0, "uprobe.multi: PATH:PATTERN splits");
	is_str(sym, "read*_?", "and keeps the wildcards");
	is_int(uprobe_split("/bin/bash:read*", path, sizeof(path), sym, sizeof(sym), &err),
	       -EINVAL, "a plain uprobe takes no wildcard");
	is_int(uprobe_multi_split("/bin/bash:a[b]", path, sizeof(path), sym,
				  sizeof(sym), &err), -EINVAL, "uprobe.multi: only * and ? (as libbpf)");
}

static void symbols(void)
{
	char big[300];
	struct bb_err err;

	is_int(symbol_name_check("do_unlinkat", "t", &err), 0, "do_unlinkat is a symbol");
	is_int(symbol_name_check("tcp_v4_rcv.cold", "t", &err), 0,
	       "compiler-made names with dots are symbols");
	is_int(symbol_name_check("", "t", &err), -EINVAL, "the empty name is not");
	is_int(symbol_name_check("../../x", "t", &err), -EINVAL, "a path is not");
	is_int(symbol_name_check("a b", "t", &err), -EINVAL, "a space is not allowed");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	is_int(symbol_name_check(big, "t", &err), -EINVAL, "299 bytes is too long");
}

int main(void)
{
	prefixes();
	uprobe_targets();
	symbols();
	return done_testing();
}
