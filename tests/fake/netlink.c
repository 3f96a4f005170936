// SPDX-License-Identifier: GPL-2.0
/*
 * netlink - rtnetlink answers from a fake kernel (no root): what
 * loader/sys/netlink.c makes of an acknowledgement, an error with the
 * kernel's sentence (the request echoed whole or capped), an echo before
 * the acknowledgement, an answer to an older request, and of answers no
 * kernel should send (truncated, lengths that lie, a sentence without
 * its NUL): an error naming the request, never a read out of bounds.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/syscall.h>

#include "loader/sys/netlink.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

static struct {
	uint8_t sent[512];
	long sent_len;
	uint8_t answers[4][512];	/* one per recvfrom, in turn */
	long lens[4];
	int nr, next;
} k;

static long fake(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	(void)a1, (void)a4, (void)a5, (void)a6;
	if (nr == __NR_sendto) {
		k.sent_len = a3 < (long)sizeof(k.sent) ? a3 : (long)sizeof(k.sent);
		memcpy(k.sent, (const void *)a2, k.sent_len);
		return a3;
	}
	if (nr == __NR_recvfrom) {
		long n;

		if (k.next >= k.nr)
			return 0;
		n = k.lens[k.next] < a3 ? k.lens[k.next] : a3;
		memcpy((void *)a2, k.answers[k.next++], n);
		return n;
	}
	return -ENOSYS;
}

static uint32_t sent_seq(void)
{
	return ((const struct nlmsghdr *)k.sent)->nlmsg_seq;
}

/* An answer of @type to the request, with @len bytes of @body after its
 * header; @seq_delta shifts its sequence number (an older request's). */
static uint8_t *answer(uint16_t type, uint16_t flags, const void *body,
		       size_t len, int seq_delta)
{
	uint8_t *a = k.answers[k.nr];
	struct nlmsghdr *h = (struct nlmsghdr *)a;

	memset(a, 0, sizeof(k.answers[0]));
	h->nlmsg_len = NLMSG_HDRLEN + len;
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = (uint32_t)seq_delta;	/* + the request's, in talk() */
	memcpy(a + NLMSG_HDRLEN, body, len);
	k.lens[k.nr++] = NLMSG_ALIGN(h->nlmsg_len);
	return a;
}

/* nl_talk() of a small request, the answers' seq fixed up first. */
static int talk(nl_msg_fn fn, void *ctx, struct bb_err *err)
{
	struct nl_req r;
	uint32_t seq;
	int i;

	nl_req_init(&r, RTM_NEWQDISC, NLM_F_CREATE, "\0\0\0\0", 4);
	nl_attr_str(&r, TCA_KIND, "clsact");
	/* The next request's number: what nl_talk() will give it. */
	seq = sent_seq() + 1;
	for (i = 0; i < k.nr; i++)
		((struct nlmsghdr *)k.answers[i])->nlmsg_seq += seq;
	return nl_talk(-1, &r, "RTM_NEWQDISC test", fn, ctx, err);
}

static void reset(void)
{
	uint32_t seq = sent_seq();

	memset(&k, 0, sizeof(k));
	((struct nlmsghdr *)k.sent)->nlmsg_seq = seq;
}

/*
 * struct nlmsgerr with @error and the request's header (its length that
 * of the whole request, as the kernel leaves it when it caps the echo),
 * then @extra bytes.
 */
static size_t nlerr(uint8_t *out, int error, const void *extra, size_t len)
{
	struct nlmsgerr e = { .error = error, .msg.nlmsg_len = 48 };

	memcpy(out, &e, sizeof(e));
	memcpy(out + sizeof(e), extra, len);
	return sizeof(e) + len;
}

/* A NLMSGERR_ATTR_MSG attribute holding @s (@nul: with its NUL). */
static size_t msg_attr(uint8_t *out, const char *s, int nul, uint16_t len)
{
	struct nlattr a = { .nla_type = NLMSGERR_ATTR_MSG };

	a.nla_len = len ? len : (uint16_t)(NLA_HDRLEN + strlen(s) + !!nul);
	memcpy(out, &a, sizeof(a));
	memcpy(out + NLA_HDRLEN, s, strlen(s) + 1);
	if (!nul)
		out[NLA_HDRLEN + strlen(s)] = 'x';
	return NLA_ALIGN(NLA_HDRLEN + strlen(s) + 1);
}

static int echoes;

static int count_echo(const struct nlmsghdr *h, const struct bytes *body,
		      void *ctx)
{
	(void)body, (void)ctx;
	echoes += h->nlmsg_type == RTM_NEWTFILTER;
	return 0;
}

