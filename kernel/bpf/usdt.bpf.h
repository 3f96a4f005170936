/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf/usdt.bpf.h - the BPF side of USDT probes, with libbpf's names and
 * layout, so that a program written for libbpf's <bpf/usdt.bpf.h>
 * compiles unchanged with -Ikernel and runs on barebpf (x86-64 only, as
 * our bpf_tracing.h).
 *
 * A USDT probe's arguments are wherever the compiler left them: in a
 * register, in memory next to one, or a constant (elf/usdt.h).  The
 * loader writes, per probe site, a "spec" saying where each one is into
 * the map __bpf_usdt_specs, and gives each site's uprobe the spec's slot
 * as its BPF cookie (loader/attach/usdt.c).  bpf_usdt_arg() follows the
 * spec; BPF_USDT(name, args...) defines a program whose body gets the
 * arguments, typed.
 *
 * Include vmlinux.h or <linux/bpf.h> (or our bpf_defs.h) first, as for
 * bpf_helpers.h.  The structs and the two maps are the loader's
 * business; a program uses the functions and the macro only.
 */
#ifndef BAREBPF_USDT_BPF_H
#define BAREBPF_USDT_BPF_H

#include "bpf_helpers.h"
#include "bpf_tracing.h"

/* The map sizes: a program may choose its own before including us. */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif

/* The errors these functions return (uapi errno numbers). */
#define BB_USDT_ENOENT 2
#define BB_USDT_ESRCH 3
#define BB_USDT_EINVAL 22

/* Where an argument is. */
enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,	/* the value is val_off */
	BPF_USDT_ARG_REG,	/* in the register at reg_off in pt_regs */
	BPF_USDT_ARG_REG_DEREF,	/* in user memory at that register + val_off */
};

/* One argument: 16 bytes, as elf/usdt.h's struct usdt_arg_spec. */
struct __bpf_usdt_arg_spec {
	__u64 val_off;
	enum __bpf_usdt_arg_type arg_type;
	short reg_off;
	/* The argument is 1, 2, 4 or 8 bytes of the 8 read: shifting
	 * left then right by arg_bitshift keeps those, sign-extended if
	 * arg_signed. */
	_Bool arg_signed;
	char arg_bitshift;
};

#define BPF_USDT_MAX_ARG_CNT 12

/* One site's arguments: 208 bytes, as elf/usdt.h's struct usdt_spec. */
struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	__u64 usdt_cookie;
	short arg_cnt;
};

/* Slot -> spec; the slot is each uprobe's BPF cookie.  __weak: one map
 * for every file of a program that includes us. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

/* Instruction address -> slot, for kernels without BPF cookies (before
 * 5.15).  barebpf attaches USDT probes only where there are cookies and
 * leaves it empty; it is here so that objects keep libbpf's maps. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* The slot of the spec of the site that fired, or -ESRCH. */
static __always_inline int __bpf_usdt_spec_id(struct pt_regs *ctx)
{
	long ip;
	int *slot;

	if (LINUX_HAS_BPF_COOKIE)
		return bpf_get_attach_cookie(ctx);
	/* PT_REGS_IP() without needing struct pt_regs whole: x86-64 keeps
	 * the instruction pointer at byte 128 of it. */
	ip = *(long *)((char *)ctx + 128);
	slot = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);
	return slot ? *slot : -BB_USDT_ESRCH;
}

static __always_inline struct __bpf_usdt_spec *bb_usdt_spec_(struct pt_regs *ctx)
{
	int slot = __bpf_usdt_spec_id(ctx);

	return slot < 0 ? 0 : bpf_map_lookup_elem(&__bpf_usdt_specs, &slot);
}

/* How many arguments the probe has, or -ESRCH. */
__weak __hidden int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = bb_usdt_spec_(ctx);

	return spec ? spec->arg_cnt : -BB_USDT_ESRCH;
}

/*
 * Argument @arg_num (from 0) into *@res, widened to 64 bits: 0, or
 * -ESRCH (no spec), -ENOENT (no such argument), -EINVAL, or the error of
 * a read.
 */
__weak __hidden int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec = bb_usdt_spec_(ctx);
	struct __bpf_usdt_arg_spec *a;
	unsigned long val;
	long err;

	*res = 0;
	if (!spec)
		return -BB_USDT_ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT || arg_num >= spec->arg_cnt)
		return -BB_USDT_ENOENT;
	a = &spec->args[arg_num];
	if (a->arg_type == BPF_USDT_ARG_CONST) {
		val = a->val_off;
	} else if (a->arg_type == BPF_USDT_ARG_REG ||
		   a->arg_type == BPF_USDT_ARG_REG_DEREF) {
		/* The register, as the probe saw it. */
		err = bpf_probe_read_kernel(&val, sizeof(val),
					    (char *)ctx + a->reg_off);
		if (err)
			return err;
		/* x86-64 is little-endian: the argument's bytes come first. */
		if (a->arg_type == BPF_USDT_ARG_REG_DEREF) {
			err = bpf_probe_read_user(&val, sizeof(val),
						  (char *)val + a->val_off);
			if (err)
				return err;
		}
	} else {
		return -BB_USDT_EINVAL;
	}
	val <<= a->arg_bitshift;
	if (a->arg_signed)
		*res = (long)val >> a->arg_bitshift;
	else
		*res = val >> a->arg_bitshift;
	return 0;
}

/* The cookie given when the probe was attached (barebpf: always 0). */
__weak __hidden long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = bb_usdt_spec_(ctx);

	return spec ? spec->usdt_cookie : 0;
}

/*
 * BPF_USDT(name, int a, long b, ...) { body }: the program
 * name(struct pt_regs *ctx), whose body gets the probe's arguments as
 * typed parameters (bpf_usdt_arg() of each; 0 if it fails).
 */
#define bb_uarg_(n) ({ long _x; bpf_usdt_arg(ctx, n, &_x); (void *)_x; })
#define bb_uargs0() ctx
#define bb_uargs1() bb_uargs0(), bb_uarg_(0)
#define bb_uargs2() bb_uargs1(), bb_uarg_(1)
#define bb_uargs3() bb_uargs2(), bb_uarg_(2)
#define bb_uargs4() bb_uargs3(), bb_uarg_(3)
#define bb_uargs5() bb_uargs4(), bb_uarg_(4)
#define bb_uargs6() bb_uargs5(), bb_uarg_(5)
#define bb_uargs7() bb_uargs6(), bb_uarg_(6)
#define bb_uargs8() bb_uargs7(), bb_uarg_(7)
#define bb_uargs9() bb_uargs8(), bb_uarg_(8)
#define bb_uargs10() bb_uargs9(), bb_uarg_(9)
#define bb_uargs11() bb_uargs10(), bb_uarg_(10)
#define bb_uargs12() bb_uargs11(), bb_uarg_(11)
#define bb_uargs_(...) bb_cat_(bb_uargs, bb_nargs_m1_(__VA_ARGS__))()

#define BPF_USDT(name, ...) bb_probe_(name, bb_uargs_(__VA_ARGS__), ##__VA_ARGS__)

#endif
