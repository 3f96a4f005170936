/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procmon_events.h - the events kernel/procmon_events.bpf.c sends to
 * `procmon --events`, shared by both sides (fixed-width types only).
 */
#ifndef BAREBPF_PROCMON_EVENTS_H
#define BAREBPF_PROCMON_EVENTS_H

#include "procmon.h"		/* PROCMON_COMM_LEN */

#define PROCMON_FILENAME_LEN 128

/* How events leave the kernel; user space picks one before attaching. */
#define PROCMON_VIA_PERF 0	/* bpf_perf_event_output(), map "events" */
#define PROCMON_VIA_RINGBUF 1	/* bpf_ringbuf_output(), map "events_rb" */

enum procmon_event_type {
	PROCMON_EXEC = 1,
	PROCMON_EXIT = 2,
};

struct procmon_event {
	__u32 type;		/* enum procmon_event_type */
	__u32 pid;		/* the process (tgid) */
	__u32 ppid;
	__u32 exit_code;	/* exit: task->exit_code, as wait() sees it */
	__u64 duration_ns;	/* exit: time since the process started */
	char comm[PROCMON_COMM_LEN];
	char filename[PROCMON_FILENAME_LEN];	/* exec: the file run */
};

/*
 * The one entry of the array "events_config": task_struct offsets that
 * user space finds in the running kernel's BTF (they differ between
 * builds), the transport, and a count of events the ring buffer had no
 * room for (the perf buffer reports its own losses).
 */
struct events_config {
	__u32 real_parent;	/* offsetof(struct task_struct, real_parent) */
	__u32 tgid;		/* ... tgid */
	__u32 exit_code;	/* ... exit_code */
	__u32 start_time;	/* ... start_time (CLOCK_MONOTONIC ns) */
	__u32 transport;	/* PROCMON_VIA_* */
	__u32 pad;
	__u64 ringbuf_lost;
};

#endif
