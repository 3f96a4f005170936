// SPDX-License-Identifier: GPL-2.0
/*
 * ringbuf_walk.c - walk the records of a BPF ring buffer.
 *
 * Ordering: producer_pos and each record's len word are loaded with
 * acquire semantics (the kernel publishes producer_pos with a release store
 * and clears the busy bit with an atomic exchange, both after the bytes
 * they cover are written: kernel/bpf/ringbuf.c), and consumer_pos
 * is stored with release semantics once we are done with a record, so the
 * kernel never reuses bytes we are still reading.
 */
#include <errno.h>

#include "loader/stream/ringbuf_walk.h"

/* Header length plus data, rounded up to the next 8 bytes. */
static uint64_t record_span(uint32_t len)
{
	return (len + BPF_RINGBUF_HDR_SZ + 7) & ~7ull;
}

/*
 * Read producer_pos again once we have caught up with it, as libbpf's
 * reader does: records that came while we read are taken now, not after
 * one more epoll_wait() (under a flood that round trip is what loses
 * records).  One ring's worth of bytes per call at most, so a producer
 * that never stops cannot keep the caller from its signals.
 */
int ringbuf_ring_consume(struct ringbuf_ring *r, bb_ringbuf_fn fn,
			 void *ctx)
{
	unsigned long cons = *r->consumer_pos;	/* only we write it */
	unsigned long start = cons, prod;
	const uint8_t *rec;
	uint32_t word, len;
	int n = 0, ret = 0;

	prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
	while (cons < prod) {
		rec = r->data + (cons & (r->size - 1));
		word = __atomic_load_n((const uint32_t *)rec, __ATOMIC_ACQUIRE);
		if (word & BPF_RINGBUF_BUSY_BIT)
			break;	/* reserved, not yet submitted: wait for it */
		len = word & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
		if (record_span(len) > prod - cons)
			goto corrupt;
		if (!(word & BPF_RINGBUF_DISCARD_BIT)) {
			/* void * as libbpf's type: the mapping is read-only. */
			ret = fn(ctx, (void *)(rec + BPF_RINGBUF_HDR_SZ), len);
			n++;
		}
		cons += record_span(len);
		__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
		if (ret < 0)
			return ret;
		if (cons == prod && cons - start < r->size)
			prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
	}
	return n;
corrupt:
	__atomic_store_n(r->consumer_pos, prod, __ATOMIC_RELEASE);
	return -EBADMSG;
}
