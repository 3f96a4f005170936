/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf/bpf_tracing.h - a kprobe's arguments, and libbpf's BPF_KPROBE,
 * BPF_KRETPROBE and BPF_PROG, for x86-64 only.
 *
 * A kprobe program gets the registers at the probed instruction, struct
 * pt_regs.  On x86-64 a function's first six arguments are in rdi, rsi,
 * rdx, rcx, r8, r9 and its return value in rax (the System V ABI).  The
 * kernel's struct pt_regs (vmlinux.h) names them di, si, ...; the uapi
 * one (<asm/ptrace.h>, without vmlinux.h) rdi, rsi, ...
 */
#ifndef BAREBPF_BPF_TRACING_H
#define BAREBPF_BPF_TRACING_H

#include "bpf_helpers.h"
#include "bpf_core_read.h"

#if defined(__VMLINUX_H__) || defined(__KERNEL__)
#define bb_reg_arg1_ di
#define bb_reg_arg2_ si
#define bb_reg_arg3_ dx
#define bb_reg_arg4_ cx
#define bb_reg_arg5_ r8
#define bb_reg_arg6_ r9
#define bb_reg_ret_ ax
#define bb_reg_sp_ sp
#define bb_reg_ip_ ip
#define bb_reg_fp_ bp
#define bb_reg_sys4_ r10
#else
#define bb_reg_arg1_ rdi
#define bb_reg_arg2_ rsi
#define bb_reg_arg3_ rdx
#define bb_reg_arg4_ rcx
#define bb_reg_arg5_ r8
#define bb_reg_arg6_ r9
#define bb_reg_ret_ rax
#define bb_reg_sp_ rsp
#define bb_reg_ip_ rip
#define bb_reg_fp_ rbp
#define bb_reg_sys4_ r10
#endif

struct pt_regs;
#define bb_regs_(x) ((const struct pt_regs *)(x))

/* Direct reads: a kprobe's context may be read as it is. */
#define PT_REGS_PARM1(x) (bb_regs_(x)->bb_reg_arg1_)
#define PT_REGS_PARM2(x) (bb_regs_(x)->bb_reg_arg2_)
#define PT_REGS_PARM3(x) (bb_regs_(x)->bb_reg_arg3_)
#define PT_REGS_PARM4(x) (bb_regs_(x)->bb_reg_arg4_)
#define PT_REGS_PARM5(x) (bb_regs_(x)->bb_reg_arg5_)
#define PT_REGS_PARM6(x) (bb_regs_(x)->bb_reg_arg6_)
#define PT_REGS_RC(x) (bb_regs_(x)->bb_reg_ret_)
#define PT_REGS_SP(x) (bb_regs_(x)->bb_reg_sp_)
#define PT_REGS_IP(x) (bb_regs_(x)->bb_reg_ip_)
#define PT_REGS_FP(x) (bb_regs_(x)->bb_reg_fp_)

/* Through bpf_probe_read_kernel(): for a struct pt_regs elsewhere in memory. */
#define PT_REGS_PARM1_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg1_)
#define PT_REGS_PARM2_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg2_)
#define PT_REGS_PARM3_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg3_)
#define PT_REGS_PARM4_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg4_)
#define PT_REGS_PARM5_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg5_)
#define PT_REGS_PARM6_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_arg6_)
#define PT_REGS_RC_CORE(x) BPF_CORE_READ(bb_regs_(x), bb_reg_ret_)

/*
 * A system call's own arguments, from a kprobe on its __x64_sys_NAME
 * (Linux 4.17+ wraps each: the first argument is the user's pt_regs).
 * The fourth is in r10, the syscall ABI's register for it.
 */
#define PT_REGS_SYSCALL_REGS(x) ((struct pt_regs *)PT_REGS_PARM1(x))
#define PT_REGS_PARM1_CORE_SYSCALL(x) PT_REGS_PARM1_CORE(x)
#define PT_REGS_PARM2_CORE_SYSCALL(x) PT_REGS_PARM2_CORE(x)
#define PT_REGS_PARM3_CORE_SYSCALL(x) PT_REGS_PARM3_CORE(x)
#define PT_REGS_PARM4_CORE_SYSCALL(x) BPF_CORE_READ(bb_regs_(x), bb_reg_sys4_)
#define PT_REGS_PARM5_CORE_SYSCALL(x) PT_REGS_PARM5_CORE(x)
#define PT_REGS_PARM6_CORE_SYSCALL(x) PT_REGS_PARM6_CORE(x)

