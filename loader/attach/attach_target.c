// SPDX-License-Identifier: GPL-2.0
/* attach_target.c - attach kinds whose target the user gives (attach_target.h). */
#include <errno.h>

#include "elf/base/errno_names.h"
#include "loader/attach/attach_target.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

int attach_target_need(const struct bb_prog *prog, const char *what,
		       struct bb_err *err)
{
	if (prog->has_attach_target)
		return 0;
	return bb_errf(err, -EINVAL,
		       "program '%s' (section '%s'): attaching it needs %s: bb_prog_set_attach_target()",
		       prog->spec->name, prog->spec->section, what);
}

int attach_link_create_on(struct bb_prog *prog, int target,
			  uint32_t attach_type, const char *what,
			  struct bb_err *err)
{
	int fd = sys_link_create(prog->fd, target, attach_type);

	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s' (section '%s'): bpf(BPF_LINK_CREATE) on %s %d: %s%s",
			       prog->spec->name, prog->spec->section, what,
			       target, errno_text(-fd), errno_hint(fd));
	prog->attach_fd = fd;
	return 0;
}

int attach_link_create(struct bb_prog *prog, uint32_t attach_type,
		       const char *what, struct bb_err *err)
{
	return attach_link_create_on(prog, prog->attach_target, attach_type,
				     what, err);
}
