// SPDX-License-Identifier: GPL-2.0
/* netlink.c - rtnetlink requests over a raw socket (netlink.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/sys/narrate.h"
#include "loader/sys/netlink.h"
#include "loader/sys/sys.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * The type of the first message (all we send at a time; an answer's
 * NLMSG_ERROR carries its error, 0 for the acknowledgement), for -v.
 */
static const char *nl_type_name(uint16_t type)
{
	switch (type) {
	case NLMSG_ERROR: return "NLMSG_ERROR";
	case NLMSG_DONE: return "NLMSG_DONE";
	case RTM_NEWQDISC: return "RTM_NEWQDISC";
	case RTM_DELQDISC: return "RTM_DELQDISC";
	case RTM_NEWTFILTER: return "RTM_NEWTFILTER";
	case RTM_DELTFILTER: return "RTM_DELTFILTER";
	case RTM_GETTFILTER: return "RTM_GETTFILTER";
	}
	return NULL;
}

static void nl_words(char *out, size_t len, const void *buf, long n)
{
	const struct nlmsghdr *h = buf;
	const char *name;
	int e;

	if (n < (long)sizeof(*h))
		return;
	name = nl_type_name(h->nlmsg_type);
	if (h->nlmsg_type != NLMSG_ERROR || n < (long)(sizeof(*h) + sizeof(e))) {
		if (name)
			fmt_snprintf(out, len, ", %s", name);
		else
			fmt_snprintf(out, len, ", type %u", h->nlmsg_type);
		return;
	}
	memcpy(&e, h + 1, sizeof(e));
	if (e)
		fmt_snprintf(out, len, ", NLMSG_ERROR %d (%s)", e, errno_text(-e));
	else
		fmt_snprintf(out, len, ", NLMSG_ERROR 0 (the acknowledgement)");
}

/* Our requests' sequence numbers: an answer carries its request's. */
static uint32_t nl_seq;

static void *nl_put(struct nl_req *r, size_t len)
{
	size_t at = r->len, end = at + NLMSG_ALIGN(len);
	void *p;

	if (end > sizeof(r->buf)) {
		r->too_long = 1;
		return NULL;
	}
	p = r->buf + at;
	memset(p, 0, end - at);
	r->len = end;
	((struct nlmsghdr *)r->buf)->nlmsg_len = (uint32_t)end;
	return p;
}

void nl_req_init(struct nl_req *r, uint16_t type, uint16_t flags,
		 const void *hdr, size_t hdr_len)
{
	struct nlmsghdr *h;
	void *p;

	r->len = 0;
	r->too_long = 0;
	h = nl_put(r, sizeof(*h));
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	p = nl_put(r, hdr_len);
	if (p)
		memcpy(p, hdr, hdr_len);
}

void nl_attr(struct nl_req *r, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = nl_put(r, NLA_HDRLEN + len);

	if (!a)
		return;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
}

void nl_attr_u32(struct nl_req *r, uint16_t type, uint32_t v)
{
	nl_attr(r, type, &v, sizeof(v));
}

void nl_attr_str(struct nl_req *r, uint16_t type, const char *s)
{
	nl_attr(r, type, s, strlen(s) + 1);
}

size_t nl_nest_start(struct nl_req *r, uint16_t type)
{
	size_t at = r->len;

	nl_attr(r, type | NLA_F_NESTED, NULL, 0);
	return at;
}

void nl_nest_end(struct nl_req *r, size_t at)
{
	struct nlattr *a = (struct nlattr *)(r->buf + at);

	if (!r->too_long)
		a->nla_len = (uint16_t)(r->len - at);
}

int nl_open(struct bb_err *err)
{
	int one = 1, fd;

	fd = sys_socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return bb_errf(err, fd, "socket(AF_NETLINK, NETLINK_ROUTE): %s",
			       errno_text(-fd));
	/*
	 * The kernel's sentence with its errno (4.12+).  An older kernel
	 * refuses the option: its errors come without one, no harm.
	 */
	sys_setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	narrate_buf_words = nl_words;
	return fd;
}

