// SPDX-License-Identifier: GPL-2.0
/* netns.c - sk_lookup and flow_dissector on a network namespace (netns.h). */
#include <fcntl.h>

#include "elf/base/errno_names.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/netns.h"
#include "loader/sys/sys.h"

#define NETNS_SELF "/proc/self/ns/net"

int netns_attach(struct bb_prog *prog, struct bb_err *err)
{
	uint32_t type = prog->spec->def->expected_attach_type;
	int ret, fd;

	if (prog->has_attach_target)
		return attach_link_create(prog, type, "netns fd", err);
	fd = sys_open(NETNS_SELF, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return bb_errf(err, fd, "program '%s': %s: %s",
			       prog->spec->name, NETNS_SELF, errno_text(-fd));
	/* The link holds the namespace, not our fd. */
	ret = attach_link_create_on(prog, fd, type, "netns fd", err);
	sys_close(fd);
	return ret;
}
