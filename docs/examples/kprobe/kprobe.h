/* SPDX-License-Identifier: GPL-2.0 */
/* kprobe.h - what kprobe.bpf.c keeps and kprobe.c reads: one slot per program. */
#ifndef BB_EXAMPLE_KPROBE_H
#define BB_EXAMPLE_KPROBE_H

enum {
	SLOT_KPROBE,		/* kprobe/blk_mq_start_request */
	SLOT_FENTRY,		/* fentry/blk_mq_start_request */
	SLOTS,
};

struct blk_stats {
	__u64 requests;		/* times the program ran: requests started */
	__u64 with_start;	/* of them, with rq->start_time_ns set */
	__u64 last_start_ns;	/* the last one's start_time_ns (monotonic clock) */
	__u64 max_wait_ns;	/* the longest from start_time_ns to the probe */
};

#endif
