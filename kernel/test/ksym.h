/* SPDX-License-Identifier: GPL-2.0 */
/* ksym.h - the slots of ksym.bpf.c's "out" map, shared with its test. */
#ifndef BAREBPF_KSYM_TEST_H
#define BAREBPF_KSYM_TEST_H

enum {
	OUT_TGID,
	OUT_RQ_CPU,
	OUT_CPU,
	OUT_ADDR,
	OUT_WEAK,	/* 1: bpf_ksym_exists() said no; 100 + x: it said yes */
	OUT_SLOTS,
};

#endif
