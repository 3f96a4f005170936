// SPDX-License-Identifier: GPL-2.0
/*
 * core.bpf.c - CO-RE, .kconfig externs and BTF upload, for the tests.
 *
 * We declare our own, tiny, view of the kernel's task_struct, with a
 * ___flavour suffix and none of the real offsets: preserve_access_index
 * makes clang record each access (CO-RE relocations in .BTF.ext) and the
 * loader rewrites the offsets for the running kernel.  The program reads
 * the current task's tgid and its parent's tgid through those offsets,
 * asks whether a struct the kernel does not have has a field (it must
 * answer 0, not fail), and copies three .kconfig externs.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct___bb {
	int made_up;
	int tgid;
	struct task_struct___bb *real_parent;
} __attribute__((preserve_access_index));

struct bb_no_such_struct {
	int x;
} __attribute__((preserve_access_index));

#define __kconfig __attribute__((section(".kconfig")))
extern int LINUX_KERNEL_VERSION __kconfig;
extern _Bool LINUX_HAS_BPF_COOKIE __kconfig;
extern int CONFIG_BB_NOT_A_THING __kconfig __attribute__((weak));

#define FIELD_EXISTS 2	/* enum bpf_field_info_kind */

const volatile __u32 filter_tgid = 0;
__u32 seen_tgid, seen_parent_tgid;
__u32 kversion, cookie;
__u32 gone_exists = 2, weak_val = 7;
__u32 hits;

SEC("tp/syscalls/sys_enter_getppid")
int read_task(void *ctx)
{
	struct task_struct___bb *t = (void *)bpf_get_current_task(), *p = 0;

	if (bpf_get_current_pid_tgid() >> 32 != filter_tgid)
		return 0;
	bpf_probe_read_kernel(&seen_tgid, sizeof(seen_tgid), &t->tgid);
	bpf_probe_read_kernel(&p, sizeof(p), &t->real_parent);
	bpf_probe_read_kernel(&seen_parent_tgid, sizeof(seen_parent_tgid),
			      &p->tgid);
	kversion = LINUX_KERNEL_VERSION;
	cookie = LINUX_HAS_BPF_COOKIE;
	gone_exists = __builtin_preserve_field_info(
		((struct bb_no_such_struct *)0)->x, FIELD_EXISTS);
	weak_val = CONFIG_BB_NOT_A_THING;
	hits++;
	return 0;
}
