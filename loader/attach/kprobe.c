// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe.c - kprobes through perf_event_open(2), with no tracefs.
 *
 * Since Linux 4.17 the kernel offers a "kprobe" PMU: perf_event_open()
 * with its type (read from sysfs), the function name in config1 and an
 * offset in config2 creates the probe, and closing the fd removes it.  No
 * text is written to tracefs/kprobe_events and nothing is left behind if
 * we die.  The retprobe bit in config (its number also read from sysfs)
 * asks for a kretprobe instead.
 */
#include "loader/attach/kprobe.h"
#include "loader/attach/perf_attach.h"

int kprobe_attach_func(struct bb_prog *prog, const char *func, bool retprobe,
		       struct bb_err *err)
{
	const char *what = retprobe ? "kretprobe" : "kprobe";
	int pfd, ret;

	ret = symbol_name_check(func, prog->spec->section, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	pfd = probe_event_open("kprobe", retprobe, func, 0, err);
	if (pfd < 0)
		return bb_err_prefix(err, pfd, "program '%s': %s %s",
				     prog->spec->name, what, func);
	return perf_attach(prog, pfd, what, err);
}

int kprobe_attach(struct bb_prog *prog, struct bb_err *err)
{
	return kprobe_attach_func(prog, prog->spec->target,
				  prog->spec->def->attach == ATTACH_KRETPROBE,
				  err);
}
