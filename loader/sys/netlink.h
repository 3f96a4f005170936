/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netlink.h - requests to the kernel over a raw NETLINK_ROUTE socket
 * (rtnetlink), written by hand: no libnl, no libmnl.
 *
 * A request is one message: a struct nlmsghdr, the family's own header
 * (struct tcmsg for traffic control), then attributes (type-length-value,
 * 4-byte aligned), some nested.  We ask for an acknowledgement
 * (NLM_F_ACK): the kernel answers every request with an NLMSG_ERROR
 * message whose error is 0 or -errno, and, since Linux 4.12 when the
 * socket asked for it (NETLINK_EXT_ACK), a sentence saying why
 * (NLMSGERR_ATTR_MSG).  One sendto(2), then recvfrom(2) until that
 * answer: strace shows each message.  Used by loader/attach/tc_netlink.c.
 */
#ifndef BAREBPF_NETLINK_H
#define BAREBPF_NETLINK_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>

#include "elf/base/buf.h"
#include "elf/base/err.h"

/* One request being written.  Too long for @buf: nl_talk() says so. */
struct nl_req {
	uint8_t buf[256] __attribute__((aligned(4)));
	size_t len;
	int too_long;
};

/* A new message of @type: the header, then @hdr_len bytes of @hdr. */
void nl_req_init(struct nl_req *r, uint16_t type, uint16_t flags,
		 const void *hdr, size_t hdr_len);
void nl_attr(struct nl_req *r, uint16_t type, const void *data, size_t len);
void nl_attr_u32(struct nl_req *r, uint16_t type, uint32_t v);
void nl_attr_str(struct nl_req *r, uint16_t type, const char *s);
/* A nested attribute: its offset, for nl_nest_end() to set its length. */
size_t nl_nest_start(struct nl_req *r, uint16_t type);
void nl_nest_end(struct nl_req *r, size_t at);

/* socket(AF_NETLINK, NETLINK_ROUTE) with extended acks: an fd or -errno. */
int nl_open(struct bb_err *err);

/*
 * For each message of the answer other than the final NLMSG_ERROR (an
 * echo, NLM_F_ECHO, or the lines of a dump, NLM_F_DUMP): @body is what
 * follows the struct nlmsghdr.  A negative return stops the reading.
 */
typedef int (*nl_msg_fn)(const struct nlmsghdr *h, const struct bytes *body,
			 void *ctx);

/*
 * Send @r on @fd and read the answer to it.  0, or the kernel's -errno
 * with "@what: ERRNO text (the kernel: \"its sentence\")" in @err.  A
 * dump ends at NLMSG_DONE.
 */
int nl_talk(int fd, struct nl_req *r, const char *what, nl_msg_fn fn,
	    void *ctx, struct bb_err *err);

#endif
