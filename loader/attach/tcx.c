// SPDX-License-Identifier: GPL-2.0
/* tcx.c - tc programs through a tcx link on an interface (tcx.h). */
#include "loader/attach/attach_target.h"
#include "loader/attach/tcx.h"

int tcx_attach(struct bb_prog *prog, struct bb_err *err)
{
	int ret = attach_target_need(prog, "an interface (--iface NAME)", err);

	/* Appended after the programs already there: no relative_fd. */
	return ret ? ret :
	       attach_link_create(prog, prog->spec->def->expected_attach_type,
				  "interface", err);
}
