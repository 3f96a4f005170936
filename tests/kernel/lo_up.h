/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lo_up.h - bring up "lo" in a network namespace a test has just made
 * (unshare(CLONE_NEWNET)): a new namespace's loopback starts down.
 */
#ifndef BAREBPF_TESTS_LO_UP_H
#define BAREBPF_TESTS_LO_UP_H

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* 0, or -1 with errno set. */
static inline int lo_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = fd < 0 ? -1 : ioctl(fd, SIOCGIFFLAGS, &ifr);

	ifr.ifr_flags |= IFF_UP;
	if (!ret)
		ret = ioctl(fd, SIOCSIFFLAGS, &ifr);
	if (fd >= 0)
		close(fd);
	return ret;
}

#endif
