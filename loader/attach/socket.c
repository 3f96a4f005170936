// SPDX-License-Identifier: GPL-2.0
/* socket.c - SO_ATTACH_BPF (socket.h). */
#include <sys/socket.h>

#include "elf/base/errno_names.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/socket.h"
#include "loader/sys/sys.h"

int socket_attach(struct bb_prog *prog, struct bb_err *err)
{
	int ret = attach_target_need(prog, "a socket", err);

	if (ret)
		return ret;
	ret = sys_setsockopt(prog->attach_target, SOL_SOCKET, SO_ATTACH_BPF,
			     &prog->fd, sizeof(prog->fd));
	if (ret < 0)
		return bb_errf(err, ret,
			       "program '%s': setsockopt(fd %d, SO_ATTACH_BPF): %s",
			       prog->spec->name, prog->attach_target,
			       errno_text(-ret));
	return 0;
}
