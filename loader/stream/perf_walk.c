// SPDX-License-Identifier: GPL-2.0
/*
 * perf_walk.c - walk the records of one perf ring.
 *
 * The ordering rules (include/uapi/linux/perf_event.h, above data_head):
 * load data_head with acquire semantics before reading the records it
 * covers, so we never see the new head and old record bytes; store
 * data_tail with release semantics after we are done with a record, so the
 * kernel never overwrites bytes we are still reading.
 */
#include <errno.h>
#include <string.h>

#include "loader/stream/perf_walk.h"

/* The records we understand, as they follow the header. */
struct sample_raw {			/* PERF_SAMPLE_RAW only */
	uint32_t size;
	uint8_t data[];
};

struct lost_record {
	uint64_t id;
	uint64_t lost;
};

/*
 * A pointer to the @len bytes at counter @pos: into the ring itself, or,
 * when they run past its end, into the scratch buffer after copying the
 * two pieces there in order.
 */
static const uint8_t *ring_bytes(struct perf_ring *r, uint64_t pos,
				 uint32_t len)
{
	uint64_t off = pos & (r->size - 1);
	uint64_t first = r->size - off;

	if (len <= first)
		return r->data + off;
	memcpy(r->scratch, r->data + off, first);
	memcpy(r->scratch + first, r->data, len - first);
	return r->scratch;
}

/* Hand one record to its handler; unknown types are skipped. */
static int dispatch(struct perf_ring *r, const struct perf_handlers *h,
		    const struct perf_event_header *hdr, const uint8_t *body)
{
	uint32_t body_len = hdr->size - sizeof(*hdr);
	const struct sample_raw *s = (const void *)body;
	const struct lost_record *l = (const void *)body;

	switch (hdr->type) {
	case PERF_RECORD_SAMPLE:
		if (body_len < sizeof(*s) || s->size > body_len - sizeof(*s))
			return -EBADMSG;
		/* The public type says void *, as libbpf's: a copy or our ring. */
		h->on_event(h->ctx, r->cpu, (void *)s->data, s->size);
		return 0;
	case PERF_RECORD_LOST:
		if (body_len < sizeof(*l))
			return -EBADMSG;
		if (h->on_lost)
			h->on_lost(h->ctx, r->cpu, l->lost);
		return 0;
	default:
		return 0;
	}
}

int perf_ring_consume(struct perf_ring *r, const struct perf_handlers *h)
{
	struct perf_event_mmap_page *meta = r->meta;
	uint64_t head, tail = meta->data_tail;	/* only we write it */
	struct perf_event_header hdr;
	const uint8_t *rec;
	int n = 0, ret;

	head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	while (head - tail >= sizeof(hdr)) {
		memcpy(&hdr, ring_bytes(r, tail, sizeof(hdr)), sizeof(hdr));
		if (hdr.size < sizeof(hdr) || hdr.size > r->size)
			goto corrupt;
		if (hdr.size > head - tail)
			break;	/* not all there yet: next time */
		rec = ring_bytes(r, tail, hdr.size);
		ret = dispatch(r, h, &hdr, rec + sizeof(hdr));
		if (ret)
			goto corrupt;
		tail += hdr.size;
		__atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
		n++;
	}
	return n;
corrupt:
	__atomic_store_n(&meta->data_tail, head, __ATOMIC_RELEASE);
	return -EBADMSG;
}
