/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btf_rules.h - the kernel's BTF rules, checked before the kernel does
 * (btf_rules.c lists them).  Pure: no system call.
 */
#ifndef BAREBPF_BTF_RULES_H
#define BAREBPF_BTF_RULES_H

#include "elf/btf/btf.h"

/* 0, or the first broken rule with the type id in @err. */
int btf_check_rules(const struct btf *btf, struct bb_err *err);

#endif
