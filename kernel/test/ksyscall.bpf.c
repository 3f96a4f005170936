// SPDX-License-Identifier: GPL-2.0
/*
 * ksyscall.bpf.c - entry and return of getpgid(2), through its wrapper.
 * The wrapper's first argument is a pointer to the caller's registers:
 * getpgid's own argument is that struct pt_regs' di, read with
 * bpf_probe_read_kernel (it is kernel memory the verifier cannot type).
 */
#include "attach_common.h"

SEC("ksyscall/getpgid")
int ksyscall_getpgid(void *ctx)
{
	void *regs = (void *)reg(ctx, PT_REGS_DI);
	__u64 pid = 0;

	if (is_self() && !bpf_probe_read_kernel(&pid, sizeof(pid),
						(char *)regs + PT_REGS_DI))
		record(SLOT_ENTRY, pid);
	return 0;
}

SEC("kretsyscall/getpgid")
int kretsyscall_getpgid(void *ctx)
{
	if (is_self())
		record(SLOT_RETURN, reg(ctx, PT_REGS_AX));
	return 0;
}