int main(void)
{
	struct bb_err err = { 0 };
	uint8_t body[256], extra[128];
	size_t n, m;
	int ret;

	sys_call = fake;

	reset();
	n = nlerr(body, 0, "", 0);
	answer(NLMSG_ERROR, NLM_F_CAPPED, body, n, 0);
	is_int(talk(NULL, NULL, &err), 0, "an acknowledgement (error 0): 0");
	{
		const struct nlmsghdr *h = (const void *)k.sent;

		ok(h->nlmsg_len == k.sent_len && h->nlmsg_len == 16 + 4 + 12 &&
		   h->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE),
		   "the request: header, 4 bytes, TCA_KIND \"clsact\" padded to 12; REQUEST|ACK added");
	}

	reset();
	m = msg_attr(extra, "Exclusivity flag on, cannot modify", 1, 0);
	n = nlerr(body, -EEXIST, extra, m);
	answer(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, body, n, 0);
	ret = talk(NULL, NULL, &err);
	ok(ret == -EEXIST && strstr(err.msg, "RTM_NEWQDISC test: File exists (the kernel: \"Exclusivity flag on, cannot modify\")"),
	   "EEXIST with the kernel's sentence (request capped): %s", err.msg);

	reset();
	memset(extra, 0, sizeof(extra));
	{
		struct nlmsghdr req = { .nlmsg_len = NLMSG_HDRLEN + 20 };
		struct nlmsgerr e = { .error = -EINVAL, .msg = req };

		memcpy(body, &e, sizeof(e));
		memset(body + sizeof(e), 0xaa, 20);	/* the request's body */
		m = msg_attr(body + sizeof(e) + 20, "Parent Qdisc doesn't exists", 1, 0);
		answer(NLMSG_ERROR, NLM_F_ACK_TLVS, body, sizeof(e) + 20 + m, 0);
	}
	ret = talk(NULL, NULL, &err);
	ok(ret == -EINVAL && strstr(err.msg, "(the kernel: \"Parent Qdisc doesn't exists\")"),
	   "EINVAL, the request echoed whole before the sentence: %s", err.msg);

	reset();
	m = msg_attr(extra, "no end", 0, 0);
	n = nlerr(body, -EPERM, extra, m);
	answer(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, body, n, 0);
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPERM && !strstr(err.msg, "the kernel:"),
	   "a sentence without its NUL is not read past its attribute: %s", err.msg);

	reset();
	m = msg_attr(extra, "long", 1, 400);
	n = nlerr(body, -EPERM, extra, m);
	answer(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, body, n, 0);
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPERM && !strstr(err.msg, "the kernel:"),
	   "an attribute longer than the message is ignored: %s", err.msg);

	reset();
	{
		struct nlmsgerr e = { .error = -EPERM };

		e.msg.nlmsg_len = 60000;	/* a request it never had */
		memcpy(body, &e, sizeof(e));
		answer(NLMSG_ERROR, NLM_F_ACK_TLVS, body, sizeof(e), 0);
	}
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPERM, "an echoed request longer than the answer: the errno alone (%s)", err.msg);

	reset();
	n = nlerr(body, 0, "", 0);
	answer(NLMSG_ERROR, 0, body, 2, 0);
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPROTO && strstr(err.msg, "short NLMSG_ERROR"),
	   "an NLMSG_ERROR too short for its error: EPROTO (%s)", err.msg);

	reset();
	{
		uint8_t *a = answer(NLMSG_ERROR, 0, body, nlerr(body, 0, "", 0), 0);

		((struct nlmsghdr *)a)->nlmsg_len = 300;	/* more than came */
	}
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPROTO && strstr(err.msg, "truncated"),
	   "a length past what was received: EPROTO (%s)", err.msg);

	reset();
	{
		uint8_t *a = answer(NLMSG_ERROR, 0, body, nlerr(body, 0, "", 0), 0);

		((struct nlmsghdr *)a)->nlmsg_len = 8;	/* less than a header */
	}
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPROTO, "a length shorter than a header: EPROTO, no endless loop");

	reset();
	ret = talk(NULL, NULL, &err);
	ok(ret == -EPROTO && strstr(err.msg, "no answer"),
	   "no answer at all (recvfrom 0): EPROTO (%s)", err.msg);

	reset();
	n = nlerr(body, -ENOENT, "", 0);
	answer(NLMSG_ERROR, 0, body, n, -1);		/* an older request's */
	answer(RTM_NEWTFILTER, 0, "\0\0\0\0", 4, 0);	/* the echo */
	n = nlerr(body, 0, "", 0);
	answer(NLMSG_ERROR, 0, body, n, 0);
	echoes = 0;
	ret = talk(count_echo, NULL, &err);
	ok(ret == 0 && echoes == 1,
	   "an older request's answer skipped, the echo handed over, then the ack (%d, %d echo)",
	   ret, echoes);

	reset();
	{
		struct nl_req r;
		int i;

		nl_req_init(&r, RTM_NEWTFILTER, 0, "", 0);
		for (i = 0; i < 40; i++)
			nl_attr_u32(&r, 1, i);
		ret = nl_talk(-1, &r, "big", NULL, NULL, &err);
		ok(ret == -EMSGSIZE && k.sent_len == 0,
		   "a request longer than its buffer: EMSGSIZE, nothing sent (%s)", err.msg);
	}
	return done_testing();
}
