/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stream_test.h - what kernel/test/stream_test.bpf.c sends, shared with
 * the kernel tests and the stream benchmark.
 *
 * Every getppid() made by the process named in the config becomes one
 * record: a sequence number and a payload derived from it, so a reader
 * can tell a record that arrived intact from one that was torn or mixed.
 * 100 bytes of payload make a perf record of 112 bytes and a ring buffer
 * record of 112 bytes: neither divides a ring size, so records wrap.
 */
#ifndef BAREBPF_STREAM_TEST_H
#define BAREBPF_STREAM_TEST_H

#define STREAM_PERF 1
#define STREAM_RINGBUF 2
#define STREAM_PAYLOAD 92

struct stream_config {
	__u32 pid;		/* only this process's getppid() counts */
	__u32 transport;	/* STREAM_PERF or STREAM_RINGBUF */
	__u64 seq;		/* next sequence number (BPF counts up) */
	__u64 rb_fail;		/* bpf_ringbuf_reserve() failures */
};

struct stream_rec {
	__u32 seq;
	__u32 pid;
	__u8 payload[STREAM_PAYLOAD];	/* payload[i] == (seq * 7 + i) & 0xff */
};

#endif
