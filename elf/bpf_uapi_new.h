/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf_uapi_new.h - the values of include/uapi/linux/bpf.h that came after
 * the kernel headers we build with (Debian 12's, Linux 6.1).  They are
 * enum members there, so they cannot be tested with #ifndef: we give them
 * names of our own, with the values the kernel's ABI fixes for ever.
 */
#ifndef BAREBPF_BPF_UAPI_NEW_H
#define BAREBPF_BPF_UAPI_NEW_H

/* enum bpf_map_type */
#define BB_MAP_TYPE_ARENA		33	/* 6.9 */

/* enum bpf_prog_type */
#define BB_PROG_TYPE_NETFILTER		32	/* 6.4 */

/* enum bpf_attach_type */
#define BB_STRUCT_OPS			44	/* 6.4 */
#define BB_NETFILTER			45	/* 6.4 */
#define BB_TCX_INGRESS			46	/* 6.6 */
#define BB_TCX_EGRESS			47	/* 6.6 */
#define BB_TRACE_UPROBE_MULTI		48	/* 6.6 */
#define BB_CGROUP_UNIX_CONNECT		49	/* 6.7 */
#define BB_CGROUP_UNIX_SENDMSG		50
#define BB_CGROUP_UNIX_RECVMSG		51
#define BB_CGROUP_UNIX_GETPEERNAME	52
#define BB_CGROUP_UNIX_GETSOCKNAME	53

/* link_create.netfilter.flags: defragment IPv4/IPv6 first (6.6) */
#define BB_F_NETFILTER_IP_DEFRAG	(1U << 0)
/* enum bpf_link_type */
#define BB_LINK_TYPE_NETFILTER		10	/* 6.4 */

/* BPF_MAP_CREATE's map_flags: a STRUCT_OPS map registered by a link */
#define BB_F_LINK			(1U << 13)	/* 6.4 */

#endif