/* The sentence NLMSGERR_ATTR_MSG in the attributes after the error. */
static const char *ext_ack_msg(const struct bytes *body, uint16_t flags)
{
	const struct nlmsgerr *e = buf_slice(body, 0, sizeof(*e));
	uint64_t off;

	if (!e || !(flags & NLM_F_ACK_TLVS))
		return NULL;
	/* The request follows whole, unless the kernel capped it. */
	off = sizeof(*e);
	if (!(flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= sizeof(e->msg))
		off += NLMSG_ALIGN(e->msg.nlmsg_len - sizeof(e->msg));
	for (;;) {
		const struct nlattr *a = buf_slice(body, off, sizeof(*a));

		if (!a || a->nla_len < NLA_HDRLEN ||
		    !buf_slice(body, off, a->nla_len))
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			struct bytes s = { body->data, off + a->nla_len };

			return buf_str(&s, off + NLA_HDRLEN);
		}
		off += NLA_ALIGN(a->nla_len);
	}
}

static int nl_error(const struct nlmsghdr *h, const struct bytes *body,
		    const char *what, struct bb_err *err)
{
	const struct nlmsgerr *e = buf_slice(body, 0, sizeof(int));
	const char *msg;

	if (!e)
		return bb_errf(err, -EPROTO, "%s: a short NLMSG_ERROR", what);
	if (e->error >= 0)
		return 0;
	msg = ext_ack_msg(body, h->nlmsg_flags);
	return bb_errf(err, e->error, "%s: %s%s%s%s", what,
		       errno_text(-e->error), msg ? " (the kernel: \"" : "",
		       msg ? msg : "", msg ? "\")" : "");
}

/*
 * The messages of one read: 1 when the answer is complete, 0 to read
 * on, or -errno.
 */
static int nl_walk(const struct bytes *b, uint32_t seq, const char *what,
		   nl_msg_fn fn, void *ctx, struct bb_err *err)
{
	uint64_t off = 0;
	int ret;

	while (off < b->len) {
		const struct nlmsghdr *h = buf_slice(b, off, sizeof(*h));
		struct bytes body;

		if (!h || h->nlmsg_len < sizeof(*h) ||
		    !buf_slice(b, off, h->nlmsg_len))
			return bb_errf(err, -EPROTO, "%s: a truncated answer",
				       what);
		body.data = (const uint8_t *)h + sizeof(*h);
		body.len = h->nlmsg_len - sizeof(*h);
		off += NLMSG_ALIGN(h->nlmsg_len);
		if (h->nlmsg_seq != seq)	/* an older request's */
			continue;
		if (h->nlmsg_type == NLMSG_ERROR)
			return (ret = nl_error(h, &body, what, err)) ? ret : 1;
		if (h->nlmsg_type == NLMSG_DONE)
			return 1;
		if (fn && (ret = fn(h, &body, ctx)) < 0)
			return ret;
	}
	return 0;
}

int nl_talk(int fd, struct nl_req *r, const char *what, nl_msg_fn fn,
	    void *ctx, struct bb_err *err)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr *h = (struct nlmsghdr *)r->buf;
	uint8_t buf[8192] __attribute__((aligned(4)));
	ssize_t n;
	int ret = 0;

	if (r->too_long)
		return bb_errf(err, -EMSGSIZE, "%s: request too long", what);
	h->nlmsg_seq = ++nl_seq;
	n = sys_sendto(fd, r->buf, r->len, &kernel, sizeof(kernel));
	if (n < 0)
		return bb_errf(err, (int)n, "%s: sendto: %s", what,
			       errno_text((int)-n));
	while (!ret) {
		struct bytes b = { buf, 0 };

		n = sys_recv(fd, buf, sizeof(buf));
		if (n <= 0)
			return bb_errf(err, n ? (int)n : -EPROTO,
				       "%s: recvfrom: %s", what,
				       n ? errno_text((int)-n) : "no answer");
		b.len = (size_t)n;
		ret = nl_walk(&b, h->nlmsg_seq, what, fn, ctx, err);
	}
	return ret < 0 ? ret : 0;
}
