// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops_link.bpf.c - the congestion control of struct_ops_cc.bpf.c
 * as "bb_cc_link", in SEC(".struct_ops.link"): registered by a link
 * (BPF_LINK_CREATE, Linux 6.4), which Linux 6.1 refuses.
 */
#define BB_CC_SEC ".struct_ops.link"
#define BB_CC_NAME "bb_cc_link"
#include "struct_ops_cc.bpf.c"
