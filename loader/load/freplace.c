// SPDX-License-Identifier: GPL-2.0
/*
 * freplace.c - the target of a freplace program (freplace.h).
 *
 * An extension program replaces one global function of a program that is
 * already loaded, in place: the kernel patches a jump at the function's
 * JITed entry when the link is made.  The verifier checks the extension
 * against the function's prototype, so the target is part of the load:
 * BPF_PROG_LOAD carries attach_prog_fd (the program) and attach_btf_id
 * (the function's FUNC record in *that program's* BTF, not the
 * kernel's).  Attaching is then BPF_RAW_TRACEPOINT_OPEN with no name, as
 * for fentry (raw_tp.c): one link, to the target fixed at load.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/load/btf_fetch.h"
#include "loader/load/freplace.h"
#include "loader/sys/sys.h"

static int no_target(const struct bb_prog *prog, struct bb_err *err)
{
	return bb_errf(err, -EINVAL,
		       "program '%s' (section '%s'): a freplace program is loaded against the program whose function it replaces: "
		       "bb_prog_set_attach_target(prog, that program's fd) before bb_object_load() (barebpf run --replace PROG_ID:%s)",
		       prog->spec->name, prog->spec->section, prog->spec->target);
}

/* The id of FUNC @name in the BTF object @btf_id, or -errno. */
static int func_in_btf(uint32_t btf_id, const char *name, struct bb_err *err)
{
	struct btf btf;
	void *data = NULL;
	int ret = btf_fetch(btf_id, &data, &btf, err);

	if (ret)
		return ret;
	ret = btf_find(&btf, name, BTF_KIND_FUNC);
	btf_free(&btf);
	free(data);
	return ret < 0 ? -ENOENT : ret;
}

int freplace_target_find(struct bb_prog *prog, struct bb_err *err)
{
	const char *func = prog->spec->target;
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int ret;

	if (!prog->has_attach_target)
		return no_target(prog, err);
	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(prog->attach_target, &info, &len);
	if (ret)
		return bb_errf(err, ret,
			       "program '%s': its target, fd %d: bpf(BPF_OBJ_GET_INFO_BY_FD): %s",
			       prog->spec->name, prog->attach_target, errno_text(-ret));
	if (!info.btf_id)
		return bb_errf(err, -EINVAL,
			       "program '%s' (section '%s'): target program %u ('%.*s') has no BTF: the kernel checks the replacement against %s's prototype there (build the target with clang -g)",
			       prog->spec->name, prog->spec->section, info.id,
			       (int)sizeof(info.name), info.name, func);
	ret = func_in_btf(info.btf_id, func, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "program '%s' (section '%s'): target program %u ('%.*s') has no function '%s' in its BTF (id %u)",
			       prog->spec->name, prog->spec->section, info.id,
			       (int)sizeof(info.name), info.name, func, info.btf_id);
	if (ret < 0)
		return bb_err_prefix(err, ret, "program '%s': target program %u",
				     prog->spec->name, info.id);
	prog->attach_btf_id = ret;
	return 0;
}
