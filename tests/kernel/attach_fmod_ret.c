// SPDX-License-Identifier: GPL-2.0
/*
 * attach_fmod_ret.c - fmod_ret on security_socket_create changes what
 * socket() returns: socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) fails with
 * EPERM while the program is attached, and works before and after;
 * socket(AF_INET, SOCK_DGRAM, 0) always works.  Where the kernel refuses
 * BPF trampolines (this host), the error must say so;
 * BAREBPF_EXPECT_FENTRY=1 (the VM tier) turns that into a failure.
 */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "tests/kernel/attach.h"

/* 0 if socket(AF_INET, SOCK_DGRAM, @proto) works, else errno. */
static int udp_socket(int proto)
{
	int fd = socket(AF_INET, SOCK_DGRAM, proto);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	is_int(udp_socket(IPPROTO_UDP), 0, "before: a UDP socket with protocol 17 is made");
	ret = attach_load("fmod_ret", &o, &err);
	if (!ret)
		ret = bb_object_attach(o, &err);
	if (ret) {
		ok(!attach_expect_fentry(), "refusal allowed here (BAREBPF_EXPECT_FENTRY is not 1): %s", err.msg);
		like(err.msg, "this kernel does not support fmod_ret",
		     "refused: the error says why");
		bb_object_close(o);
		return done_testing();
	}
	ok(1, "load and attach fmod_ret/security_socket_create");
	is_int(udp_socket(IPPROTO_UDP), EPERM,
	       "attached: protocol 17 is refused with EPERM (the function's return replaced)");
	is_int(udp_socket(0), 0, "attached: protocol 0 still works");
	is_int(attach_read(o, "hits", SLOT_ENTRY), 1, "the program refused once");
	is_int(attach_read(o, "seen", SLOT_ENTRY), IPPROTO_UDP, "and saw protocol 17 in ctx[2]");
	bb_object_close(o);
	is_int(udp_socket(IPPROTO_UDP), 0, "after close: protocol 17 works again");
	return done_testing();
}
