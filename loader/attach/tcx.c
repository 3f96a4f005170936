// SPDX-License-Identifier: GPL-2.0
/* tcx.c - tc programs through a tcx link on an interface (tcx.h). */
#include <errno.h>

#include "elf/bpf_uapi_new.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/tc_netlink.h"
#include "loader/attach/tcx.h"
#include "loader/sys/narrate.h"

int tcx_attach(struct bb_prog *prog, struct bb_err *err)
{
	uint32_t type = prog->spec->def->expected_attach_type;
	int ret = attach_target_need(prog, "an interface (--iface NAME)", err);

	if (ret)
		return ret;
	/* Appended after the programs already there: no relative_fd. */
	ret = attach_link_create(prog, type, "interface", err);
	if (ret != -EINVAL)
		return ret;
	/*
	 * A kernel before 6.6 knows no tcx attach type: it loads the
	 * program (a sched_cls one, whatever its expected attach type) but
	 * refuses the link with EINVAL.  The clsact filter runs it the same
	 * way: direct-action, TC_ACT_* verdicts (TCX_NEXT is TC_ACT_UNSPEC,
	 * TCX_PASS TC_ACT_OK, TCX_DROP TC_ACT_SHOT).
	 */
	narrate_say("tcx needs Linux 6.6; this kernel refused the link (EINVAL): using a clsact qdisc and a bpf filter (rtnetlink)");
	return tc_netlink_attach(prog, type == BB_TCX_EGRESS, err);
}
