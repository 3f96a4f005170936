/* SPDX-License-Identifier: GPL-2.0 */
/*
 * section_names.h - what a program's ELF section name says about it.
 *
 * By convention (shared with libbpf, cilium/ebpf and aya) a BPF program's
 * section name is "<prefix>/<attach target>": "tp/sched/sched_process_exec"
 * is a tracepoint program for the tracepoint sched:sched_process_exec.
 */
#ifndef BAREBPF_SECTION_NAMES_H
#define BAREBPF_SECTION_NAMES_H

#include <linux/bpf.h>
#include <stdint.h>

#include "elf/base/err.h"

enum attach_kind {
	ATTACH_NONE,		/* loaded, attached by the user */
	ATTACH_TRACEPOINT,	/* perf_event_open on a tracefs event id */
	ATTACH_RAW_TP,		/* BPF_RAW_TRACEPOINT_OPEN by name */
	ATTACH_BTF,		/* tp_btf/fentry/fexit/lsm/freplace: BTF id at
				 * load, then BPF_RAW_TRACEPOINT_OPEN, no name */
	ATTACH_KPROBE,		/* perf_event_open on the kprobe PMU */
	ATTACH_KRETPROBE,
	ATTACH_UPROBE,		/* perf_event_open on the uprobe PMU */
	ATTACH_URETPROBE,
	ATTACH_XDP,		/* BPF_LINK_CREATE on an interface */
	ATTACH_CGROUP,		/* BPF_LINK_CREATE on a cgroup v2 directory */
	ATTACH_SOCKET,		/* setsockopt(SO_ATTACH_BPF) on a socket */
	ATTACH_ITER,		/* BPF_LINK_CREATE, then BPF_ITER_CREATE, read */
	ATTACH_TCX,		/* BPF_LINK_CREATE on an interface (6.6+) */
	ATTACH_TC,		/* a bpf filter on a clsact qdisc (rtnetlink) */
	ATTACH_SOCKMAP,		/* BPF_PROG_ATTACH to a sockmap/sockhash */
	ATTACH_NETNS,		/* BPF_LINK_CREATE on a network namespace */
	ATTACH_KSYSCALL,	/* a kprobe on the syscall's wrapper */
	ATTACH_KRETSYSCALL,
	ATTACH_PERF_EVENT,	/* perf_event_open of a sampling event */
	ATTACH_UPROBE_MULTI,	/* BPF_LINK_CREATE on a file's offsets (6.6+) */
	ATTACH_URETPROBE_MULTI,
	ATTACH_KPROBE_MULTI,	/* BPF_LINK_CREATE on kernel functions (fprobe) */
	ATTACH_KRETPROBE_MULTI,
	ATTACH_USDT,		/* uprobes at a USDT probe's sites, cookies */
	ATTACH_NETFILTER,	/* BPF_LINK_CREATE on a netfilter hook (6.4+) */
};

struct sec_def {
	const char *prefix;	/* "tp/", including the slash */
	uint32_t prog_type;	/* BPF_PROG_TYPE_* */
	uint32_t expected_attach_type;
	enum attach_kind attach;
	uint32_t prog_flags;	/* BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS */
};

/*
 * The entry of a program whose section we do not know (prog_type
 * BPF_PROG_TYPE_UNSPEC): the object still opens, the program is parsed but
 * not loaded, so its neighbours load (issue 16).
 */
extern const struct sec_def sec_def_unknown;

static inline int sec_def_known(const struct sec_def *def)
{
	return def->prog_type != BPF_PROG_TYPE_UNSPEC;
}

/*
 * Tracing programs (tp_btf, fentry/fexit/fmod_ret, iter) and LSM ones
 * are loaded against the kernel BTF id of their target: the verifier
 * types their context from it.  Their section names that target.  A
 * freplace program (ext) is too, but its target is a function in another
 * program's BTF (loader/load/freplace.c).
 */
static inline int sec_def_needs_btf_id(const struct sec_def *def)
{
	return def->prog_type == BPF_PROG_TYPE_TRACING ||
	       def->prog_type == BPF_PROG_TYPE_LSM ||
	       def->prog_type == BPF_PROG_TYPE_EXT;
}

/*
 * Find the entry for section @name.  *@target is set to what follows the
 * prefix.  An unknown prefix is -ENOTSUP with a message naming it.
 */
int sec_def_find(const char *name, const struct sec_def **def,
		 const char **target, struct bb_err *err);

/*
 * Split a tracepoint target "category/name" into its two parts, checking
 * each is a plain tracefs name ([A-Za-z0-9_.-], not "." or "..", at most
 * 255 bytes) so that it can safely become part of a path.
 */
int tracepoint_split(const char *target, char *cat, size_t cat_len,
		     char *name, size_t name_len, struct bb_err *err);

/*
 * Check that @name is a plain symbol name (a kernel function, a raw
 * tracepoint, a symbol in an executable): [A-Za-z0-9_.$@]+, at most 255
 * bytes.  @what names the program's section for the message.
 */
int symbol_name_check(const char *name, const char *what, struct bb_err *err);

/*
 * Split a uprobe target "PATH:SYMBOL" at its last ':'.  PATH must be
 * absolute (the kernel resolves it, and we read the same file to find
 * SYMBOL's offset).
 */
int uprobe_split(const char *target, char *path, size_t path_len,
		 char *sym, size_t sym_len, struct bb_err *err);

/*
 * The same for "PATH:PATTERN" (uprobe.multi), the pattern a symbol name
 * that may hold the wildcards '*' and '?' (symbol_pattern_check()).
 */
int uprobe_multi_split(const char *target, char *path, size_t path_len,
		       char *pattern, size_t pattern_len, struct bb_err *err);
int symbol_pattern_check(const char *pattern, const char *what,
			 struct bb_err *err);

/*
 * Check the attach target of @def now, as the loader will when it attaches
 * (tracepoint_split, symbol_name_check or uprobe_split): a name that will
 * become part of a tracefs path or a PMU's argument is refused at parse
 * time, so that no tool (not even an inspector) accepts it.  @section
 * names the section in the message.
 */
int sec_target_check(const struct sec_def *def, const char *section,
		     const char *target, struct bb_err *err);

#endif
