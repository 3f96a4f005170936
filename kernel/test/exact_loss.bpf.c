// SPDX-License-Identifier: GPL-2.0
/*
 * exact_loss.bpf.c - a producer that is the only source of its events,
 * for tests/kernel/exact_loss.c: one record per BPF_PROG_TEST_RUN into a
 * perf event array and a ring buffer, and a count of what the kernel
 * refused.  A perf ring counts its own losses (PERF_RECORD_LOST); a ring
 * buffer does not, so the program counts its failed outputs.
 *
 * The section names a raw tracepoint only to get a program type that
 * BPF_PROG_TEST_RUN runs (raw_tp since Linux 5.10) and that may call
 * bpf_perf_event_output(); the test never attaches it.
 */
#include "bpf_defs.h"
#include "exact_loss.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perf_out SEC(".maps");

/* One page: 32 records of 128 bytes. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring_out SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exact_tally);
} tally SEC(".maps");

/* The record is built here: 120 bytes are a lot for the BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exact_rec);
} scratch SEC(".maps");

SEC("raw_tp/bb_test_run_only")
int exact_loss_send(__u64 *ctx)
{
	__u64 what = ctx[0];
	struct exact_tally *t;
	struct exact_rec *r;
	__u32 zero = 0, seq;
	int i;

	t = bpf_map_lookup_elem(&tally, &zero);
	r = bpf_map_lookup_elem(&scratch, &zero);
	if (!t || !r)
		return 1;
	seq = t->runs++;
	r->seq = seq;
	r->magic = EXACT_MAGIC;
	for (i = 0; i < EXACT_PAYLOAD; i++)
		r->payload[i] = seq * 7 + i;
	if (what & EXACT_PERF) {
		t->perf_sent++;
		if (bpf_perf_event_output(ctx, &perf_out, BPF_F_CURRENT_CPU, r,
					  sizeof(*r)) < 0)
			t->perf_failed++;
	}
	if (what & EXACT_RING) {
		t->ring_sent++;
		if (bpf_ringbuf_output(&ring_out, r, sizeof(*r), 0) < 0)
			t->ring_failed++;
	}
	return 0;
}
