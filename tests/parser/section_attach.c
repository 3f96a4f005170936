// SPDX-License-Identifier: GPL-2.0
/*
 * section_attach.c - the section prefixes of issue 7 map to the program
 * type, expected attach type and attach kind the kernel and the loader
 * need, and their targets are checked before they reach a path or the
 * kernel.
 */
#include <errno.h>
#include <linux/bpf.h>

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
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, ATTACH_NONE, "" },
	{ "usdt", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE, "" },
	{ "tp/sched/sched_process_exec", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT, "sched/sched_process_exec" },
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
	is_int(sec_def_find("kprobe.multi/x", &def, &target, &err), -ENOTSUP,
	       "an unknown prefix is refused");
	like(err.msg, "uretprobe/", "and the message lists the prefixes we know");
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
