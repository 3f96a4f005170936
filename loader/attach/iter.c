// SPDX-License-Identifier: GPL-2.0
/* iter.c - BPF iterators: a link, then a readable fd per run (iter.h). */
#include <errno.h>

#include "elf/base/errno_names.h"
#include "loader/attach/iter.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

int iter_attach(struct bb_prog *prog, struct bb_err *err)
{
	int fd = sys_link_create(prog->fd, 0, BPF_TRACE_ITER);

	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s' (section '%s'): bpf(BPF_LINK_CREATE, BPF_TRACE_ITER): %s%s",
			       prog->spec->name, prog->spec->section,
			       errno_text(-fd), errno_hint(fd));
	prog->attach_fd = fd;
	return 0;
}

int iter_open(const struct bb_prog *prog, struct bb_err *err)
{
	int fd;

	if (prog->attach_fd < 0)
		return bb_errf(err, -EINVAL, "program '%s' is not attached",
			       prog->spec->name);
	fd = sys_iter_create(prog->attach_fd);
	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s': bpf(BPF_ITER_CREATE): %s",
			       prog->spec->name, errno_text(-fd));
	return fd;
}
