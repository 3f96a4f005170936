/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procmon.h - the records procmon's BPF side and user space share.
 * Included by kernel/procmon.bpf.c (BPF target) and loader/cmd/procmon.c
 * (host), so it uses only fixed-width types both sides define.
 */
#ifndef BAREBPF_PROCMON_H
#define BAREBPF_PROCMON_H

#define PROCMON_COMM_LEN 16
#ifndef PROCMON_MAX_PROCS	/* kernel/test/procmon_small.bpf.c: smaller */
#define PROCMON_MAX_PROCS 10240
#endif

/* Value of process_map, keyed by the process id (tgid). */
struct proc_info {
	__u32 pid;
	__u32 ppid;
	__u32 uid;
	__u32 gid;
	__u64 exec_ns;	/* bpf_ktime_get_ns() at exec: CLOCK_MONOTONIC */
	char comm[PROCMON_COMM_LEN];
};

/*
 * Offsets inside struct task_struct that the BPF side needs to find the
 * parent.  They differ between kernel builds, so user space reads them from
 * the running kernel's BTF (/sys/kernel/btf/vmlinux) and stores them in the
 * one-entry array "task_offsets" before attaching.
 */
struct task_offsets {
	__u32 real_parent;	/* offsetof(struct task_struct, real_parent) */
	__u32 tgid;		/* offsetof(struct task_struct, tgid) */
};

/*
 * The one-entry array "procmon_stats": what the BPF side could not do.
 * An exec is not recorded when process_map is full (all max_entries in
 * use): the update fails, and the program counts it here, so that user
 * space can say the table is incomplete instead of silently showing less.
 */
struct procmon_stats {
	__u64 table_full;	/* execs not recorded: process_map was full */
};

#endif
