// SPDX-License-Identifier: GPL-2.0
/* lsm_bad.bpf.c - an LSM program for a hook no kernel has (bpf_lsm_no_such_hook). */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

SEC("lsm/no_such_hook")
int bad_hook(void *ctx)
{
	(void)ctx;
	return 0;
}
