// SPDX-License-Identifier: GPL-2.0
/*
 * usdt_args.c - a USDT probe's argument string -> the spec usdt.bpf.h reads.
 *
 * <sys/sdt.h> lets the compiler choose where each argument is and writes
 * the operand as the assembler spells it, after its size in bytes
 * (negative: signed): "-4@%edi" (a register), "8@-8(%rbp)" (memory at a
 * register plus an offset), "4@$5" (a constant).  On x86-64 (AT&T
 * syntax) that is all a BPF program can follow: the register's value is
 * in the probe's struct pt_regs, memory is read with
 * bpf_probe_read_user().
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "elf/base/num.h"
#include "elf/usdt.h"

_Static_assert(sizeof(struct usdt_arg_spec) == 16, "usdt.bpf.h layout");
_Static_assert(sizeof(struct usdt_spec) == 208, "usdt.bpf.h layout");

/*
 * x86-64 registers by every name a compiler may use for them (64, 32, 16
 * and 8 bits: the size before '@' says how much of it is the argument),
 * and where the uapi struct pt_regs (<asm/ptrace.h>) keeps them.
 */
static const struct {
	const char *names[4];
	int16_t off;
} x86_regs[] = {
	{ { "rax", "eax", "ax", "al" }, 80 },
	{ { "rbx", "ebx", "bx", "bl" }, 40 },
	{ { "rcx", "ecx", "cx", "cl" }, 88 },
	{ { "rdx", "edx", "dx", "dl" }, 96 },
	{ { "rsi", "esi", "si", "sil" }, 104 },
	{ { "rdi", "edi", "di", "dil" }, 112 },
	{ { "rbp", "ebp", "bp", "bpl" }, 32 },
	{ { "rsp", "esp", "sp", "spl" }, 152 },
	{ { "r8", "r8d", "r8w", "r8b" }, 72 },
	{ { "r9", "r9d", "r9w", "r9b" }, 64 },
	{ { "r10", "r10d", "r10w", "r10b" }, 56 },
	{ { "r11", "r11d", "r11w", "r11b" }, 48 },
	{ { "r12", "r12d", "r12w", "r12b" }, 24 },
	{ { "r13", "r13d", "r13w", "r13b" }, 16 },
	{ { "r14", "r14d", "r14w", "r14b" }, 8 },
	{ { "r15", "r15d", "r15w", "r15b" }, 0 },
};

/* One argument being parsed: the text left, and its number for messages. */
struct arg_text {
	const char *p;
	const char *start;
	uint32_t idx;
};

static int arg_bad(const struct arg_text *t, int code, const char *why,
		   struct bb_err *err)
{
	size_t n = strcspn(t->start, " ");

	return bb_errf(err, code, "usdt: argument #%u '%.*s': %s", t->idx,
		       (int)(n > 64 ? 64 : n), t->start, why);
}

/* An optional '-', then decimal digits, as a 64-bit two's complement. */
static int signed_num(struct arg_text *t, uint64_t *v)
{
	bool neg = *t->p == '-';
	uint64_t n;

	if (neg)
		t->p++;
	if (num_parse(t->p, neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX, &n,
		      &t->p))
		return -EINVAL;
	*v = neg ? -n : n;
	return 0;
}

/* "%reg" followed by @end: its offset in struct pt_regs. */
static int reg_name(struct arg_text *t, char end, int16_t *off,
		    struct bb_err *err)
{
	size_t n, i, k;

	if (*t->p != '%')
		return arg_bad(t, -ENOTSUP, "expected %reg (x86-64 spellings only)", err);
	t->p++;
	n = strcspn(t->p, end ? ")" : " ");
	for (i = 0; i < sizeof(x86_regs) / sizeof(x86_regs[0]); i++)
		for (k = 0; k < 4; k++)
			if (strlen(x86_regs[i].names[k]) == n &&
			    !strncmp(x86_regs[i].names[k], t->p, n)) {
				*off = x86_regs[i].off;
				t->p += n;
				return 0;
			}
	return arg_bad(t, -ENOTSUP, "not an x86-64 register barebpf follows", err);
}

/* What follows '@': $N, %reg, OFF(%reg) or (%reg). */
static int arg_location(struct arg_text *t, struct usdt_arg_spec *a,
			struct bb_err *err)
{
	int ret;

	if (*t->p == '$') {
		t->p++;
		a->arg_type = USDT_ARG_CONST;
		if (signed_num(t, &a->val_off))
			return arg_bad(t, -EINVAL, "expected a number after '$'", err);
		return 0;
	}
	if (*t->p == '%') {
		a->arg_type = USDT_ARG_REG;
		return reg_name(t, 0, &a->reg_off, err);
	}
	a->arg_type = USDT_ARG_REG_DEREF;
	if (*t->p != '(' && signed_num(t, &a->val_off))
		return arg_bad(t, -ENOTSUP,
			       "expected $N, %reg or OFF(%reg) (x86-64 spellings only)", err);
	if (*t->p != '(')
		return arg_bad(t, -ENOTSUP, "expected '(' after the offset", err);
	t->p++;
	ret = reg_name(t, ')', &a->reg_off, err);
	if (ret)
		return ret;
	if (*t->p != ')')
		return arg_bad(t, -ENOTSUP,
			       "only OFF(%reg) is followed (no index register)", err);
	t->p++;
	return 0;
}

/* "[-]SIZE@LOCATION" at t->p. */
static int arg_parse(struct arg_text *t, struct usdt_arg_spec *a,
		     struct bb_err *err)
{
	uint64_t size;
	int ret;

	memset(a, 0, sizeof(*a));
	if (*t->p == '-') {
		a->arg_signed = 1;
		t->p++;
	}
	if (num_parse(t->p, 8, &size, &t->p) ||
	    (size != 1 && size != 2 && size != 4 && size != 8) || *t->p != '@')
		return arg_bad(t, -EINVAL, "expected SIZE@ with SIZE 1, 2, 4 or 8", err);
	t->p++;
	a->arg_bitshift = 64 - 8 * size;
	ret = arg_location(t, a, err);
	if (!ret && *t->p && *t->p != ' ')
		ret = arg_bad(t, -EINVAL, "unexpected text after the operand", err);
	return ret;
}

int usdt_args_parse(const char *args, struct usdt_spec *spec,
		    struct bb_err *err)
{
	struct arg_text t = { .p = args };
	int ret;

	memset(spec->args, 0, sizeof(spec->args));
	spec->arg_cnt = 0;
	for (;;) {
		while (*t.p == ' ')
			t.p++;
		if (!*t.p)
			return 0;
		if (spec->arg_cnt >= USDT_MAX_ARGS)
			return bb_errf(err, -E2BIG,
				       "usdt: more than %u arguments in '%.64s'",
				       USDT_MAX_ARGS, args);
		t.start = t.p;
		t.idx = spec->arg_cnt;
		ret = arg_parse(&t, &spec->args[spec->arg_cnt], err);
		if (ret)
			return ret;
		spec->arg_cnt++;
	}
}
