// SPDX-License-Identifier: GPL-2.0
/*
 * ksyscall.c - ksyscall/NAME: a kprobe on system call NAME's wrapper.
 *
 * Since Linux 4.17 (CONFIG_ARCH_HAS_SYSCALL_WRAPPER, x86-64 and arm64)
 * the kernel enters system call NAME through __<arch>_sys_NAME(const
 * struct pt_regs *regs): the arguments are in the user registers that
 * @regs points to, not in the wrapper's own.  So a ksyscall program reads
 * them from PT_REGS_PARM1(ctx) (libbpf's BPF_KSYSCALL does the same), and
 * a kretsyscall program finds the result in its own return register.
 *
 * libbpf also probes the older, unwrapped sys_NAME (before 4.17); we need
 * the kprobe PMU (4.17 too), so we name only the wrapper.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/fmt.h"
#include "loader/attach/kprobe.h"
#include "loader/attach/ksyscall.h"

#if defined(__x86_64__)
#define SYSCALL_WRAPPER "__x64_sys_"
#elif defined(__aarch64__)
#define SYSCALL_WRAPPER "__arm64_sys_"
#elif defined(__s390x__)
#define SYSCALL_WRAPPER "__s390x_sys_"
#elif defined(__riscv)
#define SYSCALL_WRAPPER "__riscv_sys_"
#else
#define SYSCALL_WRAPPER ""	/* not known: refused below */
#endif

int ksyscall_attach(struct bb_prog *prog, struct bb_err *err)
{
	bool retprobe = prog->spec->def->attach == ATTACH_KRETSYSCALL;
	const char *name = prog->spec->target;
	char func[300];

	if (!*SYSCALL_WRAPPER)
		return bb_errf(err, -EOPNOTSUPP,
			       "program '%s': section '%s': barebpf knows no syscall wrapper name for this architecture",
			       prog->spec->name, prog->spec->section);
	if (strlen(name) > 255 || !*name)
		return bb_errf(err, -EINVAL,
			       "program '%s': section '%s': expected a system call name",
			       prog->spec->name, prog->spec->section);
	fmt_snprintf(func, sizeof(func), "%s%s", SYSCALL_WRAPPER, name);
	return kprobe_attach_func(prog, func, retprobe, err);
}
