/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_target.h - the kernel BTF id a tp_btf/fentry/fexit program is loaded
 * against.
 */
#ifndef BAREBPF_BTF_TARGET_H
#define BAREBPF_BTF_TARGET_H

#include "loader/load/kernel_btf.h"
#include "loader/core/types.h"

/* Does @prog need an attach_btf_id before BPF_PROG_LOAD? */
/*
 * Find @prog's target in kernel BTF @kb and set @prog->attach_btf_id:
 *	tp_btf/NAME       the typedef btf_trace_NAME (the tracepoint's
 *	                  prototype, declared by DECLARE_TRACE)
 *	fentry/FUNC, fexit/FUNC   the FUNC record of FUNC
 *	lsm/HOOK          the FUNC record of bpf_lsm_HOOK
 */
int btf_target_resolve(struct bb_prog *prog, const struct kernel_btf *kb,
		       struct bb_err *err);

/*
 * btf_target_resolve() in the kernel's BTF, read into @k if not yet; for
 * a freplace program, freplace_target_find() (the target program's BTF).
 */
struct kernel_types;
int btf_target_find(struct bb_prog *prog, struct kernel_types *k,
		    struct bb_err *err);

/* Kernel-internal "not supported" (524); it does reach user space. */
#define ENOTSUPP 524

/*
 * After BPF_PROG_LOAD or the attach of @prog failed with @ret: if @prog
 * is fentry/fexit, fmod_ret, lsm or freplace and the answer is one a kernel without BPF trampolines
 * gives (EPERM, ENOTSUP, ENOTSUPP), put that explanation in front of
 * @err.  Returns @ret.
 */
int btf_target_refused(const struct bb_prog *prog, int ret,
		       struct bb_err *err);

#endif
