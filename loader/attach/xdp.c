// SPDX-License-Identifier: GPL-2.0
/*
 * xdp.c - XDP through a BPF link on an interface (xdp.h).
 *
 * Without flags the kernel picks the driver's native hook if it has one,
 * else the generic one (after the skb is built): a veth has both.  A
 * link, unlike the older netlink attachment, cannot be replaced by
 * another program behind our back, and goes away with its last fd.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "elf/base/errno_names.h"
#include "loader/attach/attach_target.h"
#include "loader/attach/xdp.h"
#include "loader/sys/sys.h"

int xdp_attach(struct bb_prog *prog, struct bb_err *err)
{
	int ret = attach_target_need(prog, "an interface (--iface NAME)", err);

	return ret ? ret : attach_link_create(prog, BPF_XDP, "interface",
					      err);
}

int xdp_ifindex(const char *name, struct bb_err *err)
{
	struct ifreq ifr;
	int fd, ret;

	if (strlen(name) >= sizeof(ifr.ifr_name))
		return bb_errf(err, -ENAMETOOLONG,
			       "interface '%s': name too long", name);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	fd = sys_socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return bb_errf(err, fd, "socket(AF_INET): %s", errno_text(-fd));
	ret = sys_ioctl(fd, SIOCGIFINDEX, (unsigned long)&ifr);
	sys_close(fd);
	if (ret < 0)
		return bb_errf(err, ret, "interface '%s': %s", name,
			       ret == -ENODEV ? "no such interface" :
			       errno_text(-ret));
	return ifr.ifr_ifindex;
}
