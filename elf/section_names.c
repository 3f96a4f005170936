// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <linux/bpf.h>
#include <string.h>

#include "elf/bpf_uapi_new.h"
#include "elf/section_names.h"

/*
 * Section prefix -> program type.  The kernel needs the type at
 * BPF_PROG_LOAD time (it decides the context and the allowed helpers),
 * often with the expected attach type (the kernel refuses to attach a
 * program to another hook than the one it was verified for), and we need
 * to know how to attach.  The spellings are the ones libbpf accepts
 * (docs/program-types.md).  A prefix ending in '/' takes a target; one
 * without matches the name exactly or followed by '/': so more specific
 * names ("xdp/devmap") come before shorter ones ("xdp").
 */
#define SLEEPABLE BPF_F_SLEEPABLE
#define FRAGS BPF_F_XDP_HAS_FRAGS
static const struct sec_def sec_defs[] = {
	{ "tracepoint/", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT, 0 },
	{ "tp/", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT, 0 },
	{ "raw_tracepoint/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP, 0 },
	{ "raw_tp/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP, 0 },
	/* BTF-typed programs: the kernel checks their target at load. */
	{ "tp_btf/", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, ATTACH_BTF, 0 },
	{ "fentry/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, ATTACH_BTF, 0 },
	{ "fexit/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, ATTACH_BTF, 0 },
	{ "fmod_ret/", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, ATTACH_BTF, 0 },
	{ "fentry.s/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, ATTACH_BTF, SLEEPABLE },
	{ "fexit.s/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, ATTACH_BTF, SLEEPABLE },
	{ "fmod_ret.s/", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, ATTACH_BTF, SLEEPABLE },
	/* BPF LSM (5.7+): the hook is the kernel function bpf_lsm_NAME. */
	{ "lsm/", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, ATTACH_BTF, 0 },
	{ "lsm.s/", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, ATTACH_BTF, SLEEPABLE },
	/* Iterators (5.8+): the target is the kernel function bpf_iter_NAME. */
	{ "iter/", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, ATTACH_ITER, 0 },
	{ "iter.s/", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, ATTACH_ITER, SLEEPABLE },
	/* Probes: the context is struct pt_regs, one type for all four. */
	{ "kprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KPROBE, 0 },
	{ "kretprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KRETPROBE, 0 },
	{ "uprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_UPROBE, 0 },
	{ "uretprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_URETPROBE, 0 },
	{ "uprobe.s/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_UPROBE, SLEEPABLE },
	{ "uretprobe.s/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_URETPROBE, SLEEPABLE },
	/* Many kprobes in one link (5.18+, fprobe): PATTERN (kprobe_multi.c). */
	{ "kprobe.multi/", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, ATTACH_KPROBE_MULTI, 0 },
	{ "kretprobe.multi/", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, ATTACH_KRETPROBE_MULTI, 0 },
	/* Many uprobes in one link (6.6+): PATH:PATTERN (uprobe_multi.c). */
	{ "uprobe.multi/", BPF_PROG_TYPE_KPROBE, BB_TRACE_UPROBE_MULTI, ATTACH_UPROBE_MULTI, 0 },
	{ "uretprobe.multi/", BPF_PROG_TYPE_KPROBE, BB_TRACE_UPROBE_MULTI, ATTACH_URETPROBE_MULTI, 0 },
	/* A syscall probe is a kprobe on the arch's wrapper (ksyscall.c). */
	{ "ksyscall/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KSYSCALL, 0 },
	{ "kretsyscall/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KRETSYSCALL, 0 },
	/* A USDT probe: uprobes at its sites, its arguments' specs in
	 * usdt.bpf.h's maps (loader/attach/usdt.c). */
	{ "usdt/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_USDT, 0 },
	/* A sampling program: on the CPU clock of every CPU, or of a pid. */
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, ATTACH_PERF_EVENT, 0 },
	/* A probe section without a target: the user attaches it. */
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, 0 },
	{ "kretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, 0 },
	{ "uprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, 0 },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, 0 },
	{ "usdt", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, 0 },
	/* A program run by BPF_PROG_RUN from user space (5.14+). */
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, ATTACH_NONE, SLEEPABLE },
	/* XDP: the hook of a network interface, or of a devmap/cpumap entry. */
	{ "xdp.frags/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, ATTACH_NONE, FRAGS },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, ATTACH_NONE, 0 },
	{ "xdp.frags/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, ATTACH_NONE, FRAGS },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, ATTACH_NONE, 0 },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, ATTACH_XDP, FRAGS },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, ATTACH_XDP, 0 },
	/*
	 * Traffic control: tcx links on an interface (6.6+; before, a
	 * clsact filter); "tc" and "classifier" name no direction: a bpf
	 * filter on the clsact qdisc's ingress (or egress) through rtnetlink.
	 */
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_INGRESS, ATTACH_TCX, 0 },
	{ "tc/egress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_EGRESS, ATTACH_TCX, 0 },
	{ "tcx/ingress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_INGRESS, ATTACH_TCX, 0 },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, BB_TCX_EGRESS, ATTACH_TCX, 0 },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, ATTACH_TC, 0 },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, ATTACH_TC, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, ATTACH_NONE, 0 },
	/*
	 * Sockets: a socket filter on a socket; sk_skb/sk_msg on the sockets
	 * of a sockmap/sockhash; sk_lookup and flow_dissector on a netns.
	 */
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, ATTACH_SOCKET, 0 },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, ATTACH_NONE, 0 },
	{ "sk_reuseport", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT, ATTACH_NONE, 0 },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, ATTACH_SOCKMAP, 0 },
	{ "sk_skb/stream_verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_VERDICT, ATTACH_SOCKMAP, 0 },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, ATTACH_SOCKMAP, 0 },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, ATTACH_NONE, 0 },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, ATTACH_SOCKMAP, 0 },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, ATTACH_CGROUP, 0 },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, ATTACH_NETNS, 0 },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, ATTACH_NETNS, 0 },
	{ "lwt_in", BPF_PROG_TYPE_LWT_IN, 0, ATTACH_NONE, 0 },
	{ "lwt_out", BPF_PROG_TYPE_LWT_OUT, 0, ATTACH_NONE, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, ATTACH_NONE, 0 },
	{ "lwt_seg6local", BPF_PROG_TYPE_LWT_SEG6LOCAL, 0, ATTACH_NONE, 0 },
	{ "netfilter", BB_PROG_TYPE_NETFILTER, BB_NETFILTER, ATTACH_NETFILTER, 0 },
	/* cgroup v2 hooks, attached to a cgroup directory. */
	{ "cgroup_skb/ingress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, ATTACH_CGROUP, 0 },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, ATTACH_CGROUP, 0 },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, ATTACH_NONE, 0 },
	{ "cgroup/sock_create", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, ATTACH_CGROUP, 0 },
	{ "cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_RELEASE, ATTACH_CGROUP, 0 },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, ATTACH_CGROUP, 0 },
	{ "cgroup/post_bind4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND, ATTACH_CGROUP, 0 },
	{ "cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND, ATTACH_CGROUP, 0 },
	{ "cgroup/bind4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND, ATTACH_CGROUP, 0 },
	{ "cgroup/bind6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_BIND, ATTACH_CGROUP, 0 },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, ATTACH_CGROUP, 0 },
	{ "cgroup/connect6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_CONNECT, ATTACH_CGROUP, 0 },
	{ "cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_CONNECT, ATTACH_CGROUP, 0 },
	{ "cgroup/sendmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_SENDMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/sendmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_SENDMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/recvmsg4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_RECVMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/recvmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_RECVMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/recvmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_RECVMSG, ATTACH_CGROUP, 0 },
	{ "cgroup/getpeername4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETPEERNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/getpeername6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETPEERNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/getpeername_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_GETPEERNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/getsockname4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_GETSOCKNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/getsockname6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_GETSOCKNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/getsockname_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BB_CGROUP_UNIX_GETSOCKNAME, ATTACH_CGROUP, 0 },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, ATTACH_CGROUP, 0 },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, ATTACH_CGROUP, 0 },
	{ "cgroup/setsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, ATTACH_CGROUP, 0 },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, ATTACH_CGROUP, 0 },
	/*
	 * An extension (5.6+): replaces global function FUNC of a loaded
	 * program, given at load time (loader/load/freplace.c).
	 */
	{ "freplace/", BPF_PROG_TYPE_EXT, 0, ATTACH_BTF, 0 },
	/*
	 * Known, but they need what we do not do yet, so the kernel refuses
	 * them as libbpf would without it: the STRUCT_OPS map that registers
	 * them.
	 */
	{ "struct_ops/", BPF_PROG_TYPE_STRUCT_OPS, 0, ATTACH_NONE, 0 },
	{ "struct_ops.s/", BPF_PROG_TYPE_STRUCT_OPS, 0, ATTACH_NONE, SLEEPABLE },
	{ "struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, ATTACH_NONE, 0 },
};

const struct sec_def sec_def_unknown = {
	"", BPF_PROG_TYPE_UNSPEC, 0, ATTACH_NONE, 0
};

int sec_def_find(const char *name, const struct sec_def **def,
		 const char **target, struct bb_err *err)
{
	size_t i, len;

	for (i = 0; i < sizeof(sec_defs) / sizeof(sec_defs[0]); i++) {
		len = strlen(sec_defs[i].prefix);
		if (strncmp(name, sec_defs[i].prefix, len))
			continue;
		/* "kprobe" is "kprobe" or "kprobe/...", not "kprobe.multi". */
		if (sec_defs[i].prefix[len - 1] != '/' && name[len] &&
		    name[len] != '/')
			continue;
		*def = &sec_defs[i];
		*target = name + len;
		return 0;
	}
	return bb_errf(err, -ENOTSUP,
		       "elf: section '%s': unknown program type (docs/program-types.md lists the sections barebpf knows)",
		       name);
}

/* tracefs event and system names are C identifiers, in practice. */
static int tracefs_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 255)
		return 0;
	if ((len == 1 && s[0] == '.') || (len == 2 && !strncmp(s, "..", 2)))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return 0;
	}
	return 1;
}

int tracepoint_split(const char *target, char *cat, size_t cat_len,
		     char *name, size_t name_len, struct bb_err *err)
{
	const char *slash = strchr(target, '/');
	size_t clen, nlen;

	if (!slash)
		return bb_errf(err, -EINVAL,
			       "tracepoint '%s': expected CATEGORY/NAME", target);
	clen = slash - target;
	nlen = strlen(slash + 1);
	if (!tracefs_name_ok(target, clen) || !tracefs_name_ok(slash + 1, nlen))
		return bb_errf(err, -EINVAL,
			       "tracepoint '%s': category and name must each be 1 to 255 letters, digits, '_', '-' or '.' (and not '.' or '..')",
			       target);
	if (clen >= cat_len || nlen >= name_len)
		return bb_errf(err, -ENAMETOOLONG,
			       "tracepoint '%s': name too long", target);
	memcpy(cat, target, clen);
	cat[clen] = '\0';
	memcpy(name, slash + 1, nlen + 1);
	return 0;
}

static int symbol_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$' ||
	       c == '@';
}

int symbol_name_check(const char *name, const char *what, struct bb_err *err)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > 255)
		return bb_errf(err, -EINVAL,
			       "%s: expected a symbol name of 1 to 255 bytes after the prefix",
			       what);
	for (i = 0; i < len; i++)
		if (!symbol_char_ok(name[i]))
			return bb_errf(err, -EINVAL,
				       "%s: '%s' is not a symbol name (byte %zu: only letters, digits and _.$@)",
				       what, name, i);
	return 0;
}

static int split_path(const char *target, char *path, size_t path_len,
		      char *sym, size_t sym_len, struct bb_err *err)
{
	const char *colon = strrchr(target, ':');
	size_t plen;

	if (!colon || target[0] != '/')
		return bb_errf(err, -EINVAL,
			       "uprobe '%s': expected /ABSOLUTE/PATH:SYMBOL",
			       target);
	plen = colon - target;
	if (plen >= path_len || strlen(colon + 1) >= sym_len)
		return bb_errf(err, -ENAMETOOLONG, "uprobe '%s': name too long",
			       target);
	memcpy(path, target, plen);
	path[plen] = '\0';
	strcpy(sym, colon + 1);
	return 0;
}

int uprobe_split(const char *target, char *path, size_t path_len,
		 char *sym, size_t sym_len, struct bb_err *err)
{
	int ret = split_path(target, path, path_len, sym, sym_len, err);

	return ret ? ret : symbol_name_check(sym, "uprobe", err);
}

int symbol_pattern_check(const char *pattern, const char *what,
			 struct bb_err *err)
{
	size_t i, len = strlen(pattern);

	if (len == 0 || len > 255)
		return bb_errf(err, -EINVAL,
			       "%s: expected a pattern of 1 to 255 bytes", what);
	for (i = 0; i < len; i++)
		if (!symbol_char_ok(pattern[i]) && pattern[i] != '*' &&
		    pattern[i] != '?')
			return bb_errf(err, -EINVAL,
				       "%s: '%s' is not a symbol pattern (byte %zu: only letters, digits, _.$@ and the wildcards * and ?)",
				       what, pattern, i);
	return 0;
}

int uprobe_multi_split(const char *target, char *path, size_t path_len,
		       char *pattern, size_t pattern_len, struct bb_err *err)
{
	int ret = split_path(target, path, path_len, pattern, pattern_len, err);

	return ret ? ret : symbol_pattern_check(pattern, "uprobe.multi", err);
}

int sec_target_check(const struct sec_def *def, const char *section,
		     const char *target, struct bb_err *err)
{
	char a[4096], b[256];
	int ret;

	/*
	 * A bare prefix ("kprobe", "uprobe") or a uprobe naming only its
	 * symbol ("uretprobe/readline": the binary is chosen at run time, as
	 * libbpf-tools do) leaves the target to the user.  That is fine: the
	 * program loads, and only attaching by section name needs more.
	 */
	if (!*target && section[strlen(section) - 1] != '/')
		return 0;
	if (sec_def_needs_btf_id(def))
		return symbol_name_check(target, section, err);
	switch (def->attach) {
	case ATTACH_TRACEPOINT:
		ret = tracepoint_split(target, a, sizeof(b), b, sizeof(b), err);
		break;
	case ATTACH_RAW_TP:
	case ATTACH_BTF:
	case ATTACH_KPROBE:
	case ATTACH_KRETPROBE:
	case ATTACH_KSYSCALL:
	case ATTACH_KRETSYSCALL:
		return symbol_name_check(target, section, err);
	case ATTACH_KPROBE_MULTI:
	case ATTACH_KRETPROBE_MULTI:
		return symbol_pattern_check(target, section, err);
	case ATTACH_UPROBE_MULTI:
	case ATTACH_URETPROBE_MULTI:
		ret = uprobe_multi_split(target, a, sizeof(a), b, sizeof(b), err);
		break;
	case ATTACH_UPROBE:
	case ATTACH_URETPROBE:
		ret = strpbrk(target, "/:") ?
		      uprobe_split(target, a, sizeof(a), b, sizeof(b), err) :
		      symbol_name_check(target, "uprobe", err);
		break;
	default:
		return 0;
	}
	return ret ? bb_err_prefix(err, ret, "elf: section '%s'", section) : 0;
}
