// SPDX-License-Identifier: GPL-2.0
/* cgroup.c - cgroup programs through a BPF link on a directory (cgroup.h). */
#include "loader/attach/attach_target.h"
#include "loader/attach/cgroup.h"

int cgroup_attach(struct bb_prog *prog, struct bb_err *err)
{
	int ret = attach_target_need(prog,
				     "a cgroup v2 directory (--cgroup PATH)",
				     err);

	return ret ? ret :
	       attach_link_create(prog, prog->spec->def->expected_attach_type,
				  "cgroup fd", err);
}
