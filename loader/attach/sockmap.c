// SPDX-License-Identifier: GPL-2.0
/*
 * sockmap.c - sk_skb/sk_msg programs on a sockmap or sockhash (sockmap.h).
 *
 * Since Linux 6.10 a BPF link can hold this attachment too
 * (BPF_LINK_CREATE, BPF_LINK_TYPE_SOCKMAP), but BPF_PROG_ATTACH works on
 * every kernel that has the program types, the 6.1 of Debian 12 (and of
 * our VM tier) included, and is what libbpf's bpf_prog_attach() does: so
 * we attach with it and detach with BPF_PROG_DETACH when the object
 * closes (prog->map_attached).
 */
#include <errno.h>

#include "elf/base/errno_names.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/sockmap.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

int sockmap_attach(struct bb_prog *prog, struct bb_err *err)
{
	uint32_t type = prog->spec->def->expected_attach_type;
	int ret = attach_target_need(prog,
				     "a sockmap or sockhash (--sockmap MAP)",
				     err);

	if (ret)
		return ret;
	ret = sys_prog_attach(prog->fd, prog->attach_target, type);
	if (ret < 0)
		return bb_errf(err, ret,
			       "program '%s' (section '%s'): bpf(BPF_PROG_ATTACH) to map fd %d: %s%s",
			       prog->spec->name, prog->spec->section,
			       prog->attach_target, errno_text(-ret),
			       ret == -EINVAL ? " (is it a sockmap or sockhash?)" :
			       errno_hint(ret));
	prog->map_attached = true;
	return 0;
}
