// SPDX-License-Identifier: GPL-2.0
/*
 * fmod_ret.bpf.c - an fmod_ret program (BPF_MODIFY_RETURN, Linux 5.7+)
 * on security_socket_create(int family, int type, int protocol, int
 * kern): when it returns non-zero, the kernel skips the function and
 * returns that instead.  The kernel allows fmod_ret only on functions
 * marked for error injection or, with CONFIG_BPF_LSM, named security_*;
 * the 6.1 VM has the second, not the first.  A UDP socket created by the
 * test with protocol IPPROTO_UDP written out is refused with EPERM;
 * protocol 0 (the same socket) is let through.
 */
#include "attach_common.h"

#define AF_INET 2
#define SOCK_DGRAM 2
#define IPPROTO_UDP 17
#define EPERM 1

/* The arguments as u64s, then the return value so far (ctx[4]). */
SEC("fmod_ret/security_socket_create")
int refuse_udp_proto(__u64 *ctx)
{
	if (!is_self() || (int)ctx[0] != AF_INET ||
	    (int)ctx[1] != SOCK_DGRAM || (int)ctx[2] != IPPROTO_UDP)
		return 0;
	record(SLOT_ENTRY, ctx[2]);
	return -EPERM;
}
