// SPDX-License-Identifier: GPL-2.0
/*
 * stream_test.bpf.c - a steady source of events for testing and measuring
 * the two event streams: one record per getppid() of one chosen process.
 */
#include "bpf_defs.h"
#include "stream_test.h"

char LICENSE[] SEC("license") = "GPL";

/* max_entries 0: the loader makes one slot per possible CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perf_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16384);
} ring_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct stream_config);
} config SEC(".maps");

static __attribute__((always_inline)) void fill(struct stream_rec *r,
						__u32 seq, __u32 pid)
{
	int i;

	r->seq = seq;
	r->pid = pid;
	for (i = 0; i < STREAM_PAYLOAD; i++)
		r->payload[i] = seq * 7 + i;
}

SEC("tp/syscalls/sys_enter_getppid")
int stream_getppid(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32, zero = 0, seq;
	struct stream_config *cfg;
	struct stream_rec rec, *r;

	cfg = bpf_map_lookup_elem(&config, &zero);
	if (!cfg || cfg->pid != pid)
		return 0;
	seq = __sync_fetch_and_add(&cfg->seq, 1);
	if (cfg->transport == STREAM_RINGBUF) {
		/* Reserve, write in place, submit: the record is busy until then. */
		r = bpf_ringbuf_reserve(&ring_events, sizeof(*r), 0);
		if (!r) {
			__sync_fetch_and_add(&cfg->rb_fail, 1);
			return 0;
		}
		fill(r, seq, pid);
		bpf_ringbuf_submit(r, 0);
		return 0;
	}
	/* A full perf ring is reported by the kernel: PERF_RECORD_LOST. */
	fill(&rec, seq, pid);
	bpf_perf_event_output(ctx, &perf_events, BPF_F_CURRENT_CPU, &rec,
			      sizeof(rec));
	return 0;
}
