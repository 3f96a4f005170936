#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# usdt_header.sh - kernel/bpf/usdt.bpf.h lays out the spec as libbpf's
# <bpf/usdt.bpf.h> does, and as the loader writes it (elf/usdt.h): the same
# program, built once against each header, passes the same layout
# assertions (sizes and offsets of struct __bpf_usdt_spec and
# __bpf_usdt_arg_spec, the enum's values) and uses the same BPF_USDT and
# bpf_usdt_* calls.  Oracle: Debian's libbpf-dev.
set -u
. tests/tap.sh
LIBBPF=/usr/include/bpf/usdt.bpf.h
# libbpf's headers want the arch named, and bool.
FLAGS="-target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_x86 -I/usr/include/$(gcc -print-multiarch)"

[ -f "$LIBBPF" ] || skip_all "no libbpf-dev ($LIBBPF): the oracle"

cat > "$tmp/layout.bpf.c" <<'C'
#include <stdbool.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/usdt.bpf.h>
#define off(t, m) __builtin_offsetof(struct t, m)
_Static_assert(sizeof(struct __bpf_usdt_arg_spec) == 16, "arg spec size");
_Static_assert(off(__bpf_usdt_arg_spec, val_off) == 0, "val_off");
_Static_assert(off(__bpf_usdt_arg_spec, reg_off) == 12, "reg_off");
_Static_assert(off(__bpf_usdt_arg_spec, arg_signed) == 14, "arg_signed");
_Static_assert(off(__bpf_usdt_arg_spec, arg_bitshift) == 15, "arg_bitshift");
_Static_assert(sizeof(struct __bpf_usdt_spec) == 208, "spec size");
_Static_assert(off(__bpf_usdt_spec, usdt_cookie) == 192, "usdt_cookie");
_Static_assert(off(__bpf_usdt_spec, arg_cnt) == 200, "arg_cnt");
_Static_assert(BPF_USDT_ARG_CONST == 0 && BPF_USDT_ARG_REG == 1 &&
	       BPF_USDT_ARG_REG_DEREF == 2, "arg types");
_Static_assert(BPF_USDT_MAX_ARG_CNT == 12 && BPF_USDT_MAX_SPEC_CNT == 256, "counts");
char LICENSE[] SEC("license") = "GPL";
long out;
SEC("usdt")
int BPF_USDT(probe, int a, long b)
{
	out = a + b + bpf_usdt_arg_cnt(ctx) + bpf_usdt_cookie(ctx);
	return 0;
}
C
clang $FLAGS -Ikernel -M "$tmp/layout.bpf.c" 2> /dev/null | grep -q ' kernel/bpf/usdt\.bpf\.h'
is_ok $? "-Ikernel finds our usdt.bpf.h, not libbpf-dev's"
clang $FLAGS -Ikernel -c "$tmp/layout.bpf.c" -o "$tmp/ours.o" 2> "$tmp/err"
is_ok $? "against kernel/bpf/usdt.bpf.h: libbpf's layout, BPF_USDT and the functions compile"
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
clang $FLAGS -c "$tmp/layout.bpf.c" -o "$tmp/libbpf.o" 2> "$tmp/err"
is_ok $? "against $LIBBPF: the same assertions hold (the oracle)"
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
grep -q 'struct usdt_spec {' elf/usdt.h && grep -q '== 208' elf/usdt_args.c
is_ok $? "elf/usdt.h's struct usdt_spec is asserted 208 bytes (elf/usdt_args.c)"
done_testing