/*
 * The arguments of BPF_KPROBE's body, one register each: bb_kargsN()
 * lists N of them.  Each is passed as it is (an unsigned long) to a
 * parameter that may be a pointer: the warning that would raise is
 * silenced around the call only.
 */
#define bb_kargs0() ctx
#define bb_kargs1() bb_kargs0(), (void *)PT_REGS_PARM1(ctx)
#define bb_kargs2() bb_kargs1(), (void *)PT_REGS_PARM2(ctx)
#define bb_kargs3() bb_kargs2(), (void *)PT_REGS_PARM3(ctx)
#define bb_kargs4() bb_kargs3(), (void *)PT_REGS_PARM4(ctx)
#define bb_kargs5() bb_kargs4(), (void *)PT_REGS_PARM5(ctx)
#define bb_kargs6() bb_kargs5(), (void *)PT_REGS_PARM6(ctx)
/* How many arguments, 0 for none (bb_nargs_() of nothing would be 1). */
#define bb_kargs_(...) bb_cat_(bb_kargs, bb_nargs_m1_(__VA_ARGS__))()
#define bb_nargs_m1_(...)                                                   \
	bb_nth_(bb_dummy_, ##__VA_ARGS__, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

#define bb_quiet_begin_                                                     \
	_Pragma("GCC diagnostic push")                                      \
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")
#define bb_quiet_end_ _Pragma("GCC diagnostic pop")

/*
 * BPF_KPROBE(name, struct request *rq, ...) { body }: defines the
 * program name(struct pt_regs *ctx), which calls an inline ____name()
 * holding the body with the registers as its typed arguments (ctx stays
 * in scope there too).
 */
#define bb_probe_(name, pass, ...)                                          \
	name(struct pt_regs *ctx);                                          \
	static __always_inline typeof(name(0))                              \
	____##name(struct pt_regs *ctx, ##__VA_ARGS__);                     \
	typeof(name(0)) name(struct pt_regs *ctx)                           \
	{                                                                   \
		bb_quiet_begin_                                             \
		return ____##name(pass);                                    \
		bb_quiet_end_                                               \
	}                                                                   \
	static __always_inline typeof(name(0))                              \
	____##name(struct pt_regs *ctx, ##__VA_ARGS__)

#define BPF_KPROBE(name, ...) bb_probe_(name, bb_kargs_(__VA_ARGS__), ##__VA_ARGS__)
/* BPF_KRETPROBE(name, long ret): the one argument is the return value. */
#define BPF_KRETPROBE(name, ...)                                            \
	bb_probe_(name, bb_kargs0() bb_ret_arg_(__VA_ARGS__), ##__VA_ARGS__)
#define bb_ret_arg_(...) bb_cat_(bb_ret_arg, bb_nargs_m1_(__VA_ARGS__))
#define bb_ret_arg0
#define bb_ret_arg1 , (void *)PT_REGS_RC(ctx)

/*
 * BPF_PROG(name, args...): for fentry/fexit, tp_btf and raw tracepoints,
 * whose context is an array of u64, one per argument of the function or
 * tracepoint.
 */
#define bb_pargs0() ctx
#define bb_pargs1() bb_pargs0(), (void *)ctx[0]
#define bb_pargs2() bb_pargs1(), (void *)ctx[1]
#define bb_pargs3() bb_pargs2(), (void *)ctx[2]
#define bb_pargs4() bb_pargs3(), (void *)ctx[3]
#define bb_pargs5() bb_pargs4(), (void *)ctx[4]
#define bb_pargs6() bb_pargs5(), (void *)ctx[5]
#define bb_pargs7() bb_pargs6(), (void *)ctx[6]
#define bb_pargs8() bb_pargs7(), (void *)ctx[7]
#define bb_pargs9() bb_pargs8(), (void *)ctx[8]
#define bb_pargs10() bb_pargs9(), (void *)ctx[9]
#define bb_pargs11() bb_pargs10(), (void *)ctx[10]
#define bb_pargs_(...) bb_cat_(bb_pargs, bb_nargs_m1_(__VA_ARGS__))()

#define BPF_PROG(name, ...)                                                 \
	name(unsigned long long *ctx);                                      \
	static __always_inline typeof(name(0))                              \
	____##name(unsigned long long *ctx, ##__VA_ARGS__);                 \
	typeof(name(0)) name(unsigned long long *ctx)                       \
	{                                                                   \
		bb_quiet_begin_                                             \
		return ____##name(bb_pargs_(__VA_ARGS__));                  \
		bb_quiet_end_                                               \
	}                                                                   \
	static __always_inline typeof(name(0))                              \
	____##name(unsigned long long *ctx, ##__VA_ARGS__)

#endif
