// SPDX-License-Identifier: GPL-2.0
/*
 * prog_api.c - a program's public face (loader/barebpf.h): its fields,
 * whether bb_object_load() loads it, what it attaches to, and running it
 * once (BPF_PROG_RUN).
 */
#include <errno.h>

#include "elf/base/errno_names.h"
#include "loader/sys/sys.h"

#include "loader/core/types.h"

int bb_prog_fd(const struct bb_prog *prog)
{
	return prog->fd;
}

const char *bb_prog_name(const struct bb_prog *prog)
{
	return prog->spec->name;
}

const char *bb_prog_section(const struct bb_prog *prog)
{
	return prog->spec->section;
}

/* bb_object_load() and bb_object_attach() skip a program that is off. */
int bb_prog_set_autoload(struct bb_prog *prog, bool autoload)
{
	if (prog->fd >= 0)
		return -EBUSY;
	prog->off = !autoload;
	return 0;
}

int bb_prog_set_attach_target(struct bb_prog *prog, int target)
{
	/* freplace: the target is part of the load. */
	if (prog_attached(prog) ||
	    (prog->fd >= 0 && prog->spec->def->prog_type == BPF_PROG_TYPE_EXT))
		return -EBUSY;
	prog->attach_target = target;
	prog->has_attach_target = true;
	return 0;
}

int bb_prog_set_tc_dir(struct bb_prog *prog, enum bb_tc_dir dir)
{
	if (prog->spec->def->attach != ATTACH_TC ||
	    (dir != BB_TC_INGRESS && dir != BB_TC_EGRESS))
		return -EINVAL;
	if (prog_attached(prog))
		return -EBUSY;
	prog->tc_egress = dir == BB_TC_EGRESS;
	return 0;
}

int bb_prog_set_netfilter(struct bb_prog *prog, uint32_t pf,
			  uint32_t hooknum, int32_t priority, uint32_t flags)
{
	if (prog->spec->def->attach != ATTACH_NETFILTER)
		return -EINVAL;
	if (prog_attached(prog))
		return -EBUSY;
	prog->nf = (struct nf_hook_opts){ pf, hooknum, flags, priority, true };
	return 0;
}

int bb_prog_run(const struct bb_prog *prog, const void *ctx, uint32_t ctx_len,
		uint32_t *retval, struct bb_err *err)
{
	int ret;

	if (prog->fd < 0)
		return bb_errf(err, -EINVAL, "program '%s' is not loaded",
			       prog->spec->name);
	ret = sys_prog_test_run(prog->fd, ctx, ctx_len, NULL, 0, retval);
	if (ret < 0)
		return bb_errf(err, ret,
			       "program '%s' (section '%s'): bpf(BPF_PROG_RUN): %s",
			       prog->spec->name, prog->spec->section,
			       errno_text(-ret));
	return 0;
}
