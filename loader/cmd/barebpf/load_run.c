// SPDX-License-Identifier: GPL-2.0
/*
 * load_run.c - what `barebpf load` does with programs once loaded:
 * --xlated prints the instructions as the kernel translated them, and
 * --run SECONDS attaches them and prints what they send, raw.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "loader/cmd/common/tool.h"
#include "loader/load/obj_core.h"
#include "loader/load/xlated.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/load.h"

void load_print_xlated(const struct bb_prog *p)
{
	struct bpf_insn *insns;
	uint32_t n;

	if (xlated_fetch(p->fd, &insns, &n) == 0) {
		xlated_print(out_stdout, p->spec->name, insns, n);
		free(insns);
	}
}

int load_run(struct bb_object *obj, const struct load_opts *o,
	     struct bb_err *err)
{
	struct events *ev = NULL;
	sigset_t stop;
	int ret;

	out_flush(out_stdout);
	ret = tool_block_stop_signals(&stop, err);
	if (!ret)
		ret = run_attach(obj, NULL, &ev, err);
	if (!ret)
		ret = events_wait(ev, &stop, o->run_s * 1000, err);
	/* What came in the last moment (or before Ctrl+C) is printed too. */
	if (ret >= 0 && events_count(ev))
		ret = events_poll(ev, 0, err);
	events_free(ev);
	return ret > 0 ? 0 : ret;
}
