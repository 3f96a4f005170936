/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exact_loss.h - what kernel/test/exact_loss.bpf.c sends and counts,
 * shared with tests/kernel/exact_loss.c.
 *
 * The program is never attached: only BPF_PROG_TEST_RUN runs it, so the
 * test's own calls are the only source of records, whatever else the
 * machine does.  Each run sends one record to the transports its first
 * argument names and counts, per transport, what it tried and what the
 * kernel refused.
 */
#ifndef BAREBPF_EXACT_LOSS_H
#define BAREBPF_EXACT_LOSS_H

#define EXACT_PERF 1		/* args[0] bits: send through the perf ring */
#define EXACT_RING 2		/* ... and/or the ring buffer */
#define EXACT_MAGIC 0xb0b0e5e5
#define EXACT_PAYLOAD 112	/* a 120-byte record: 128 in a ring buffer,
				 * 136 in a perf ring (header, size, padding) */

struct exact_tally {
	__u64 runs;		/* also the next record's sequence number */
	__u64 perf_sent, perf_failed;	/* bpf_perf_event_output() < 0 */
	__u64 ring_sent, ring_failed;	/* bpf_ringbuf_output() < 0 */
};

struct exact_rec {
	__u32 seq;
	__u32 magic;
	__u8 payload[EXACT_PAYLOAD];	/* payload[i] == (seq * 7 + i) & 0xff */
};

#endif
