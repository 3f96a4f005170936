// SPDX-License-Identifier: GPL-2.0
/*
 * lsm.bpf.c - BPF LSM programs (Linux 5.7+, with "bpf" in the kernel's
 * active LSMs): each refuses one marked operation with -EPERM and lets
 * everything else through.  The marks are ones no other process uses:
 *  - lsm/socket_create: an AF_UNIX SOCK_SEQPACKET socket created by the
 *    test process (self[0], tests/kernel/attach_lsm.c);
 *  - lsm/file_open: any open by a task named "bb_lsm_deny"
 *    (tests/kernel/lsm_run.sh renames a subshell, then opens a file).
 * An LSM program gets the hook's arguments as u64s, then the return value
 * of the BPF LSM programs before it; it returns 0 or -errno.
 */
#include "attach_common.h"

#define AF_UNIX 1
#define SOCK_SEQPACKET 5
#define EPERM 1
#define DENY_COMM "bb_lsm_deny"

/* socket_create(int family, int type, int protocol, int kern) */
SEC("lsm/socket_create")
int deny_seqpacket(__u64 *ctx)
{
	if (!is_self() || (int)ctx[0] != AF_UNIX ||
	    (int)ctx[1] != SOCK_SEQPACKET)
		return 0;
	record(SLOT_ENTRY, ctx[1]);
	return -EPERM;
}

/* file_open(struct file *file): only the task's name matters here. */
SEC("lsm/file_open")
int deny_marked_open(__u64 *ctx)
{
	static const char mark[] = DENY_COMM;
	char comm[16];
	__u32 i;

	(void)ctx;
	if (bpf_get_current_comm(comm, sizeof(comm)))
		return 0;
	for (i = 0; i < sizeof(mark); i++)
		if (comm[i] != mark[i])
			return 0;
	record(SLOT_RETURN, 1);
	return -EPERM;
}
